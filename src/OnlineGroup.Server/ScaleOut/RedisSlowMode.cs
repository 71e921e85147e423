using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Moderation;
using StackExchange.Redis;

namespace OnlineGroup.Server.ScaleOut;

/// <summary>
/// Slow mode across instances: a young person's last send in a group is kept in Redis
/// (<c>onlinegroup:slow:{groupId}:{accountId}</c>), checked and taken in one script, so two connections
/// on two instances cannot both slip through one window. Times are the app's clock (what the window is
/// measured in); the key expires a minute after its window as housekeeping. If Redis is unreachable the
/// instance's own <see cref="SlowModeRule"/> decides meanwhile (each instance then keeps its own times).
/// </summary>
public sealed class RedisSlowModeRule(IGroupModeration moderation, SlowModeRule local, IConnectionMultiplexer redis, ILogger<RedisSlowModeRule> logger) : ISendRule
{
    // KEYS[1] the person's key; ARGV: now (ms), window (ms), expiry (ms). 1: the send may go ahead (slot taken); 0: too soon.
    private static readonly LuaScript Take = LuaScript.Prepare("""
        local last = redis.call('GET', @key)
        if last and (tonumber(@now) - tonumber(last)) < tonumber(@window) then return 0 end
        redis.call('SET', @key, @now, 'PX', @expiry)
        return 1
        """);

    private static readonly TimeSpan Housekeeping = TimeSpan.FromMinutes(1);

    public async ValueTask<string?> CheckAsync(SendContext context)
    {
        if (context.Sender.IsGroupStaff)
        {
            return null;
        }

        var seconds = (await moderation.GetAsync(context.Group.Id)).SlowModeSeconds;
        if (seconds <= 0)
        {
            return null;
        }

        var window = TimeSpan.FromSeconds(seconds);
        try
        {
            var taken = (long)await redis.GetDatabase().ScriptEvaluateAsync(Take, new
            {
                key = (RedisKey)("onlinegroup:slow:" + context.Group.Id + ":" + context.Sender.User.Id),
                now = context.Now.ToUnixTimeMilliseconds(),
                window = (long)window.TotalMilliseconds,
                expiry = (long)(window + Housekeeping).TotalMilliseconds,
            });
            return taken == 1 ? null : RejectReasons.SlowMode;
        }
        catch (Exception e) when (e is RedisException or ObjectDisposedException)
        {
            ScaleOutLog.SlowModeFailed(logger, e, context.Group.Id);
            return await local.CheckAsync(context);
        }
    }
}
