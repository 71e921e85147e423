using OnlineGroup.Server.Groups;
using OnlineGroup.Server.Moderation;
using OnlineGroup.Server.Schedule;
using StackExchange.Redis;

namespace OnlineGroup.Server.ScaleOut;

/// <summary>
/// Tells every instance that a group's cached state changed, over the Redis channel
/// <c>onlinegroup:invalidate</c> (<c>kind|groupId|instance</c>), so each drops its copy and reads the
/// database again on the next use: <c>moderation</c> (pause, slow mode, mutes, removals), <c>calendar</c>
/// (sessions, closures, extensions, early ends), <c>group</c> (group settings). Without it another instance
/// would act on its copy until that expires (30 s to a minute).
/// </summary>
public sealed class RedisInvalidation(
    IConnectionMultiplexer redis,
    ModerationState moderation,
    CalendarCache calendars,
    GroupDirectory groups,
    ScaleOutInstance instance,
    ILogger<RedisInvalidation> logger) : IHostedService
{
    private const string Moderation = "moderation";
    private const string Calendar = "calendar";
    private const string Group = "group";
    private static readonly RedisChannel Channel = RedisChannel.Literal("onlinegroup:invalidate");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await redis.GetSubscriber().SubscribeAsync(Channel, (channel, message) =>
        {
            var parts = ((string?)message ?? "").Split('|');
            if (parts.Length != 3 || parts[2] == instance.Id)
            {
                return;
            }

            var (kind, groupId) = (parts[0], parts[1]);
            switch (kind)
            {
                case Moderation: moderation.Invalidate(groupId); break;
                case Calendar: calendars.InvalidateHere(groupId); break;
                case Group: groups.InvalidateHere(groupId); break;
                default: return;
            }

            ScaleOutLog.Invalidated(logger, kind, groupId, parts[2]);
        });
        calendars.Invalidated += OnCalendarInvalidated;
        groups.Invalidated += OnGroupInvalidated;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        calendars.Invalidated -= OnCalendarInvalidated;
        groups.Invalidated -= OnGroupInvalidated;
        try
        {
            await redis.GetSubscriber().UnsubscribeAsync(Channel);
        }
        catch (Exception e) when (e is RedisException or ObjectDisposedException)
        {
            // Redis or its connection already gone: nothing left to unsubscribe from.
        }
    }

    /// <summary>A moderation change on this instance, for every other.</summary>
    public void Publish(string groupId) => Publish(Moderation, groupId);

    private void OnCalendarInvalidated(string groupId) => Publish(Calendar, groupId);

    private void OnGroupInvalidated(string groupId) => Publish(Group, groupId);

    /// <summary>
    /// Publishes and waits for Redis to take it: the action that changed the state returns (and its
    /// announcement goes out) only after every subscribed instance has been sent the invalidation.
    /// </summary>
    private void Publish(string kind, string groupId)
    {
        try
        {
            redis.GetSubscriber().Publish(Channel, kind + "|" + groupId + "|" + instance.Id);
        }
        catch (Exception e) when (e is RedisException or ObjectDisposedException)
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
