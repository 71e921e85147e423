using System.Globalization;

namespace OnlineGroup.Server.Hosting;

/// <summary>
/// The runtime settings the server ships with in its project file (written into
/// <c>OnlineGroup.Server.runtimeconfig.json</c>), said once at start so an operator can see what is in effect.
/// <para>
/// The garbage collector's gen0 budget is capped (<c>System.GC.Gen0MaxBudget</c>). Left to itself the
/// collector sizes gen0 from the heap, and this server's heap is large before anyone connects (the
/// safeguarding automaton, EF Core's models, Quartz): while an evening's members connected the budget grew
/// from 6.5 to 27 MB a heap, and the garbage it let build up was a third of what each connection appeared to
/// cost (docs/benchmarks.md, item 18). With at most <see cref="Gen0MaxBudgetBytes"/> a heap the collector
/// runs more often on less, and the CPU per message measured the same.
/// </para>
/// <para>
/// Idle thread-pool workers do not spin (<c>System.Threading.ThreadPool.UnfairSemaphoreSpinLimit</c> 0).
/// By default a worker that runs out of work spins and yields the core up to 70 times before it sleeps, in
/// case more work comes: about 2,900 <c>sched_yield</c> calls a second on a 2-core machine at 800 messages
/// a second. That is CPU taken from the message writer's thread, which stores every message and waits in
/// the run queue behind them, and from whatever else shares the machine. Without it the server used a third
/// less CPU at an evening's load, and messages reached people no later (docs/benchmarks.md, item 19).
/// </para>
/// </summary>
public static partial class RuntimeSettings
{
    /// <summary>The value in the project file; the test of the running server checks the two agree.</summary>
    public const long Gen0MaxBudgetBytes = 6 * 1024 * 1024;

    /// <summary>The value in the project file; the test of the running server checks the two agree.</summary>
    public const int ThreadPoolSpinLimit = 0;

    private const string SpinLimitSetting = "System.Threading.ThreadPool.UnfairSemaphoreSpinLimit";
    private const string SpinLimitVariable = "DOTNET_ThreadPool_UnfairSemaphoreSpinLimit";

    /// <summary>Logs the collector's mode, its heaps, the gen0 cap, the buffer pool's size per core and the thread pool's spinning.</summary>
    public static void LogRuntimeSettings(this WebApplication app)
    {
        var settings = GC.GetConfigurationVariables();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RuntimeSettings).FullName!);
        LogMemory(
            logger,
            settings.TryGetValue("ServerGC", out var server) && server is true ? "server" : "workstation",
            settings.TryGetValue("HeapCount", out var heaps) ? Convert.ToInt64(heaps, CultureInfo.InvariantCulture) : 1,
            settings.TryGetValue("GCGen0MaxBudget", out var budget) ? Convert.ToInt64(budget, CultureInfo.InvariantCulture) / 1024 : 0,
            Environment.GetEnvironmentVariable(BufferPool.Variable) ?? "the runtime's default");
        LogThreadPool(logger, SpinLimit());
    }

    /// <summary>What the runtime reads: the environment variable (hexadecimal) first, then runtimeconfig.json, else its default of 70.</summary>
    private static int SpinLimit()
    {
        var variable = Environment.GetEnvironmentVariable(SpinLimitVariable);
        if (variable is not null && uint.TryParse(variable.StartsWith("0x", StringComparison.Ordinal) ? variable[2..] : variable,
            NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var fromVariable) && fromVariable <= int.MaxValue)
        {
            return (int)fromVariable;
        }

        return AppContext.GetData(SpinLimitSetting) switch
        {
            string text when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var fromConfig) && fromConfig >= 0 => fromConfig,
            int number when number >= 0 => number,
            _ => 70,
        };
    }

    [LoggerMessage(3101, LogLevel.Information, "Memory: {Collector} garbage collector, {Heaps} heaps, gen0 budget at most {Gen0MaxBudgetKiB} KiB a heap, pooled buffers per size per core {BuffersPerCore}")]
    private static partial void LogMemory(ILogger logger, string collector, long heaps, long gen0MaxBudgetKiB, string buffersPerCore);

    [LoggerMessage(3102, LogLevel.Information, "Threads: an idle thread-pool worker spins for work at most {SpinLimit} times before it sleeps")]
    private static partial void LogThreadPool(ILogger logger, int spinLimit);
}
