namespace OnlineGroup.Server.Hosting;

/// <summary>
/// How the server holds memory, said once at start so an operator can see what is in effect.
/// <para>
/// The garbage collector's gen0 budget is capped in the project file
/// (<c>System.GC.Gen0MaxBudget</c>, written into <c>OnlineGroup.Server.runtimeconfig.json</c>). Left to
/// itself the collector sizes gen0 from the heap, and this server's heap is large before anyone connects
/// (the safeguarding automaton, EF Core's models, Quartz): while an evening's members connected the budget
/// grew from 6.5 to 27 MB a heap, and the garbage it let build up was a third of what each connection
/// appeared to cost (docs/benchmarks.md, item 18). With at most <see cref="Gen0MaxBudgetBytes"/> a heap the
/// collector runs more often on less, and the CPU per message measured the same.
/// </para>
/// </summary>
public static partial class RuntimeMemory
{
    /// <summary>The value in the project file; the test of the running server checks the two agree.</summary>
    public const long Gen0MaxBudgetBytes = 6 * 1024 * 1024;

    /// <summary>Logs the collector's mode, its heaps, the gen0 cap and the buffer pool's size per core.</summary>
    public static void LogRuntimeMemory(this WebApplication app)
    {
        var settings = GC.GetConfigurationVariables();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RuntimeMemory).FullName!);
        LogSettings(
            logger,
            settings.TryGetValue("ServerGC", out var server) && server is true ? "server" : "workstation",
            settings.TryGetValue("HeapCount", out var heaps) ? Convert.ToInt64(heaps, System.Globalization.CultureInfo.InvariantCulture) : 1,
            settings.TryGetValue("GCGen0MaxBudget", out var budget) ? Convert.ToInt64(budget, System.Globalization.CultureInfo.InvariantCulture) / 1024 : 0,
            Environment.GetEnvironmentVariable(BufferPool.Variable) ?? "the runtime's default");
    }

    [LoggerMessage(3101, LogLevel.Information, "Memory: {Collector} garbage collector, {Heaps} heaps, gen0 budget at most {Gen0MaxBudgetKiB} KiB a heap, pooled buffers per size per core {BuffersPerCore}")]
    private static partial void LogSettings(ILogger logger, string collector, long heaps, long gen0MaxBudgetKiB, string buffersPerCore);
}
