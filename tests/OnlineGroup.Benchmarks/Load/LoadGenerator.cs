using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace OnlineGroup.Benchmarks.Load;

/// <summary>
/// Drives one server: connects every member over WebSockets and joins its room, then sends at a
/// fixed total rate from random members for a step, and measures at every receiver how long each
/// message took from the sender's <c>SendMessage</c> call to the receiver's <c>MessagePublished</c>.
/// </summary>
internal sealed class LoadGenerator(ServerProcess server, LoadOptions options, Action<string> progress)
{
    private readonly LatencyRecorder?[] _recorders = new LatencyRecorder?[MessageStamp.Probe];
    private List<LoadMember> _senders = [];
    private int[] _receiversPerSend = [];
    private long _clientMessageIds;
    private int _foreign;

    public bool SelfDelivery { get; private set; }

    /// <summary>Connects every member and joins its room, <c>--parallel</c> at a time.</summary>
    public async Task<(int Connected, int Admitted, string? FirstError)> ConnectAllAsync(IReadOnlyList<LoadMember> members)
    {
        var hubUri = new Uri(server.BaseUri, "/hubs/chat");
        var connected = 0;
        string? firstError = null;
        await Parallel.ForEachAsync(members, new ParallelOptions { MaxDegreeOfParallelism = options.Parallel }, async (m, cancel) =>
        {
            try
            {
                var token = m.Token;
                var connection = new HubConnectionBuilder()
                    .WithUrl(hubUri, HttpTransportType.WebSockets, o =>
                    {
                        // WebSockets only, so the negotiate round trip can be skipped.
                        o.SkipNegotiation = true;
                        if (token is not null)
                        {
                            o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                        }
                    })
                    .Build();
                // The generator shares two cores with the server: do not let a busy moment look like a dead server.
                connection.ServerTimeout = TimeSpan.FromMinutes(2);
                connection.HandshakeTimeout = TimeSpan.FromMinutes(1);
                connection.On<Delivery>("MessagePublished", d => OnDelivery(m, d.Text));
                m.Connection = connection;
                await connection.StartAsync(cancel);
                Interlocked.Increment(ref connected);
                var join = await connection.InvokeAsync<JoinAnswer>("JoinGroup", m.GroupId, cancel);
                m.Admitted = join.Admitted;
                if (!join.Admitted)
                {
                    Interlocked.CompareExchange(ref firstError, $"JoinGroup not admitted: {join.Reason} (state {join.State})", null);
                }
            }
            catch (Exception e) when (e is HttpRequestException or System.Net.WebSockets.WebSocketException or InvalidOperationException or HubException or TimeoutException or OperationCanceledException)
            {
                Interlocked.CompareExchange(ref firstError, $"{e.GetType().Name}: {e.Message}", null);
            }
        });

        _senders = [.. members.Where(m => m.Admitted)];
        return (connected, _senders.Count, firstError);
    }

    /// <summary>
    /// Warms both ends up (JIT, pools) at the light rate, then checks with one probe message whether the
    /// server also sends a message back to its author, which fixes how many deliveries a send should make.
    /// </summary>
    public async Task WarmUpAsync(double seconds)
    {
        if (_senders.Count == 0)
        {
            throw new InvalidOperationException("no member was admitted to a room");
        }

        var warm = new StepCounters();
        await Task.Factory.StartNew(() => Pace(MessageStamp.Probe, options.LightRate, seconds, warm), TaskCreationOptions.LongRunning);
        await WaitUntilAsync(() => Volatile.Read(ref warm.Pending) == 0, TimeSpan.FromSeconds(30));
        if (warm.Published == 0)
        {
            throw new InvalidOperationException($"no warm-up message was published: {warm.Describe()}");
        }

        await Task.Delay(TimeSpan.FromSeconds(options.DrainSeconds));

        var author = _senders[0];
        var other = _senders.FirstOrDefault(m => m.GroupIndex == author.GroupIndex && m != author)
            ?? throw new InvalidOperationException("the first room has only one admitted member");
        var authorBefore = Volatile.Read(ref author.ProbeHits);
        var otherBefore = Volatile.Read(ref other.ProbeHits);
        var probe = new StepCounters();
        Send(author, MessageStamp.Probe, probe);
        if (!await WaitUntilAsync(() => Volatile.Read(ref other.ProbeHits) > otherBefore, TimeSpan.FromSeconds(10)))
        {
            throw new InvalidOperationException($"a probe message did not reach another member of its room: {probe.Describe()}");
        }

        await WaitUntilAsync(() => Volatile.Read(ref author.ProbeHits) > authorBefore, TimeSpan.FromSeconds(1));
        SelfDelivery = Volatile.Read(ref author.ProbeHits) > authorBefore;

        var admittedPerRoom = new int[options.Groups];
        foreach (var m in _senders)
        {
            admittedPerRoom[m.GroupIndex]++;
        }

        _receiversPerSend = [.. admittedPerRoom.Select(n => SelfDelivery ? n : Math.Max(0, n - 1))];
    }

