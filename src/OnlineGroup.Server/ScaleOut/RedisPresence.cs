using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OnlineGroup.Server.Chat;
using StackExchange.Redis;

namespace OnlineGroup.Server.ScaleOut;

/// <summary>
/// Moderator presence across instances, for the gate ("a group is open to young people only while a
/// moderator is present"). Each instance writes the moderators connected to it into a Redis hash per
/// group (<c>onlinegroup:presence:{groupId}</c>, one field per instance) and announces the change on a
/// channel; the others read the hash and tell their <see cref="ConnectionRegistry"/>. An instance's
/// entries count only while its heartbeat key (<c>onlinegroup:instance:{id}</c>) lives, so a crashed
/// instance's moderators stop counting after <see cref="ScaleOutOptions.InstanceExpiry"/>.
/// </summary>
public sealed class RedisPresence(
    IConnectionMultiplexer redis,
    ConnectionRegistry registry,
    ScaleOutInstance instance,
    IOptions<ScaleOutOptions> options,
    ILogger<RedisPresence> logger) : BackgroundService
{
    private const string KeyPrefix = "onlinegroup:presence:";
    private static readonly RedisChannel Channel = RedisChannel.Literal("onlinegroup:presence");

    // What this instance last wrote per group, so a remote update (which also raises PresenceChanged) is not echoed back.
    private readonly ConcurrentDictionary<string, string> _published = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writes = new(1, 1);

    private IDatabase Db => redis.GetDatabase();

    private static RedisKey PresenceKey(string groupId) => KeyPrefix + groupId;

    private static RedisKey InstanceKey(string instanceId) => "onlinegroup:instance:" + instanceId;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await BeatAsync();
        await redis.GetSubscriber().SubscribeAsync(Channel, (channel, message) =>
        {
            var text = (string?)message ?? "";
            var split = text.IndexOf('|', StringComparison.Ordinal);
            if (split > 0 && text[(split + 1)..] != instance.Id)
            {
                _ = RefreshAsync(text[..split]);
            }
        });
        registry.PresenceChanged += OnPresenceChanged;

        // Moderators already connected elsewhere count from this instance's first request.
        var groups = 0;
        foreach (var server in redis.GetServers())
        {
            await foreach (var key in server.KeysAsync(pattern: KeyPrefix + "*").WithCancellation(cancellationToken))
            {
                await RefreshAsync(((string)key!)[KeyPrefix.Length..]);
                groups++;
            }
        }

        ScaleOutLog.Started(logger, instance.Id, groups);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Redis expires keys by the wall clock, so the heartbeat keeps the wall clock too (not the app's TimeProvider).
        using var timer = new PeriodicTimer(options.Value.Heartbeat, TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await BeatAsync();
                }
                catch (RedisException e)
                {
                    // Redis away: keep going; the others stop counting this instance's moderators until it is back.
                    ScaleOutLog.PresenceFailed(logger, e, "*");
                    continue;
                }

                foreach (var groupId in registry.GroupsWithRemoteModerators())
                {
                    await RefreshAsync(groupId);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        registry.PresenceChanged -= OnPresenceChanged;
        await base.StopAsync(cancellationToken);
        try
        {
            // A clean stop takes this instance's moderators away at once rather than after the expiry.
            foreach (var groupId in _published.Keys)
            {
                await Db.HashDeleteAsync(PresenceKey(groupId), instance.Id);
                await redis.GetSubscriber().PublishAsync(Channel, groupId + "|" + instance.Id);
            }

            await Db.KeyDeleteAsync(InstanceKey(instance.Id));
            await redis.GetSubscriber().UnsubscribeAsync(Channel);
        }
        catch (Exception e) when (e is RedisException or ObjectDisposedException)
        {
            // Redis gone too: the heartbeat key expires by itself.
        }
    }

    private Task<bool> BeatAsync() => Db.StringSetAsync(InstanceKey(instance.Id), "1", options.Value.InstanceExpiry);

    private void OnPresenceChanged(string groupId) => _ = PublishAsync(groupId);

    /// <summary>Writes this instance's moderators in a group, if they changed, and tells the other instances.</summary>
    private async Task PublishAsync(string groupId)
    {
        await _writes.WaitAsync();
        try
        {
            var moderators = string.Join(',', registry.LocalModerators(groupId));
            if (_published.TryGetValue(groupId, out var last) ? last == moderators : moderators.Length == 0)
            {
                return;
            }

            if (moderators.Length == 0)
            {
                await Db.HashDeleteAsync(PresenceKey(groupId), instance.Id);
            }
            else
            {
                await Db.HashSetAsync(PresenceKey(groupId), instance.Id, moderators);
            }

            _published[groupId] = moderators;
            await redis.GetSubscriber().PublishAsync(Channel, groupId + "|" + instance.Id);
        }
        catch (Exception e) when (e is RedisException or ObjectDisposedException)
        {
            ScaleOutLog.PresenceFailed(logger, e, groupId);
        }
        finally
        {
            _writes.Release();
        }
    }

    /// <summary>Reads who moderates a group on the other live instances; forgets instances whose heartbeat expired.</summary>
    private async Task RefreshAsync(string groupId)
    {
        try
        {
            var remote = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in await Db.HashGetAllAsync(PresenceKey(groupId)))
            {
                var owner = (string)entry.Name!;
                if (owner == instance.Id)
                {
                    continue;
                }

                if (!await Db.KeyExistsAsync(InstanceKey(owner)))
                {
                    await Db.HashDeleteAsync(PresenceKey(groupId), owner);
                    ScaleOutLog.InstanceExpired(logger, owner, groupId);
                    continue;
                }

                remote.UnionWith(((string?)entry.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries));
            }

            ScaleOutLog.RemotePresence(logger, groupId, remote.Count);
            registry.SetRemoteModerators(groupId, remote);
        }
        catch (Exception e) when (e is RedisException or ObjectDisposedException)
        {
            ScaleOutLog.PresenceFailed(logger, e, groupId);
        }
    }
}
