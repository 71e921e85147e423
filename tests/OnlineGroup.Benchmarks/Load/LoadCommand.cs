using System.Diagnostics;
using System.Runtime;
using System.Text.Json;

namespace OnlineGroup.Benchmarks.Load;

/// <summary>
/// <c>load</c>: runs the same load against the bare hub and the product (each its own process, both
/// up at once, steps taken in turn) and reports each server's figures and the product/bare ratios.
/// </summary>
internal static class LoadCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(LoadOptions.Usage);
            return 2;
        }

        var repoRoot = options.RepoRoot ?? FindRepoRoot();
        var serverDll = options.ServerDll ?? Path.Combine(repoRoot, "src", "OnlineGroup.Server", "bin", "Release", "net10.0", "OnlineGroup.Server.dll");
        var temp = Directory.CreateTempSubdirectory("onlinegroup-load-");
        // Receive handlers and send continuations run on the pool; start it wide enough for 2,500 sockets.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(io, 32));

        var report = new LoadReport(options, args);
        void Progress(string line) => Console.Error.WriteLine($"[load {DateTime.Now:HH:mm:ss}] {line}");
        Progress($"{options.Connections} connections ({options.Groups} x {options.Members}), steps {string.Join(",", options.Steps)} sends/s x {options.StepSeconds} s; temp {temp.FullName}");

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
        var serverGc = ReadServerGc(serverDll);
        var started = Stopwatch.GetTimestamp();
        var baseline = new Target("bare",
            () => ServerProcess.StartBare("bare", Path.Combine(temp.FullName, "bare.log"), serverGc),
            _ => Task.FromResult(BareMembers(options)));
        Target subject;
        if (options.Subject == Subject.Bare)
        {
            subject = new Target("bare #2",
                () => ServerProcess.StartBare("bare #2", Path.Combine(temp.FullName, "bare2.log"), serverGc),
                _ => Task.FromResult(BareMembers(options)));
        }
        else
        {
            const string adminUser = "loadadmin";
            var adminPassword = "Load-" + Guid.NewGuid().ToString("N");
            var dataDir = Directory.CreateDirectory(Path.Combine(temp.FullName, "product")).FullName;
            subject = new Target("product",
                () => ServerProcess.StartProduct("product", serverDll, repoRoot, dataDir, adminUser, adminPassword, Path.Combine(temp.FullName, "product.log")),
                server => ProductSetup.PrepareAsync(http, server, options, adminUser, adminPassword));
        }

        try
        {
            await WarmUpClientAsync(options, http, serverGc, Path.Combine(temp.FullName, "warm-up.log"), Progress);
            report.StoppedByBudget = await MeasureAsync([baseline, subject], options, http, started, Progress);
        }
        finally
        {
            await baseline.DisposeAsync();
            await subject.DisposeAsync();
            Progress($"done in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s");
            if (!options.Keep)
            {
                try
                {
                    temp.Delete(recursive: true);
                }
                catch (IOException)
                {
                    // best effort
                }
            }
            else
            {
                Progress($"kept {temp.FullName}");
            }
        }

        report.Add(baseline.Result);
        report.Add(subject.Result);
        var text = report.Render();
        if (options.OutPath is { } outPath)
        {
            await File.WriteAllTextAsync(outPath, text);
        }

        Console.Write(text);
        var ratios = report.Ratios();
        foreach (var line in report.CeilingLines())
        {
            Console.WriteLine(line);
        }

        Console.WriteLine(ratios.LastLine);
        return ratios.Complete ? 0 : 1;
    }

    /// <summary>
    /// Both servers run side by side; every step is run on one and then the other (alternating which
    /// goes first), so that load from other work on a shared machine falls on both alike. A server
    /// that saturates (or fails) is not stepped further; the other goes on.
    /// </summary>
    private static async Task<bool> MeasureAsync(Target[] targets, LoadOptions options, HttpClient http, long started, Action<string> progress)
    {
        foreach (var t in targets)
        {
            await t.PhaseAsync(progress, async () =>
            {
                t.Server = t.Start();
                await t.Server.WaitReadyAsync(http, TimeSpan.FromSeconds(90));
                progress($"{t.Name}: pid {t.Server.Pid} listening on {t.Server.BaseUri}");
            });
        }

        foreach (var t in targets)
        {
            await t.PhaseAsync(progress, async () =>
            {
                var server = t.Server!;
                var result = t.Result;
                var watch = Stopwatch.StartNew();
                t.Members = await t.Prepare(server);
                if (t.Members.Any(m => m.Token is not null))
                {
                    result.RestSetupSeconds = watch.Elapsed.TotalSeconds;
                    progress($"{t.Name}: {t.Members.Count} members created and redeemed over REST in {watch.Elapsed.TotalSeconds:F1} s");
                }

                await Task.Delay(1000);
                result.RssBefore = server.ReadRssBytes();
                t.Generator = new LoadGenerator(server, options, progress);
                watch.Restart();
                var paused = TimeSpan.Zero;
                var (connected, admitted, firstError) = await t.Generator.ConnectAllAsync(t.Members, async () =>
                {
                    var pause = Stopwatch.StartNew();
                    await Task.Delay(1000);
                    result.RssHalf = server.ReadRssBytes();
                    result.ConnectedAtHalf = t.Members.Count(m => m.Connection is not null);
                    paused = pause.Elapsed;
                });
                result.ConnectSeconds = (watch.Elapsed - paused).TotalSeconds;
                result.Connections = t.Members.Count;
                result.Connected = connected;
                result.Admitted = admitted;
                result.ConnectError = firstError;
                await Task.Delay(1000);
                result.RssAfter = server.ReadRssBytes();
                progress($"{t.Name}: {connected}/{t.Members.Count} connected, {admitted} admitted in {result.ConnectSeconds:F1} s; RSS {result.RssBefore / 1048576.0:F0} -> {result.RssAfter / 1048576.0:F0} MiB{(firstError is null ? "" : "; first error: " + firstError)}");
            });
        }

        // The generator's own collections would land in whichever server's round is running: one gen1
        // collection promoting the state of 5,000 client connections paused it for 260 ms and made a
        // server's light-load p99 42.8 ms. All that state goes to gen2 now, and blocking full collections
        // are kept out of the rounds (SettleGenerator does the rest before each round).
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
        foreach (var t in targets)
        {
            await t.PhaseAsync(progress, async () =>
            {
                await t.Generator!.WarmUpAsync(Math.Min(3, options.StepSeconds));
                t.Result.SelfDelivery = t.Generator.SelfDelivery;
            });
        }

        var beforeLight = Stopwatch.GetElapsedTime(started);
        var light = await RunStepAsync(targets, "light", 0, options.LightRate, options, 0, progress);
        foreach (var (t, result) in light)
        {
            t.Result.Light = result;
        }

        var stepTook = Stopwatch.GetElapsedTime(started) - beforeLight;
        var stoppedByBudget = await StepUpAsync(targets, options, started, stepTook, progress);
        for (var i = 0; i < options.CeilingWindows.Count && targets.Any(t => t.Result.Error is null); i++)
        {
            if (Overrun(options, started, stepTook) is { } budget)
            {
                progress($"no closed-loop step: it would end after the {budget} s budget");
                return true;
            }

            var window = options.CeilingWindows[i];
            var ceiling = await RunStepAsync(
                [.. targets.Where(t => t.Result.Error is null)], $"{window} in flight", options.CeilingStepNumber(i),
                LoadOptions.CeilingSizingRate, options, i, progress, window);
            foreach (var (t, result) in ceiling)
            {
                t.Result.Ceilings.Add(result);
            }
        }

        return stoppedByBudget;
    }

    /// <summary>The time budget, when one more step as long as <paramref name="stepTook"/> would end after it; otherwise null.</summary>
    private static double? Overrun(LoadOptions options, long started, TimeSpan stepTook) =>
        options.BudgetSeconds is { } budget && (Stopwatch.GetElapsedTime(started) + stepTook).TotalSeconds > budget ? budget : null;

    /// <summary>
    /// The fixed-rate steps of <c>--steps</c>, in order, until every server is saturated.
    /// True when the time budget ended them first.
    /// </summary>
    private static async Task<bool> StepUpAsync(Target[] targets, LoadOptions options, long started, TimeSpan stepTook, Action<string> progress)
    {
        for (var i = 0; i < options.Steps.Count && targets.Any(t => t.Stepping); i++)
        {
            if (Overrun(options, started, stepTook) is { } budget)
            {
                progress($"stopping before step {i + 1}: it would end after the {budget} s budget");
                return true;
            }

            var stepStarted = Stopwatch.GetTimestamp();
            var label = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var stepping = targets.Where(t => t.Stepping).ToArray();
            for (var attempt = 0; attempt <= options.Retries && stepping.Length > 0; attempt++)
            {
                if (attempt > 0 && Overrun(options, started, stepTook) is { } left)
                {
                    progress($"no retry of step {label}: it would end after the {left} s budget");
                    return true;
                }

                // One step over the limit is not yet saturation: on two cores shared with the generator a
                // server's p99 moves by ±50 ms from one step to the next near the knee, and the bare hub
                // against itself read 0.80 to 1.25. A server whose p99 (or send rate) failed runs the same
                // rate again and is saturated only if that fails too; a loss is never retried.
                var retry = new List<Target>();
                foreach (var (t, step) in await RunStepAsync(stepping, attempt == 0 ? label : $"{label} again", StepNumber(i, attempt, options), options.Steps[i], options, i + 1 + attempt, progress))
                {
                    t.Result.Steps.Add(step);
                    var verdict = step.Verdict(options.P99LimitMs);
                    if (verdict is "p99" or "rate" && attempt < options.Retries)
                    {
                        retry.Add(t);
                        progress($"{t.Name}: step {label} failed on {verdict}; running it again");
                    }
                    else
                    {
                        t.Saturated = verdict != "ok";
                    }
                }

                stepping = [.. retry];
            }

            stepTook = Stopwatch.GetElapsedTime(stepStarted);
        }

        return false;
    }

    /// <summary>
    /// Each attempt at a step has a number of its own (stamped into its messages), so that a late delivery
    /// from a failed attempt does not count in its retry.
    /// </summary>
    private static int StepNumber(int index, int attempt, LoadOptions options) => 1 + index + (attempt * options.Steps.Count);

    /// <summary>
    /// One step on each target, as <c>--rounds</c> rounds per target taken in turn (A B B A ...), so that
    /// a burst of other work on the machine falls on both servers' samples alike.
    /// </summary>
    /// <remarks>With <paramref name="window"/> above 0 the step is closed-loop: that many sends always in flight.</remarks>
    private static async Task<List<(Target Target, StepResult Result)>> RunStepAsync(
        Target[] targets, string label, int step, int rate, LoadOptions options, int order, Action<string> progress, int window = 0)
    {
        var runs = new Dictionary<Target, LoadGenerator.StepRun>();
        foreach (var t in targets)
        {
            await t.PhaseAsync(progress, () =>
            {
                runs[t] = t.Generator!.BeginStep(label, step, rate, options.StepSeconds, window);
                return Task.CompletedTask;
            });
        }

        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var t in (order + round) % 2 == 0 ? targets : targets.Reverse())
            {
                if (runs.TryGetValue(t, out var run))
                {
                    SettleGenerator();
                    await t.PhaseAsync(progress, () => t.Generator!.RunRoundAsync(run, (double)options.StepSeconds / options.Rounds));
                }
            }
        }

        var results = new List<(Target, StepResult)>();
        foreach (var (t, run) in runs)
        {
            if (t.Result.Error is null)
            {
                var result = t.Generator!.EndStep(run);
                progress($"{t.Name}: {LoadReport.StepLine(result, options)}");
                results.Add((t, result));
            }
        }

        return results;
    }

    /// <summary>
    /// Collects this process's young generations before a round, while nothing is in flight, so that a
    /// collection during the round finds only the round's own short-lived garbage and pauses the
    /// generator (and with it every delivery being timed) as little as it can. Never the servers' GC.
    /// </summary>
    private static void SettleGenerator() => GC.Collect(1, GCCollectionMode.Forced, blocking: true);

    /// <summary>
    /// Warms this process's client code (SignalR client, WebSockets, JSON) on a throwaway bare server, so
    /// that whichever server is measured first does not pay for the client's JIT in its set-up rate.
    /// </summary>
    private static async Task WarmUpClientAsync(LoadOptions options, HttpClient http, bool serverGc, string logPath, Action<string> progress)
    {
        var warm = options with { Groups = 2 };
        await using var server = ServerProcess.StartBare("warm-up", logPath, serverGc);
        await server.WaitReadyAsync(http, TimeSpan.FromSeconds(90));
        var members = BareMembers(warm);
        var generator = new LoadGenerator(server, warm, progress);
        try
        {
            await generator.ConnectAllAsync(members);
            await generator.WarmUpAsync(2);
        }
        finally
        {
            await generator.DisconnectAllAsync(members);
        }

        progress($"client warmed up on a throwaway bare server ({members.Count} connections)");
    }

    /// <summary>One server under test and the state of its run.</summary>
    private sealed class Target(string name, Func<ServerProcess> start, Func<ServerProcess, Task<List<LoadMember>>> prepare) : IAsyncDisposable
    {
        public string Name { get; } = name;

        public Func<ServerProcess> Start { get; } = start;

        public Func<ServerProcess, Task<List<LoadMember>>> Prepare { get; } = prepare;

        public ServerResult Result { get; } = new() { Name = name };

        public ServerProcess? Server { get; set; }

        public List<LoadMember> Members { get; set; } = [];

        public LoadGenerator? Generator { get; set; }

        public bool Saturated { get; set; }

        public bool Stepping => Result.Error is null && !Saturated;

        /// <summary>Runs one phase unless an earlier one failed; a failure is recorded, not thrown.</summary>
        public async Task PhaseAsync(Action<string> progress, Func<Task> phase)
        {
            if (Result.Error is not null)
            {
                return;
            }

            try
            {
                await phase();
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TimeoutException or IOException or KeyNotFoundException or System.Text.Json.JsonException)
            {
                Result.Error = e.Message;
                progress($"{Name}: FAILED: {e.Message}");
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (Generator is not null)
            {
                await Generator.DisconnectAllAsync(Members);
            }

            if (Server is not null)
            {
                await Server.DisposeAsync();
            }
        }
    }

    private static List<LoadMember> BareMembers(LoadOptions options) =>
        [.. Enumerable.Range(0, options.Connections).Select(i => new LoadMember(i, i / options.Members, $"bare-{i / options.Members + 1}"))];

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OnlineGroup.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    /// <summary>The product's GC mode from its runtimeconfig (a Web SDK project: server GC unless turned off).</summary>
    private static bool ReadServerGc(string serverDll)
    {
        var config = Path.ChangeExtension(serverDll, ".runtimeconfig.json");
        if (!File.Exists(config))
        {
            return true;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(config));
        return !document.RootElement.TryGetProperty("runtimeOptions", out var runtime)
            || !runtime.TryGetProperty("configProperties", out var properties)
            || !properties.TryGetProperty("System.GC.Server", out var server)
            || server.ValueKind != JsonValueKind.False;
    }
}