    /// <summary>One load step: <paramref name="rate"/> sends/s for <paramref name="seconds"/>, then the drain window.</summary>
    public async Task<StepResult> RunStepAsync(string label, int step, int rate, double seconds)
    {
        var maxReceivers = _receiversPerSend.Max();
        var sends = (long)Math.Ceiling(rate * seconds);
        // Sized before the step so that recording never allocates; 10% headroom for duplicates.
        var deliveries = new LatencyRecorder((int)Math.Min(int.MaxValue - 64, sends * maxReceivers * 11 / 10 + 1024));
        var counters = new StepCounters { Acks = new LatencyRecorder((int)(sends + 64)) };
        _recorders[step] = deliveries;

        var cpuBefore = server.ReadCpuTime();
        var started = Stopwatch.GetTimestamp();
        await Task.Factory.StartNew(() => Pace(step, rate, seconds, counters), TaskCreationOptions.LongRunning);
        var sendSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var drainEnds = TimeSpan.FromSeconds(options.DrainSeconds);
        var drainStarted = Stopwatch.GetTimestamp();
        await WaitUntilAsync(
            () => Volatile.Read(ref counters.Pending) == 0 && deliveries.Count >= Volatile.Read(ref counters.Expected),
            drainEnds);
        var drainSeconds = Stopwatch.GetElapsedTime(drainStarted).TotalSeconds;
        var sorted = deliveries.Close();
        var acks = counters.Acks.Close();
        var cpu = (server.ReadCpuTime() - cpuBefore).TotalSeconds / Stopwatch.GetElapsedTime(started).TotalSeconds;

        var expected = Volatile.Read(ref counters.Expected);
        var delivered = sorted.Length + deliveries.Overflow;
        var result = new StepResult(
            Label: label,
            TargetRate: rate,
            Sent: counters.Attempted,
            SentPerSecond: counters.Attempted / sendSeconds,
            Expected: expected,
            Delivered: delivered,
            DeliveredPerSecond: delivered / sendSeconds,
            Lost: Math.Max(0, expected - delivered),
            P50Ms: Ms(LatencyRecorder.Percentile(sorted, 50)),
            P95Ms: Ms(LatencyRecorder.Percentile(sorted, 95)),
            P99Ms: Ms(LatencyRecorder.Percentile(sorted, 99)),
            MaxMs: sorted.Length > 0 ? Ms(sorted[^1]) : double.NaN,
            AckP99Ms: Ms(LatencyRecorder.Percentile(acks, 99)),
            NotPublished: counters.NotPublished,
            Failed: counters.Failed,
            StillPending: Volatile.Read(ref counters.Pending),
            DrainSeconds: drainSeconds,
            ServerCpuCores: cpu,
            Problems: counters.Describe());
        // Let deliveries still in flight from a saturated step finish before the next one starts.
        await WaitUntilAsync(() => Volatile.Read(ref counters.Pending) == 0, TimeSpan.FromSeconds(10));
        await Task.Delay(500);
        _recorders[step] = null;
        return result;
    }

    public async Task DisconnectAllAsync(IReadOnlyList<LoadMember> members)
    {
        await Parallel.ForEachAsync(members, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (m, _) =>
        {
            if (m.Connection is { } c)
            {
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    await c.StopAsync(timeout.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or System.Net.WebSockets.WebSocketException)
                {
                    // the server may already be gone; the process is killed next
                }

                await c.DisposeAsync();
            }
        });
        if (_foreign > 0)
        {
            progress($"{server.Name}: {_foreign} MessagePublished events had no load stamp");
        }
    }

    /// <summary>
    /// Issues sends at <paramref name="rate"/> per second for <paramref name="seconds"/> on a dedicated
    /// thread: every millisecond, whatever is due by then (so the schedule holds even if a send is slow).
    /// </summary>
    private void Pace(int step, int rate, double seconds, StepCounters counters)
    {
        var total = (long)Math.Ceiling(rate * seconds);
        var started = Stopwatch.GetTimestamp();
        long issued = 0;
        while (true)
        {
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var due = elapsed >= seconds ? total : Math.Min(total, (long)(elapsed * rate));
            while (issued < due)
            {
                Send(_senders[Random.Shared.Next(_senders.Count)], step, counters);
                issued++;
            }

            if (issued >= total)
            {
                return;
            }

            Thread.Sleep(1);
        }
    }

