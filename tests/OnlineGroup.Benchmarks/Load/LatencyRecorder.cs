using System.Collections.Concurrent;
using System.Diagnostics;

namespace OnlineGroup.Benchmarks.Load;

/// <summary>
/// Delivery latencies of one load step, in Stopwatch ticks, in an array sized before the step starts:
/// recording is an interlocked increment and a store, with no allocation and no lock, so the
/// receive handlers measure the server rather than themselves. Percentiles come from sorting the
/// array once the step is over (exact, unlike a bucketed histogram).
/// </summary>
internal sealed class LatencyRecorder(int capacity, bool keepSlow = false, double slowMs = LatencyRecorder.DefaultSlowMs)
{
    /// <summary>What counts as slow for <see cref="Slow"/> unless <c>--slow-ms</c> says: 20 ms, under the light-load goal of 25 ms.</summary>
    public const double DefaultSlowMs = 20;

    private readonly long _slowTicks = (long)(Stopwatch.Frequency * slowMs / 1000);

    private readonly long[] _values = new long[capacity];
    private int _count;
    private int _late;
    private volatile bool _closed;

    /// <summary>Deliveries that arrived after the step's drain window closed.</summary>
    public int Late => Volatile.Read(ref _late);

    public int Count => Math.Min(Volatile.Read(ref _count), _values.Length);

    /// <summary>Deliveries that did not fit in the array (the capacity estimate was too low).</summary>
    public int Overflow => Math.Max(0, Volatile.Read(ref _count) - _values.Length);

    /// <summary>With <c>--slow-log</c>: each delivery slower than <c>slowMs</c>, as (Stopwatch time sent, ticks taken).</summary>
    public ConcurrentQueue<(long SentAt, long Ticks)>? Slow { get; } = keepSlow ? new() : null;

    public void Record(long sentAt, long ticks)
    {
        if (_closed)
        {
            Interlocked.Increment(ref _late);
            return;
        }

        if (ticks > _slowTicks)
        {
            Slow?.Enqueue((sentAt, ticks));
        }

        var i = Interlocked.Increment(ref _count) - 1;
        if (i < _values.Length)
        {
            _values[i] = ticks;
        }
    }

    /// <summary>Stops counting (later arrivals are <see cref="Late"/>) and returns the sorted latencies.</summary>
    public long[] Close()
    {
        _closed = true;
        // A handler that read _closed == false just before may still be storing its value.
        Thread.Sleep(20);
        var sorted = _values.AsSpan(0, Count).ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    public static double Percentile(long[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