/// <summary>Everything measured on one server.</summary>
internal sealed class ServerResult
{
    public required string Name { get; init; }
    public int Connections { get; set; }
    public int Connected { get; set; }
    public int Admitted { get; set; }
    public string? ConnectError { get; set; }
    public double? RestSetupSeconds { get; set; }
    public double ConnectSeconds { get; set; }
    public long RssBefore { get; set; }
    public long RssAfter { get; set; }

    /// <summary>RSS once half the members were connected, and how many were.</summary>
    public long RssHalf { get; set; }

    public int ConnectedAtHalf { get; set; }

    /// <summary>What one more connection costs: the RSS slope from half connected to all connected.</summary>
    public double MarginalBytesPerConnection => Connected > ConnectedAtHalf && RssHalf > 0 ? (RssAfter - RssHalf) / (double)(Connected - ConnectedAtHalf) : double.NaN;
    public bool SelfDelivery { get; set; }
    public StepResult? Light { get; set; }

    /// <summary>The closed-loop steps after the fixed-rate ones (<c>--ceiling-windows</c>), in the order run.</summary>
    public List<StepResult> Ceilings { get; } = [];
    public List<StepResult> Steps { get; } = [];
    public string? Error { get; set; }

    public double ConnectionsPerSecond => ConnectSeconds > 0 ? Connected / ConnectSeconds : double.NaN;

    public double BytesPerConnection => Connected > 0 ? (RssAfter - RssBefore) / (double)Connected : double.NaN;

    public StepResult? HighestSustained(double p99LimitMs) => Steps.LastOrDefault(s => s.Sustained(p99LimitMs));
}
