using System.Diagnostics;
using System.Text.Json;

namespace OnlineGroup.Benchmarks.Load;

/// <summary>
/// <c>load</c>: runs the same load against the bare hub and then the product (each its own process,
/// one after the other) and reports each server's figures and the product/bare ratios.
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
        try
        {
            var baseline = await MeasureAsync("bare", options, http, Progress,
                () => ServerProcess.StartBare("bare", Path.Combine(temp.FullName, "bare.log"), serverGc),
                server => Task.FromResult(BareMembers(options)));
            report.Add(baseline);

            ServerResult subject;
            if (options.Subject == Subject.Bare)
            {
                subject = await MeasureAsync("bare #2", options, http, Progress,
                    () => ServerProcess.StartBare("bare #2", Path.Combine(temp.FullName, "bare2.log"), serverGc),
                    server => Task.FromResult(BareMembers(options)));
            }
            else
            {
                const string adminUser = "loadadmin";
                var adminPassword = "Load-" + Guid.NewGuid().ToString("N");
                var dataDir = Directory.CreateDirectory(Path.Combine(temp.FullName, "product")).FullName;
                subject = await MeasureAsync("product", options, http, Progress,
                    () => ServerProcess.StartProduct("product", serverDll, repoRoot, dataDir, adminUser, adminPassword, Path.Combine(temp.FullName, "product.log")),
                    server => ProductSetup.PrepareAsync(http, server, options, adminUser, adminPassword));
            }

            report.Add(subject);
        }
        finally
        {
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

        var text = report.Render();
        if (options.OutPath is { } outPath)
        {
            await File.WriteAllTextAsync(outPath, text);
        }

        Console.Write(text);
        var ratios = report.Ratios();
        Console.WriteLine(ratios.LastLine);
        return ratios.Complete ? 0 : 1;
    }

    private static async Task<ServerResult> MeasureAsync(
        string name,
        LoadOptions options,
        HttpClient http,
        Action<string> progress,
        Func<ServerProcess> start,
        Func<ServerProcess, Task<List<LoadMember>>> prepare)
    {
        var result = new ServerResult { Name = name };
        await using var server = start();
        List<LoadMember> members = [];
        LoadGenerator? generator = null;
        try
        {
            await server.WaitReadyAsync(http, TimeSpan.FromSeconds(90));
            progress($"{name}: pid {server.Pid} listening on {server.BaseUri}");

            var watch = Stopwatch.StartNew();
            members = await prepare(server);
            if (members.Any(m => m.Token is not null))
            {
                result.RestSetupSeconds = watch.Elapsed.TotalSeconds;
                progress($"{name}: {members.Count} members created and redeemed over REST in {watch.Elapsed.TotalSeconds:F1} s");
            }

            await Task.Delay(1000);
            result.RssBefore = server.ReadRssBytes();
            generator = new LoadGenerator(server, options, progress);
            watch.Restart();
            var (connected, admitted, firstError) = await generator.ConnectAllAsync(members);
            result.ConnectSeconds = watch.Elapsed.TotalSeconds;
            result.Connections = members.Count;
            result.Connected = connected;
            result.Admitted = admitted;
            result.ConnectError = firstError;
            await Task.Delay(1000);
            result.RssAfter = server.ReadRssBytes();
            progress($"{name}: {connected}/{members.Count} connected, {admitted} admitted in {result.ConnectSeconds:F1} s; RSS {result.RssBefore / 1048576.0:F0} -> {result.RssAfter / 1048576.0:F0} MiB{(firstError is null ? "" : "; first error: " + firstError)}");

            await generator.WarmUpAsync(Math.Min(3, options.StepSeconds));
            result.SelfDelivery = generator.SelfDelivery;

            result.Light = await generator.RunStepAsync("light", 0, options.LightRate, options.StepSeconds);
            progress($"{name}: {LoadReport.StepLine(result.Light, options)}");
            for (var i = 0; i < options.Steps.Count; i++)
            {
                var step = await generator.RunStepAsync((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), i + 1, options.Steps[i], options.StepSeconds);
                result.Steps.Add(step);
                progress($"{name}: {LoadReport.StepLine(step, options)}");
                if (!step.Sustained(options.P99LimitMs))
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TimeoutException or IOException)
        {
            result.Error = e.Message;
            progress($"{name}: FAILED: {e.Message}");
        }
        finally
        {
            if (generator is not null)
            {
                await generator.DisconnectAllAsync(members);
            }
        }

        return result;
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
    public bool SelfDelivery { get; set; }
    public StepResult? Light { get; set; }
    public List<StepResult> Steps { get; } = [];
    public string? Error { get; set; }

    public double ConnectionsPerSecond => ConnectSeconds > 0 ? Connected / ConnectSeconds : double.NaN;

    public double BytesPerConnection => Connected > 0 ? (RssAfter - RssBefore) / (double)Connected : double.NaN;

    public StepResult? HighestSustained(double p99LimitMs) => Steps.LastOrDefault(s => s.Sustained(p99LimitMs));
}
