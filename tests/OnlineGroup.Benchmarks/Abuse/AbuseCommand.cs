using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using OnlineGroup.Benchmarks.Load;

namespace OnlineGroup.Benchmarks.Abuse;

/// <summary>
/// <c>abuse</c>: the product (its own process, default rate limits and connection cap) under three
/// attacks from one account — a send flood, 500 connections, 10,000 JoinGroup calls — while other
/// young people chat. Prints what got through, what was refused, and the others' delivery latency.
/// </summary>
internal static class AbuseCommand
{
    private const string AdminUser = "abuseadmin";
    private static readonly string[] Configurations = ["Release", "Debug"];

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var repoRoot = FindRepoRoot();
        var serverDll = Configurations
            .Select(c => Path.Combine(repoRoot, "src", "OnlineGroup.Server", "bin", c, "net10.0", "OnlineGroup.Server.dll"))
            .FirstOrDefault(File.Exists) ?? throw new FileNotFoundException("Build the server first (dotnet build -c Release).");
        var temp = Directory.CreateTempSubdirectory("onlinegroup-abuse-");
        var adminPassword = "Abuse-" + Guid.NewGuid().ToString("N")[..12];
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        await using var server = ServerProcess.StartProduct("product", serverDll, repoRoot, temp.FullName, AdminUser, adminPassword, Path.Combine(temp.FullName, "product.log"),
            new Dictionary<string, string>
            {
                // The shipped defaults, not the load benchmark's: this measures the limits themselves.
                ["Chat__RateLimit__Burst"] = "20",
                ["Chat__RateLimit__PerSecond"] = "1",
                ["Serilog__MinimumLevel__Default"] = "Warning",
            });
        await server.WaitReadyAsync(http, TimeSpan.FromSeconds(90));
        Console.WriteLine($"abuse benchmark: {serverDll} ({(serverDll.Contains("Release", StringComparison.Ordinal) ? "Release" : "Debug")}), {Environment.ProcessorCount} cores, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");

        var setup = new ProductSetup(http, server.BaseUri);
        var admin = await setup.LoginAsync(AdminUser, adminPassword);
        var groupId = await setup.CreateGroupAsync(admin, "Abuse room", 20);
        await setup.AssignLeadAsync(admin, groupId, await setup.CreateLeadAsync(admin));
        await setup.OpenSessionAsync(admin, groupId, TimeProvider.System.GetUtcNow());
        async Task<string> Member(string name) => await setup.RedeemAsync(await setup.AddMemberAsync(admin, groupId, name), "abuse-" + name.ToLowerInvariant() + "-" + Guid.NewGuid().ToString("N")[..6], "Abuse-test-Passw0rd!");

        var room = new Room(server.BaseUri, groupId);
        await room.StartAsync([.. await Task.WhenAll(Enumerable.Range(1, 6).Select(i => Member($"Talker{i}")))], await Member("Listener"));

        Console.WriteLine();
        Console.WriteLine($"(1) send flood: one user sends as fast as it can for {seconds} s (target 1,000 messages/s)");
        var before = await room.ChatAsync(TimeSpan.FromSeconds(seconds), () => Task.CompletedTask);
        Console.WriteLine($"    others before:  {before}");
        var flooderToken = await Member("Flooder");
        var flood = new Dictionary<string, int>(StringComparer.Ordinal);
        var attempts = 0;
        var during = await room.ChatAsync(TimeSpan.FromSeconds(seconds), async () =>
        {
            await using var flooder = await Connect(server.BaseUri, flooderToken);
            await flooder.InvokeAsync<JsonElement>("JoinGroup", groupId);
            var stop = Stopwatch.StartNew();
            // 64 sends in flight on one connection: as fast as the server answers.
            await Parallel.ForEachAsync(Enumerable.Range(0, 64), async (_, ct) =>
            {
                while (stop.Elapsed < TimeSpan.FromSeconds(seconds))
                {
                    Interlocked.Increment(ref attempts);
                    var answer = await flooder.InvokeAsync<JsonElement>("SendMessage", groupId, Guid.NewGuid().ToString("N"), "flood", ct);
                    var key = answer.GetProperty("status").GetString() + (answer.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? "/" + r.GetString() : "");
                    lock (flood)
                    {
                        flood[key] = flood.GetValueOrDefault(key) + 1;
                    }
                }
            });
        });
        Console.WriteLine($"    flooder: {attempts} sends in {seconds} s = {attempts / (double)seconds:0} /s; answers: {string.Join(", ", flood.OrderByDescending(f => f.Value).Select(f => $"{f.Key} {f.Value}"))}");
        Console.WriteLine($"    others during:  {during}");

