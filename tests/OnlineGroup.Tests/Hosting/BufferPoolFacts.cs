using OnlineGroup.Server.Hosting;

namespace OnlineGroup.Tests.Hosting;

public sealed class BufferPoolFacts : IDisposable
{
    private readonly string? _before = Environment.GetEnvironmentVariable(BufferPool.Variable);

    public void Dispose() => Environment.SetEnvironmentVariable(BufferPool.Variable, _before);

    [Fact]
    public void TheServerKeepsEnoughBuffersForASegmentPerConnection()
    {
        Environment.SetEnvironmentVariable(BufferPool.Variable, null);

        BufferPool.SizeForManyConnections();

        Environment.GetEnvironmentVariable(BufferPool.Variable).Should().Be("1024");
    }

    [Fact]
    public void AnOperatorsOwnSettingIsLeftAlone()
    {
        Environment.SetEnvironmentVariable(BufferPool.Variable, "64");

        BufferPool.SizeForManyConnections();

        Environment.GetEnvironmentVariable(BufferPool.Variable).Should().Be("64");
    }
}
