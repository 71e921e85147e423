using OnlineGroup.Server.Moderation;
using StackExchange.Redis;

namespace OnlineGroup.Server.ScaleOut;

/// <summary>
/// Tells every instance that a group's moderation state changed (pause, slow mode, a mute, a removal),
/// over the Redis channel <c>onlinegroup:invalidate</c>, so each drops its cached copy and reads the
/// database again on the next use. Without it another instance would act on its copy for up to 30 s.
/// </summary>
public sealed class RedisInvalidation(
    IConnectionMultiplexer redis,
    ModerationState local,
    ScaleOutInstance instance,
    ILogger<RedisInvalidation> logger) : IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal("onlinegroup:invalidate");

    public Task StartAsync(CancellationToken cancellationToken) =>
        redis.GetSubscriber().SubscribeAsync(Channel, (channel, message) =>
        {
            var text = (string?)message ?? "";
            var split = text.IndexOf('|', StringComparison.Ordinal);
            if (split > 0 && text[(split + 1)..] is var from && from != instance.Id)
            {
                var groupId = text[..split];
                local.Invalidate(groupId);
                ScaleOutLog.Invalidated(logger, groupId, from);
            }
        });

    public Task StopAsync(CancellationToken cancellationToken) => redis.GetSubscriber().UnsubscribeAsync(Channel);

    /// <summary>
    /// Publishes and waits for Redis to take it: the moderator's action returns (and its announcement goes
    /// out) only after every subscribed instance has been sent the invalidation.
    /// </summary>
    public void Publish(string groupId)
    {
        try
        {
            redis.GetSubscriber().Publish(Channel, groupId + "|" + instance.Id);
        }
        catch (RedisException e)
        {
            ScaleOutLog.InvalidationFailed(logger, e, groupId);
        }
    }
}

/// <summary>The moderation state of this instance, with every change broadcast to the others.</summary>
internal sealed class SharedModeration(ModerationState local, RedisInvalidation invalidation) : IGroupModeration
{
    public ValueTask<bool> IsPausedAsync(string groupId, CancellationToken ct = default) => local.IsPausedAsync(groupId, ct);

    public ValueTask<ModerationSnapshot> GetAsync(string groupId, CancellationToken ct = default) => local.GetAsync(groupId, ct);

    public void Invalidate(string groupId)
    {
        local.Invalidate(groupId);
        invalidation.Publish(groupId);
    }
}
