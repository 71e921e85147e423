using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OnlineGroup.Server.Chat;

namespace OnlineGroup.Server.Moderation;

/// <summary><c>Chat:RateLimit</c>: how many hub calls one person may make in a burst, and how fast the allowance refills.</summary>
public sealed class ChatRateLimitOptions
{
    public const string Section = "Chat:RateLimit";

    [Range(1, int.MaxValue, ErrorMessage = "Chat:RateLimit:Burst must be a whole number of calls, at least 1.")]
    public int Burst { get; set; } = 20;

    [Range(1, int.MaxValue, ErrorMessage = "Chat:RateLimit:PerSecond must be a whole number of calls a second, at least 1 (raise Burst too for load tests).")]
    public int PerSecond { get; set; } = 1;
}

/// <summary>
/// A token bucket per signed-in person (not per connection: more tabs do not buy more), shared by
/// every hub method. Ordinary bursts pass; a flood does not, and nobody else notices it.
/// </summary>
/// <remarks>
/// Each bucket is refilled when it is next used, from the time since its last use: no timer, nothing
/// done for the people who are quiet. (System.Threading.RateLimiting's partitioned limiter refilled
/// every person's bucket ten times a second, 2% of the server's CPU with 1,000 people connected.)
/// A person's pace is measured in real time, as that library does, not on the app's clock, which
/// the calendar's tests move by hours.
/// </remarks>
public sealed class HubRateLimiter
{
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly double _burst;
    private readonly double _perSecond;
    private readonly TimeSpan _forgetIdle;
    private long _lastSweep;

    public HubRateLimiter(IOptions<ChatRateLimitOptions> options, TimeProvider clock)
    {
        _clock = clock;
        _burst = options.Value.Burst;
        _perSecond = options.Value.PerSecond;
        // Idle long enough to be full again, and at least a minute.
        var refill = TimeSpan.FromSeconds(_burst / _perSecond);
        _forgetIdle = refill > ForgetAfter ? refill : ForgetAfter;
        _lastSweep = clock.GetTimestamp();
    }

    /// <summary>How many people have a bucket now (those who made a call within the last minute or so).</summary>
    public int Tracked => _buckets.Count;

    /// <summary>True when the call may go ahead; <paramref name="startsRefusals"/> is true on the first refusal after a pass (worth one warning).</summary>
    public bool TryAcquire(string user, out bool startsRefusals)
    {
        var now = _clock.GetTimestamp();
        SweepIfDue(now);
        var bucket = _buckets.GetOrAdd(user, static (_, state) => new Bucket(state.Burst, state.Now), (Burst: _burst, Now: now));
        lock (bucket)
        {
            if (now > bucket.Stamp)
            {
                bucket.Tokens = Math.Min(_burst, bucket.Tokens + (_clock.GetElapsedTime(bucket.Stamp, now).TotalSeconds * _perSecond));
                bucket.Stamp = now;
            }

            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                bucket.Refusing = false;
                startsRefusals = false;
                return true;
            }

            startsRefusals = !bucket.Refusing;
            bucket.Refusing = true;
            return false;
        }
    }

    /// <summary>
    /// Forgets, about once a minute, the buckets that have had time to fill up again: a full bucket and
    /// no bucket allow the same, so memory follows the people active now, not everyone ever signed in.
    /// </summary>
    private void SweepIfDue(long now)
    {
        var last = Interlocked.Read(ref _lastSweep);
        if (_clock.GetElapsedTime(last, now) < ForgetAfter || Interlocked.CompareExchange(ref _lastSweep, now, last) != last)
        {
            return;
        }

        foreach (var (user, bucket) in _buckets)
        {
            if (_clock.GetElapsedTime(Volatile.Read(ref bucket.Stamp), now) >= _forgetIdle)
            {
                _buckets.TryRemove(new KeyValuePair<string, Bucket>(user, bucket));
            }
        }
    }

    private sealed class Bucket(double tokens, long stamp)
    {
        public double Tokens = tokens;
        public long Stamp = stamp;
        public bool Refusing;
    }
}

/// <summary>Applies <see cref="HubRateLimiter"/> to every hub method. A flooded SendMessage gets its normal answer, <c>rejected</c>/<c>rateLimited</c>; any other method a HubException.</summary>
public sealed class HubRateLimitFilter(HubRateLimiter limiter, ILogger<HubRateLimitFilter> logger) : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var user = invocationContext.Context.UserIdentifier ?? invocationContext.Context.ConnectionId;
        // Not async: a call that may go ahead is handed on as it is, without a state machine per call.
        return limiter.TryAcquire(user, out var startsRefusals) ? next(invocationContext) : Refuse(invocationContext, user, startsRefusals);
    }

    private ValueTask<object?> Refuse(HubInvocationContext invocationContext, string user, bool startsRefusals)
    {
        var method = invocationContext.HubMethodName;
        if (startsRefusals)
        {
            ModerationLog.RateLimited(logger, user, method);
        }
        else
        {
            ModerationLog.RateLimitHit(logger, user, method);
        }

        return method == nameof(ChatHub.SendMessage)
            ? ValueTask.FromResult<object?>(SendResult.Rejected(RejectReasons.RateLimited))
            : throw new HubException("You're doing that too fast. Slow down and try again in a few seconds.");
    }
}
