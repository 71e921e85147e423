namespace OnlineGroup.Server.Hosting;

/// <summary>
/// SignalR writes every message to a connection through a pipe whose 4 KiB segments come from the
/// runtime's shared array pool, which keeps 32 arrays of a size per core. With a few thousand
/// connections each holding a segment while a busy evening's broadcasts wait to be sent, the pool ran
/// dry and every further segment was a new array, garbage once sent: at 2,400 sends/s with 1,000
/// connections that was 78% of everything the server allocated (trace in docs/benchmarks.md).
/// </summary>
public static class BufferPool
{
    /// <summary>The runtime reads this once, the first time the pool is used; an operator's own value wins.</summary>
    public const string Variable = "DOTNET_SYSTEM_BUFFERS_SHAREDARRAYPOOL_MAXARRAYSPERPARTITION";

    /// <summary>Arrays kept per size per core: enough for a segment per connection at a few thousand connections.</summary>
    public const int ArraysPerCore = 1024;

    /// <summary>Must run before anything rents from the pool: the first line of Program.</summary>
    public static void SizeForManyConnections()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Environment.SetEnvironmentVariable(Variable, ArraysPerCore.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
