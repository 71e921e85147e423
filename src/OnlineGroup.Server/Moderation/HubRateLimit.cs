using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
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
public sealed class HubRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly ConcurrentDictionary<string, bool> _limited = new(StringComparer.Ordinal);

    public HubRateLimiter(IOptions<ChatRateLimitOptions> options)
    {
        var o = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(user => RateLimitPartition.GetTokenBucketLimiter(user, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = o.Burst,
            TokensPerPeriod = o.PerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            // Refilled by the partitioned limiter's own heartbeat, not a timer per person.
            AutoReplenishment = false,
            QueueLimit = 0,
        }));
    }

    /// <summary>True when the call may go ahead; <paramref name="startsRefusals"/> is true on the first refusal after a pass (worth one warning).</summary>
    public bool TryAcquire(string user, out bool startsRefusals)
    {
        using var lease = _limiter.AttemptAcquire(user);
        if (lease.IsAcquired)
        {
            _limited.TryRemove(user, out _);
            startsRefusals = false;
            return true;
        }

        startsRefusals = _limited.TryAdd(user, true);
        return false;
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>Applies <see cref="HubRateLimiter"/> to every hub method. A flooded SendMessage gets its normal answer, <c>rejected</c>/<c>rateLimited</c>; any other method a HubException.</summary>
public sealed class HubRateLimitFilter(HubRateLimiter limiter, ILogger<HubRateLimitFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var user = invocationContext.Context.UserIdentifier ?? invocationContext.Context.ConnectionId;
        if (limiter.TryAcquire(user, out var startsRefusals))
        {
            return await next(invocationContext);
        }

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
            ? SendResult.Rejected(RejectReasons.RateLimited)
            : throw new HubException("You're doing that too fast. Slow down and try again in a few seconds.");
    }
}
