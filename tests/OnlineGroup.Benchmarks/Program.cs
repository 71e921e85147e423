using BenchmarkDotNet.Running;
using OnlineGroup.Benchmarks;
using OnlineGroup.Benchmarks.Abuse;
using OnlineGroup.Benchmarks.Load;

// One executable (dotnet run -c Release --project tests/OnlineGroup.Benchmarks -- <command>):
//   load [options]               the SignalR load benchmark: bare hub vs the product (Load/)
//   abuse [seconds]              one account floods sends, connections and JoinGroup while others chat (Abuse/)
//   bare-server --urls URL       the bare broadcast hub the load benchmark measures against
//   scan [BenchmarkDotNet opts]  one safeguarding scan at 100, 1,000 and 10,000 patterns and the shipped rules
//   scan-cpu                     the same scans timed by CPU time, for machines busy with other work
//   calendar [BenchmarkDotNet]   the opening-times calendar (SessionCalendar.At)
//   anything else                BenchmarkDotNet classes in this assembly (e.g. --filter '*Scan*')
switch (args.Length > 0 ? args[0] : null)
{
    case "load":
        return await LoadCommand.RunAsync(args[1..]);
    case "abuse":
        return await AbuseCommand.RunAsync(args[1..]);
    case "bare-server":
        await BareServer.RunAsync(args[1..]);
        return 0;
    case "scan":
        return Run<ScanBenchmarks>(args[1..]);
    case "scan-cpu":
        ScanBenchmarks.MeasureCpuTime();
        return 0;
    case "calendar":
        return Run<CalendarBenchmarks>(args[1..]);
    default:
        // Not typeof(Program): the referenced server also declares a public Program (for
        // WebApplicationFactory), and naming it here is error CS0436 under warnings-as-errors.
        BenchmarkSwitcher.FromAssembly(typeof(LoadCommand).Assembly).Run(args);
        return 0;
}

static int Run<T>(string[] options)
{
    // Without a filter BenchmarkSwitcher asks which benchmark to run; the command has already said.
    string[] withFilter = options.Contains("--filter") ? options : [.. options, "--filter", "*"];
    var summaries = BenchmarkSwitcher.FromTypes([typeof(T)]).Run(withFilter);
    return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
}
