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
    /// <summary>Turns a Stopwatch timestamp into wall-clock time, for <c>--slow-log</c>.</summary>
    private static readonly (DateTime Utc, long Timestamp) Anchor = (DateTime.UtcNow, Stopwatch.GetTimestamp());

    private readonly LatencyRecorder?[] _recorders = new LatencyRecorder?[MessageStamp.Probe];
    private List<LoadMember> _senders = [];
    private int[] _receiversPerSend = [];
    private int _foreign;

    public bool SelfDelivery { get; private set; }

    /// <summary>Connects every member and joins its room, <c>--parallel</c> at a time.</summary>
    /// <remarks>
    /// <paramref name="atHalf"/> runs once half the members are connected (to read the server's memory
    /// there: the slope between half and all is what one more connection costs, without the one-off
    /// costs of the first ones such as code paged in, JIT and caches).
    /// </remarks>
    public async Task<(int Connected, int Admitted, string? FirstError)> ConnectAllAsync(IReadOnlyList<LoadMember> members, Func<Task>? atHalf = null)
    {
        var half = members.Count / 2;
        var (connected, firstError) = await ConnectAsync(members.Take(half).ToList());
        if (atHalf is not null)
        {
            await atHalf();
        }

        var (more, error) = await ConnectAsync(members.Skip(half).ToList());
        _senders = [.. members.Where(m => m.Admitted)];
        return (connected + more, _senders.Count, firstError ?? error);
    }

    private async Task<(int Connected, string? FirstError)> ConnectAsync(IReadOnlyList<LoadMember> members)
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

        return (connected, firstError);
    }

    /// <summary>
    /// Warms both ends up (JIT, pools) at the light rate or 100/s, whichever is more, then checks with one probe message whether the
    /// server also sends a message back to its author, which fixes how many deliveries a send should make.
    /// </summary>
    public async Task WarmUpAsync(double seconds)
    {
        if (_senders.Count == 0)
        {
            throw new InvalidOperationException("no member was admitted to a room");
        }

        var warm = new StepCounters();
        await Task.Factory.StartNew(() => Pace(MessageStamp.Probe, Math.Max(options.LightRate, 100), seconds, warm), TaskCreationOptions.LongRunning);
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
        _ = Send(author, MessageStamp.Probe, probe);
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

    /// <summary>
    /// Starts a load step of <paramref name="rate"/> sends/s lasting <paramref name="seconds"/> in all,
    /// run as one or more rounds (<see cref="RunRoundAsync"/>) and closed by <see cref="EndStep"/>.
    /// </summary>
    /// <remarks>
    /// A closed-loop step (<paramref name="window"/> above 0: see <see cref="KeepInFlightAsync"/>) has no
    /// target rate: <paramref name="rate"/> only sizes its recorders, for as many sends as it might make.
    /// </remarks>
    public StepRun BeginStep(string label, int step, int rate, double seconds, int window = 0)
    {
        var maxReceivers = _receiversPerSend.Max();
        var sends = (long)Math.Ceiling(rate * seconds) + 64;
        // Sized before the step so that recording never allocates; 10% headroom for duplicates.
        var deliveries = new LatencyRecorder((int)Math.Min(int.MaxValue - 64, sends * maxReceivers * 11 / 10 + 1024), options.SlowLogPath is not null, options.SlowMs);
        var run = new StepRun(label, step, rate, deliveries, new StepCounters { Acks = new LatencyRecorder((int)sends) }) { Window = window };
        _recorders[step] = deliveries;
        return run;
    }

    /// <summary>
    /// Sends for <paramref name="seconds"/>, at the step's rate or, in a closed-loop step, with its window always in
    /// flight, then waits out the drain window.
    /// </summary>
    public async Task RunRoundAsync(StepRun run, double seconds)
    {
        var counters = run.Counters;
        var cpuBefore = server.ReadCpuTime();
        var started = Stopwatch.GetTimestamp();
        if (run.Window > 0)
        {
            await KeepInFlightAsync(run, seconds);
        }
        else
        {
            await Task.Factory.StartNew(() => Pace(run.Step, run.Rate, seconds, counters), TaskCreationOptions.LongRunning);
            run.SendSeconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
        }

        await WaitUntilAsync(
            () => Volatile.Read(ref counters.Pending) == 0 && run.Deliveries.Count >= Volatile.Read(ref counters.Expected),
            TimeSpan.FromSeconds(options.DrainSeconds));
        if (run.Window > 0)
        {
            // A closed round's time runs until its last delivery, so the window's last sends count at the rate they were delivered.
            run.SendSeconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
        }

        run.CpuSeconds += (server.ReadCpuTime() - cpuBefore).TotalSeconds;
        run.WallSeconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
        // Let answers still in flight from a saturated round come back before anything else runs.
        await WaitUntilAsync(() => Volatile.Read(ref counters.Pending) == 0, TimeSpan.FromSeconds(10));
        await Task.Delay(300);
    }

    /// <summary>
    /// A closed-loop round: the step's window of sends is kept in flight for <paramref name="seconds"/>, each
    /// answered send followed at once by the next from another random member, so the server is never idle and its
    /// queue never grows past the window. What it delivers is its throughput when saturated, and by Little's law
    /// the latency stays near window / throughput instead of growing without bound as it does at a fixed rate just
    /// over saturation.
    /// </summary>
    private Task KeepInFlightAsync(StepRun run, double seconds)
    {
        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        async Task Lane()
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                await Send(_senders[Random.Shared.Next(_senders.Count)], run.Step, run.Counters);
            }
        }

        return Task.WhenAll(Enumerable.Range(0, run.Window).Select(_ => Task.Run(Lane)));
    }

    /// <summary>Closes the step (later deliveries count as lost) and computes its figures.</summary>
    public StepResult EndStep(StepRun run)
    {
        var counters = run.Counters;
        var sorted = run.Deliveries.Close();
        WriteSlow(run);
        var acks = counters.Acks!.Close();
        _recorders[run.Step] = null;
        var expected = Volatile.Read(ref counters.Expected);
        var delivered = sorted.Length + run.Deliveries.Overflow;
        return new StepResult(
            Label: run.Label,
            TargetRate: run.Window > 0 ? 0 : run.Rate,
            Sent: counters.Attempted,
            SentPerSecond: counters.Attempted / run.SendSeconds,
            Expected: expected,
            Delivered: delivered,
            DeliveredPerSecond: delivered / run.SendSeconds,
            Lost: Math.Max(0, expected - delivered),
            P50Ms: Ms(LatencyRecorder.Percentile(sorted, 50)),
            P95Ms: Ms(LatencyRecorder.Percentile(sorted, 95)),
            P99Ms: Ms(LatencyRecorder.Percentile(sorted, 99)),
            MaxMs: sorted.Length > 0 ? Ms(sorted[^1]) : double.NaN,
            AckP99Ms: Ms(LatencyRecorder.Percentile(acks, 99)),
            NotPublished: counters.NotPublished,
            Failed: counters.Failed,
            ServerCpuCores: run.CpuSeconds / run.WallSeconds,
            Problems: counters.Describe())
        {
            Window = run.Window,
            ServerCpuSeconds = run.CpuSeconds,
        };
    }

    private void WriteSlow(StepRun run)
    {
        if (options.SlowLogPath is not { } path || run.Deliveries.Slow is not { } slow)
        {
            return;
        }

        var lines = slow.OrderBy(s => s.SentAt).Select(s =>
        {
            var sent = Anchor.Utc + Stopwatch.GetElapsedTime(Anchor.Timestamp, s.SentAt);
            return FormattableString.Invariant($"{server.Name}\t{run.Label}\t{sent:HH:mm:ss.fff}\t{Ms(s.Ticks):F1}");
        });
        File.AppendAllLines(path, lines);
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
                _ = Send(_senders[Random.Shared.Next(_senders.Count)], step, counters);
                issued++;
            }

            if (issued >= total)
            {
                return;
            }

            Thread.Sleep(1);
        }
    }

    private Task Send(LoadMember member, int step, StepCounters counters)
    {
        Interlocked.Increment(ref counters.Attempted);
        Interlocked.Increment(ref counters.Pending);
        if (_receiversPerSend.Length > 0)
        {
            Interlocked.Add(ref counters.Expected, _receiversPerSend[member.GroupIndex]);
        }

        // The same kind of id the page sends (hub.js newId): a time-ordered version-7 UUID, 36 characters.
        var id = Guid.CreateVersion7().ToString();
        var sentAt = Stopwatch.GetTimestamp();
        return AwaitAnswerAsync(member.Connection!.InvokeAsync<SendAnswer>("SendMessage", member.GroupId, id, MessageStamp.Create(step, sentAt)), sentAt, counters);
    }

    private static async Task AwaitAnswerAsync(Task<SendAnswer> sending, long sentAt, StepCounters counters)
    {
        try
        {
            var answer = await sending;
            counters.Acks?.Record(sentAt, Stopwatch.GetTimestamp() - sentAt);
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

        _recorders[step]?.Record(sentAt, now - sentAt);
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

    /// <summary>A step in progress: its recorders and counters, accumulated over its rounds.</summary>
    internal sealed class StepRun(string label, int step, int rate, LatencyRecorder deliveries, StepCounters counters)
    {
        public string Label { get; } = label;

        public int Step { get; } = step;

        public int Rate { get; } = rate;

        public LatencyRecorder Deliveries { get; } = deliveries;

        public StepCounters Counters { get; } = counters;

        /// <summary>Sends kept in flight in a closed-loop step; 0 for a step at a fixed rate.</summary>
        public int Window { get; init; }

        public double SendSeconds { get; set; }

        public double WallSeconds { get; set; }

        public double CpuSeconds { get; set; }
    }

    internal sealed class StepCounters
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
    double ServerCpuCores,
    string? Problems)
{
    /// <summary>Sends kept in flight in a closed-loop step (no target rate); 0 for a step at a fixed rate.</summary>
    public int Window { get; init; }

    /// <summary>The server's CPU time over the step's rounds.</summary>
    public double ServerCpuSeconds { get; init; }

    /// <summary>The server's CPU time per delivered message, in microseconds: what a delivery costs it.</summary>
    public double CpuMicrosecondsPerDelivery => Delivered > 0 ? ServerCpuSeconds * 1e6 / Delivered : double.NaN;

    /// <summary>Held within the limits: every message delivered, p99 under the limit, the rate reached.</summary>
    public bool Sustained(double p99LimitMs) =>
        Lost == 0 && NotPublished == 0 && Failed == 0 && P99Ms <= p99LimitMs && SentPerSecond >= 0.9 * TargetRate;

    public string Verdict(double p99LimitMs) =>
        Sustained(p99LimitMs) ? "ok"
        : Lost > 0 || NotPublished > 0 || Failed > 0 ? "LOSS"
        : P99Ms > p99LimitMs ? "p99"
        : "rate";
}
