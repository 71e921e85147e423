using BenchmarkDotNet.Running;
using OnlineGroup.Benchmarks;

// dotnet run -c Release --project tests/OnlineGroup.Benchmarks -- <benchmark> [BenchmarkDotNet options]
// e.g. `-- scan --job short`. Add a benchmark by adding a case below.
return args.Length == 0 ? Usage() : args[0] switch
{
    "scan" => Run<ScanBenchmarks>(args[1..]),
    "scan-cpu" => CpuTime(() => ScanBenchmarks.MeasureCpuTime()),
    _ => Usage(),
};

static int CpuTime(Action measure)
{
    measure();
    return 0;
}

static int Run<T>(string[] options)
{
    // Without a filter BenchmarkSwitcher asks which benchmark to run; the subcommand has already said.
    string[] withFilter = options.Contains("--filter") ? options : [.. options, "--filter", "*"];
    var summaries = BenchmarkSwitcher.FromTypes([typeof(T)]).Run(withFilter);
    return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/OnlineGroup.Benchmarks -- <benchmark> [BenchmarkDotNet options]");
    Console.Error.WriteLine("  scan       one safeguarding scan of a 300-character message, at 100, 1,000 and 10,000 patterns and the shipped rules");
    Console.Error.WriteLine("  scan-cpu   the same scans timed by CPU time, for machines busy with other work");
    return 2;
}