        Console.WriteLine();
        Console.WriteLine("(2) one user opens 500 connections");
        var connectorToken = await Member("Connector");
        var health = new HealthProbe(http, server.BaseUri);
        var opened = new ConcurrentBag<HubConnection>();
        var refused = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var connectWatch = Stopwatch.StartNew();
        var connectionsPhase = await room.ChatAsync(TimeSpan.FromSeconds(seconds), async () =>
        {
            await health.RunWhileAsync(async () =>
            {
                await Parallel.ForEachAsync(Enumerable.Range(0, 500), new ParallelOptions { MaxDegreeOfParallelism = 20 }, async (_, ct) =>
                {
                    var connection = new HubConnectionBuilder().WithUrl(new Uri(server.BaseUri, "/hubs/chat"), o =>
                    {
                        o.AccessTokenProvider = () => Task.FromResult<string?>(connectorToken);
                        o.Transports = HttpTransportType.WebSockets;
                        o.SkipNegotiation = true;
                    }).Build();
                    var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
                    connection.Closed += e => { closed.TrySetResult(e); return Task.CompletedTask; };
                    try
                    {
                        await connection.StartAsync(ct);
                        // A refused connection is closed straight after its handshake; a kept one answers a call.
                        try
                        {
                            await connection.InvokeAsync<JsonElement>("GetHistory", "none", 0L, ct);
                        }
                        catch (Exception ex) when (ex is Microsoft.AspNetCore.SignalR.HubException or InvalidOperationException or TaskCanceledException)
                        {
                            // "join the group first", "too fast", or the connection was closed
                        }

                        if (connection.State == HubConnectionState.Connected)
                        {
                            opened.Add(connection);
                        }
                        else
                        {
                            var why = await closed.Task.WaitAsync(TimeSpan.FromSeconds(5), ct);
                            refused.AddOrUpdate(Short(why?.Message), 1, (_, n) => n + 1);
                            await connection.DisposeAsync();
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or System.Net.WebSockets.WebSocketException)
                    {
                        refused.AddOrUpdate(Short(ex.Message), 1, (_, n) => n + 1);
                        await connection.DisposeAsync();
                    }
                });
            });
        });
        Console.WriteLine($"    accepted {opened.Count(c => c.State == HubConnectionState.Connected)} of 500 in {connectWatch.Elapsed.TotalSeconds:0.0} s; refused {refused.Values.Sum()}: {string.Join("; ", refused.Select(r => $"{r.Value} × \"{r.Key}\""))}");
        Console.WriteLine($"    health meanwhile: {health}");
        Console.WriteLine($"    others during:  {connectionsPhase}");
        await Task.WhenAll(opened.Select(c => c.DisposeAsync().AsTask()));

        Console.WriteLine();
        Console.WriteLine("(3) 10,000 JoinGroup calls from one connection");
        var joinerToken = await Member("Joiner");
        var joins = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var joinHealth = new HealthProbe(http, server.BaseUri);
        var joinWatch = Stopwatch.StartNew();
        var joinPhase = await room.ChatAsync(TimeSpan.FromSeconds(seconds), async () =>
        {
            await using var joiner = await Connect(server.BaseUri, joinerToken);
            await joinHealth.RunWhileAsync(async () =>
            {
                await Parallel.ForEachAsync(Enumerable.Range(0, 10_000), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (_, ct) =>
                {
                    try
                    {
                        var answer = await joiner.InvokeAsync<JsonElement>("JoinGroup", groupId, ct);
                        joins.AddOrUpdate(answer.GetProperty("admitted").GetBoolean() ? "admitted" : "notAdmitted", 1, (_, n) => n + 1);
                    }
                    catch (Microsoft.AspNetCore.SignalR.HubException ex)
                    {
                        joins.AddOrUpdate(Short(ex.Message), 1, (_, n) => n + 1);
                    }
                });
            });
        });
        Console.WriteLine($"    10,000 calls in {joinWatch.Elapsed.TotalSeconds:0.0} s: {string.Join("; ", joins.OrderByDescending(j => j.Value).Select(j => $"{j.Value} × {j.Key}"))}");
        Console.WriteLine($"    health meanwhile: {joinHealth}");
        Console.WriteLine($"    others during:  {joinPhase}");
        Console.WriteLine($"    server RSS at the end: {server.ReadRssBytes() / (1024 * 1024)} MiB, CPU used in all: {server.ReadCpuTime().TotalSeconds:0.0} s");
        await room.DisposeAsync();
        return 0;
    }

    internal static async Task<HubConnection> Connect(Uri baseUri, string token)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(baseUri, "/hubs/chat"), o =>
        {
            o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            o.Transports = HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
        }).Build();
        await connection.StartAsync();
        return connection;
    }

    private static string Short(string? message)
    {
        var text = message ?? "closed without a reason";
        var hub = text.IndexOf("HubException: ", StringComparison.Ordinal);
        text = hub >= 0 ? text[(hub + "HubException: ".Length)..] : text;
        return text.Length <= 90 ? text : text[..90] + "…";
    }

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
}
