using System.Globalization;
using System.Text;
using static System.FormattableString;

namespace OnlineGroup.Benchmarks.Load;

/// <summary>Renders the measurements as markdown (for docs/benchmarks.md) and computes the ratios.</summary>
internal sealed class LoadReport(LoadOptions options, string[] args)
{
    private readonly List<ServerResult> _results = [];
    private readonly DateTimeOffset _date = TimeProvider.System.GetLocalNow();

    public void Add(ServerResult result) => _results.Add(result);

    /// <summary>Set when <c>--budget-seconds</c> ended the stepping before a server saturated.</summary>
    public bool StoppedByBudget { get; set; }

    public static string StepLine(StepResult s, LoadOptions options) => Invariant(
        $"step {s.Label,-5} {Target(s),5}/s: sent {s.SentPerSecond,7:F1}/s delivered {s.DeliveredPerSecond,9:F0}/s p50 {s.P50Ms,7:F1} p95 {s.P95Ms,7:F1} p99 {s.P99Ms,7:F1} ms, ack p99 {s.AckP99Ms,7:F1} ms, lost {s.Lost}, server {s.ServerCpuCores:F2} cores -> {s.Verdict(options.P99LimitMs)}")
        + (s.Problems is null ? "" : " (" + s.Problems + ")");

    /// <summary>A step's target rate; a closed-loop step has none.</summary>
    private static string Target(StepResult s) => s.Window > 0 ? "–" : s.TargetRate.ToString(CultureInfo.InvariantCulture);

