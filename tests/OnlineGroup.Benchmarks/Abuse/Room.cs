using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace OnlineGroup.Benchmarks.Abuse;

/// <summary>
/// The bystanders: six talkers each sending one message every 1.2 s (inside the default per-user rate
/// limit) and a listener; a message's latency is from the talker's send to the listener's receipt.
/// </summary>
internal sealed class Room(Uri baseUri, string groupId) : IAsyncDisposable
{
    private readonly List<HubConnection> _talkers = [];
    private readonly ConcurrentDictionary<string, long> _sentAt = new(StringComparer.Ordinal);
    private HubConnection _listener = null!;
    private ConcurrentBag<double> _latencies = [];

    public async Task StartAsync(IReadOnlyList<string> talkerTokens, string listenerToken)
    {
        _listener = await AbuseCommand.Connect(baseUri, listenerToken);
        _listener.On<JsonElement>("MessagePublished", m =>
        {
            if (_sentAt.TryRemove(m.GetProperty("text").GetString()!, out var start))
            {
                _latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        });
        await _listener.InvokeAsync<JsonElement>("JoinGroup", groupId);
        foreach (var token in talkerTokens)
        {
            var talker = await AbuseCommand.Connect(baseUri, token);
            await talker.InvokeAsync<JsonElement>("JoinGroup", groupId);
            _talkers.Add(talker);
        }
    }

    /// <summary>Runs <paramref name="attack"/> while the talkers chat for at least <paramref name="duration"/>; returns what the bystanders saw.</summary>
    public async Task<Chatter> ChatAsync(TimeSpan duration, Func<Task> attack)
    {
        _latencies = [];
        var sent = 0;
        var refused = 0;
        using var stop = new CancellationTokenSource();
        var talking = Task.WhenAll(_talkers.Select(async (talker, i) =>
        {
            using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(1200));
            while (!stop.IsCancellationRequested && await tick.WaitForNextTickAsync(CancellationToken.None))
            {
                var text = $"talker {i} {Guid.NewGuid():N}";
                _sentAt[text] = Stopwatch.GetTimestamp();
                var answer = await talker.InvokeAsync<JsonElement>("SendMessage", groupId, Guid.NewGuid().ToString("N"), text);
                Interlocked.Increment(ref sent);
                if (answer.GetProperty("status").GetString() != "published")
                {
                    Interlocked.Increment(ref refused);
                    _sentAt.TryRemove(text, out _);
                }
            }
        }));
        var watch = Stopwatch.StartNew();
        await attack();
        var rest = duration - watch.Elapsed;
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest);
        }

        await stop.CancelAsync();
        await talking;
        await Task.Delay(500); // the last deliveries
        var sorted = _latencies.Order().ToArray();
        return new Chatter(sent, refused, sorted.Length, Pct(sorted, 50), Pct(sorted, 99), sorted.Length > 0 ? sorted[^1] : double.NaN);
    }

    private static double Pct(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    public async ValueTask DisposeAsync()
    {
        foreach (var talker in _talkers)
        {
            await talker.DisposeAsync();
        }

        await _listener.DisposeAsync();
    }
}

internal sealed record Chatter(int Sent, int Refused, int Delivered, double P50, double P99, double Max)
{
    public override string ToString() =>
        $"{Sent} sent, {Refused} refused, {Delivered} delivered to the listener; latency p50 {P50:0.0} ms, p99 {P99:0.0} ms, max {Max:0.0} ms";
}

/// <summary>GET /health/live every 100 ms while an attack runs: how many answered 200 and how slowly.</summary>
internal sealed class HealthProbe(HttpClient http, Uri baseUri)
{
    private readonly List<double> _ms = [];
    private int _failed;

    public async Task RunWhileAsync(Func<Task> attack)
    {
        using var stop = new CancellationTokenSource();
        var probing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync(new Uri(baseUri, "/health/live"));
                    if (response.IsSuccessStatusCode)
                    {
                        lock (_ms)
                        {
                            _ms.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                        }
                    }
                    else
                    {
                        Interlocked.Increment(ref _failed);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref _failed);
                }

                await Task.Delay(100);
            }
        });
        try
        {
            await attack();
        }
        finally
        {
            await stop.CancelAsync();
            await probing;
        }
    }

    public override string ToString()
    {
        lock (_ms)
        {
            var sorted = _ms.Order().ToArray();
            return sorted.Length == 0
                ? $"no 200 answers, {_failed} failed"
                : $"{sorted.Length} × 200, {_failed} failed; p50 {sorted[sorted.Length / 2]:0.0} ms, max {sorted[^1]:0.0} ms";
        }
    }
}
