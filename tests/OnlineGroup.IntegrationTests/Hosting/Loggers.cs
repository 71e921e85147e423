using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Hosting;

/// <summary>
/// SignalR asks the logger factory for loggers on every connection and keeps them as long as the
/// connection lives: the factory must hand out one per category (Serilog's made a new one, with its
/// caches, each time), and what is logged must still reach the log.
/// </summary>
public sealed class Loggers
{
    [Fact]
    public async Task EachCategoryHasOneLoggerAndItsEventsStillReachTheLog()
    {
        var path = Path.Combine(TestPaths.LogsFolder, $"loggers-{Guid.NewGuid():N}.json");
        await using var app = new OnlineGroupApp(settings: new Dictionary<string, string?> { ["Serilog:WriteTo:0:Args:path"] = path });
        var factory = app.Services.GetRequiredService<ILoggerFactory>();

        var first = factory.CreateLogger("OnlineGroup.IntegrationTests.Loggers");
        var second = factory.CreateLogger("OnlineGroup.IntegrationTests.Loggers");
        first.LogWarning("Loggers check {Marker}", 4242);

        second.Should().BeSameAs(first);
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        (await new StreamReader(file).ReadToEndAsync()).Should().Contain("4242").And.Contain("OnlineGroup.IntegrationTests.Loggers");
    }
}