    public string Render()
    {
        var md = new StringBuilder();
        void Line(FormattableString text) => md.AppendLine(Invariant(text));

        Line($"## Load: {string.Join(" vs ", _results.Select(r => r.Name))}");
        md.AppendLine();
        Line($"- date: {_date:yyyy-MM-dd HH:mm zzz}");
        Line($"- machine: {Environment.ProcessorCount} cores ({CpuModel()}), {MemTotal()} RAM, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        Line($"- command: `OnlineGroup.Benchmarks load {string.Join(' ', args)}`");
        Line($"- load: {options.Connections} connections ({options.Groups} rooms x {options.Members} members), WebSockets, JSON protocol; steps of {options.StepSeconds} s (per server, as {options.Rounds} rounds taken in turn with the other server) at {string.Join(", ", options.Steps)} sends/s from random members, after a light step at {options.LightRate} sends/s (1 message per member per 10 s); a step fails when p99 > {options.P99LimitMs} ms, a message is lost (not delivered within {options.DrainSeconds} s after the step's last send, or not published), or the generator reached < 90% of the rate; {Saturation(options.Retries)}{(options.CeilingWindows.Count > 0 ? Invariant($"; then closed-loop steps of {options.StepSeconds} s with {string.Join(", then ", options.CeilingWindows)} sends always in flight (each answer starts the next send), whose delivered msgs/s is the server's throughput when saturated") : "")}");
        md.AppendLine();

        md.AppendLine("| server | REST set-up (members/s) | connect + JoinGroup (connections/s) | connected / admitted | RSS before → half → after (MiB) | memory per connection (KiB) | marginal, half → all (KiB) | author receives own message |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in _results)
        {
            var rest = r.RestSetupSeconds is { } s && r.Connections > 0 ? Invariant($"{r.Connections / s:F1}") : "–";
            Line($"| {r.Name} | {rest} | {r.ConnectionsPerSecond:F1} | {r.Connected} / {r.Admitted} | {r.RssBefore / 1048576.0:F0} → {r.RssHalf / 1048576.0:F0} → {r.RssAfter / 1048576.0:F0} | {r.BytesPerConnection / 1024:F1} | {r.MarginalBytesPerConnection / 1024:F1} | {(r.SelfDelivery ? "yes" : "no")} |");
        }

        md.AppendLine();
        md.AppendLine("| server | step | target sends/s | sent/s | delivered msgs/s | p50 ms | p95 ms | p99 ms | max ms | ack p99 ms | lost | server CPU (cores) | verdict |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in _results)
        {
            foreach (var s in (r.Light is null ? [] : new[] { r.Light }).Concat(r.Steps).Concat(r.Ceilings))
            {
                Line($"| {r.Name} | {s.Label} | {Target(s)} | {s.SentPerSecond:F1} | {s.DeliveredPerSecond:F0} | {s.P50Ms:F1} | {s.P95Ms:F1} | {s.P99Ms:F1} | {s.MaxMs:F1} | {s.AckP99Ms:F1} | {s.Lost} | {s.ServerCpuCores:F2} | {s.Verdict(options.P99LimitMs)} |");
            }
        }

        md.AppendLine();
        foreach (var r in _results)
        {
            var best = r.HighestSustained(options.P99LimitMs);
            // Stepping ends at saturation, so a failed attempt that is not the last was retried and held.
            var broke = r.Steps.Count > 0 && !r.Steps[^1].Sustained(options.P99LimitMs) ? r.Steps[^1] : null;
            var saturation = broke is null
                ? StoppedByBudget ? "not saturated before the time budget ended the run" : "not saturated within the steps run"
                : Invariant($"saturated at {broke.TargetRate} sends/s ({broke.Verdict(options.P99LimitMs)}: p99 {broke.P99Ms:F0} ms, lost {broke.Lost}{(broke.Problems is null ? "" : ", " + broke.Problems)})");
            var sustained = best is null ? "no step sustained" : Invariant($"highest sustained step {best.TargetRate} sends/s = {best.DeliveredPerSecond:F0} deliveries/s");
            var ceiling = string.Concat(r.Ceilings.Select(c => Invariant($"; with {c.Window} sends always in flight it delivered {c.DeliveredPerSecond:F0} msgs/s ({c.SentPerSecond:F0} sends/s) at p99 {c.P99Ms:F0} ms, {c.ServerCpuCores:F2} cores ({c.Verdict(options.P99LimitMs)})")));
            Line($"- **{r.Name}**: {sustained}; {saturation}{ceiling}.{(r.Error is null ? "" : " Run failed: " + r.Error)}{(r.ConnectError is null ? "" : " First connect/join error: " + r.ConnectError)}");
        }

        var ratios = Ratios();
        if (_results.Count == 2)
        {
            var (a, b) = (_results[0], _results[1]);
            md.AppendLine();
            Line($"| {b.Name} / {a.Name} | {a.Name} | {b.Name} | ratio |");
            md.AppendLine("|---|---|---|---|");
            if (ratios is { Base: { } sa, Subject: { } sb })
            {
                var at = sa.Label == "light" ? Invariant($"the light load, {sa.TargetRate}") : Invariant($"{sa.TargetRate}");
                Line($"| delivered msgs/s at {at} sends/s{(ratios.BothSustained ? " (highest step both sustain)" : " (NOT sustained by both)")} | {sa.DeliveredPerSecond:F0} | {sb.DeliveredPerSecond:F0} | {ratios.Delivered:F2} |");
                Line($"| p99 ms at {at} sends/s | {sa.P99Ms:F1} | {sb.P99Ms:F1} | {ratios.P99:F2} |");
            }

            Line($"| memory per connection (KiB), RSS after − before | {a.BytesPerConnection / 1024:F1} | {b.BytesPerConnection / 1024:F1} | {ratios.Memory:F2} |");
            Line($"| marginal memory per connection (KiB), RSS slope from half to all connected | {a.MarginalBytesPerConnection / 1024:F1} | {b.MarginalBytesPerConnection / 1024:F1} | {b.MarginalBytesPerConnection / a.MarginalBytesPerConnection:F2} |");
            if (a.Light is not null && b.Light is not null)
            {
                Line($"| p99 ms at light load ({options.LightRate} sends/s) | {a.Light.P99Ms:F1} | {b.Light.P99Ms:F1} | {b.Light.P99Ms / a.Light.P99Ms:F2} |");
            }

            var (ca, cb) = (a.HighestSustained(options.P99LimitMs), b.HighestSustained(options.P99LimitMs));
            var capacity = ca is null || cb is null ? "–" : Invariant($"{cb.DeliveredPerSecond / ca.DeliveredPerSecond:F2}");
            Line($"| capacity: highest sustained delivered msgs/s | {ca?.DeliveredPerSecond ?? 0:F0} | {cb?.DeliveredPerSecond ?? 0:F0} | {capacity} |");
            foreach (var (wa, wb) in a.Ceilings.Zip(b.Ceilings))
            {
                var held = BothHeld(wa, wb) ? "" : " (NOT within the limits for both)";
                Line($"| throughput when saturated: delivered msgs/s with {wa.Window} sends always in flight{held} | {wa.DeliveredPerSecond:F0} | {wb.DeliveredPerSecond:F0} | {wb.DeliveredPerSecond / wa.DeliveredPerSecond:F2} |");
                Line($"| p99 ms with {wa.Window} sends in flight | {wa.P99Ms:F1} | {wb.P99Ms:F1} | {wb.P99Ms / wa.P99Ms:F2} |");
                Line($"| server CPU per delivered message (µs) with {wa.Window} in flight | {wa.CpuMicrosecondsPerDelivery:F2} | {wb.CpuMicrosecondsPerDelivery:F2} | {wb.CpuMicrosecondsPerDelivery / wa.CpuMicrosecondsPerDelivery:F2} |");
            }

            Line($"| connect + JoinGroup (connections/s) | {a.ConnectionsPerSecond:F1} | {b.ConnectionsPerSecond:F1} | {b.ConnectionsPerSecond / a.ConnectionsPerSecond:F2} |");
        }

        md.AppendLine();
        return md.ToString();
    }

    /// <summary>
    /// Second server over first, at the highest step both sustain; if there is none, at the lowest step
    /// both ran, and failing that at the light step (so a run cut short still compares something).
    /// </summary>
    public Ratios Ratios()
    {
        if (_results.Count != 2)
        {
            return new Ratios(null, null, false, double.NaN);
        }

        var (a, b) = (_results[0], _results[1]);
        var memory = b.BytesPerConnection / a.BytesPerConnection;
        var common = a.Steps.Select(s => s.TargetRate).Intersect(b.Steps.Select(s => s.TargetRate)).Order().ToList();
        var sustained = common.Where(rate => BothHeld(Find(a, rate)!, Find(b, rate)!)).ToList();
        if (sustained.Count > 0)
        {
            return new Ratios(Find(a, sustained[^1]), Find(b, sustained[^1]), true, memory);
        }

        return common.Count > 0
            ? new Ratios(Find(a, common[0]), Find(b, common[0]), false, memory)
            : new Ratios(a.Light, b.Light, false, memory);
    }

    /// <summary>
    /// The closed-loop steps' ratios, second server over first, where both ran them: throughput when saturated, p99
    /// and CPU per delivered message. Printed before the last line, which stays the issue's.
    /// </summary>
    public IEnumerable<string> CeilingLines() =>
        _results.Count != 2 ? [] : _results[0].Ceilings.Zip(_results[1].Ceilings, (a, b) =>
            Invariant($"ceiling ({a.Window} in flight) delivered={b.DeliveredPerSecond / a.DeliveredPerSecond:F2} p99={b.P99Ms / a.P99Ms:F2} cpu-per-delivery={b.CpuMicrosecondsPerDelivery / a.CpuMicrosecondsPerDelivery:F2}{(BothHeld(a, b) ? "" : " (not within the limits for both)")}"));

    /// <summary>Both servers held their step within the limits.</summary>
    private bool BothHeld(StepResult a, StepResult b) => a.Sustained(options.P99LimitMs) && b.Sustained(options.P99LimitMs);

    /// <summary>The last attempt at a rate: the retry, where the first attempt failed.</summary>
    private static StepResult? Find(ServerResult r, int rate) => r.Steps.LastOrDefault(s => s.TargetRate == rate);

    private static string Saturation(int retries) => retries switch
    {
        0 => "a server is saturated at the first step that fails",
        1 => "a server is saturated at the first step that fails twice in a row (the step, then once more at the same rate; a loss at once)",
        _ => Invariant($"a server is saturated at the first step that fails {retries + 1} times in a row (a loss at once)"),
    };

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? "unknown CPU" : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }

    private static string MemTotal()
    {
        try
        {
            var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            var kb = long.Parse(line["MemTotal:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            return Invariant($"{kb / 1048576.0:F1} GiB");
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}

/// <summary>Subject over baseline; <see cref="Base"/> and <see cref="Subject"/> are the steps the throughput and latency ratios come from.</summary>
internal sealed record Ratios(StepResult? Base, StepResult? Subject, bool BothSustained, double Memory)
{
    public double Delivered => Subject is null || Base is null ? double.NaN : Subject.DeliveredPerSecond / Base.DeliveredPerSecond;

    public double P99 => Subject is null || Base is null ? double.NaN : Subject.P99Ms / Base.P99Ms;

    public bool Complete => !double.IsNaN(Delivered) && !double.IsNaN(P99) && !double.IsNaN(Memory);

    public string LastLine => Invariant($"ratio delivered={Delivered:F2} p99={P99:F2} memory={Memory:F2}");
}