    private void Send(LoadMember member, int step, StepCounters counters)
    {
        Interlocked.Increment(ref counters.Attempted);
        Interlocked.Increment(ref counters.Pending);
        if (_receiversPerSend.Length > 0)
        {
            Interlocked.Add(ref counters.Expected, _receiversPerSend[member.GroupIndex]);
        }

        var id = "load-" + Interlocked.Increment(ref _clientMessageIds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sentAt = Stopwatch.GetTimestamp();
        _ = AwaitAnswerAsync(member.Connection!.InvokeAsync<SendAnswer>("SendMessage", member.GroupId, id, MessageStamp.Create(step, sentAt)), sentAt, counters);
    }

    private static async Task AwaitAnswerAsync(Task<SendAnswer> sending, long sentAt, StepCounters counters)
    {
        try
        {
            var answer = await sending;
            counters.Acks?.Record(Stopwatch.GetTimestamp() - sentAt);
            if (answer.Status == "published")
            {
                Interlocked.Increment(ref counters.Published);
            }
            else
            {
                Interlocked.Increment(ref counters.NotPublished);
                counters.Statuses.AddOrUpdate($"{answer.Status}/{answer.Reason}", 1, static (_, n) => n + 1);
            }
        }
        catch (Exception e) when (e is HubException or InvalidOperationException or OperationCanceledException or System.Net.WebSockets.WebSocketException or IOException)
        {
            Interlocked.Increment(ref counters.Failed);
            counters.Statuses.AddOrUpdate($"{e.GetType().Name}: {e.Message}", 1, static (_, n) => n + 1);
        }
        finally
        {
            Interlocked.Decrement(ref counters.Pending);
        }
    }

    /// <summary>The receive handler: parse the stamp, record the latency. No allocation, no lock.</summary>
    private void OnDelivery(LoadMember member, string? text)
    {
        var now = Stopwatch.GetTimestamp();
        if (!MessageStamp.TryRead(text, out var step, out var sentAt))
        {
            Interlocked.Increment(ref _foreign);
            return;
        }

        if (step == MessageStamp.Probe)
        {
            Interlocked.Increment(ref member.ProbeHits);
            return;
        }

        _recorders[step]?.Record(now - sentAt);
    }

    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }

    private static double Ms(double ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    /// <summary>Only the text is bound: the stamp is all the receiver needs, and fewer strings are allocated.</summary>
    private sealed class Delivery
    {
        public string? Text { get; set; }
    }

    private sealed record JoinAnswer(bool Admitted, string? Reason, string? State);

    private sealed record SendAnswer(string? Status, string? MessageId, long Seq, string? Reason);

    private sealed class StepCounters
    {
        public long Attempted;
        public long Expected;
        public int Published;
        public int NotPublished;
        public int Failed;
        public int Pending;

        public LatencyRecorder? Acks { get; init; }

        public ConcurrentDictionary<string, int> Statuses { get; } = new(StringComparer.Ordinal);

        public string? Describe() =>
            Statuses.IsEmpty ? null : string.Join("; ", Statuses.OrderByDescending(p => p.Value).Take(3).Select(p => $"{p.Value} x {p.Key}"));
    }
}

/// <summary>What one load step measured.</summary>
internal sealed record StepResult(
    string Label,
    int TargetRate,
    long Sent,
    double SentPerSecond,
    long Expected,
    long Delivered,
    double DeliveredPerSecond,
    long Lost,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs,
    double AckP99Ms,
    int NotPublished,
    int Failed,
    int StillPending,
    double DrainSeconds,
    double ServerCpuCores,
    string? Problems)
{
    /// <summary>Held within the limits: every message delivered, p99 under the limit, the rate reached.</summary>
    public bool Sustained(double p99LimitMs) =>
        Lost == 0 && NotPublished == 0 && Failed == 0 && P99Ms <= p99LimitMs && SentPerSecond >= 0.9 * TargetRate;

    public string Verdict(double p99LimitMs) =>
        Sustained(p99LimitMs) ? "ok"
        : Lost > 0 || NotPublished > 0 || Failed > 0 ? "LOSS"
        : P99Ms > p99LimitMs ? "p99"
        : "rate";
}
