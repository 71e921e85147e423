using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Groups;

namespace OnlineGroup.Server.Schedule;

/// <summary>
/// The gate from the group's stored sessions: open while a session is in progress, closed (with the
/// next session) otherwise. Sessions are cached per group and rebuilt on every schedule change.
/// </summary>
public sealed class SessionGate(IMemoryCache cache, IDbContextFactory<AppDbContext> contexts, TimeProvider time) : IGroupGate, IScheduleChanged
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public async ValueTask<GateDecision> DecideAsync(string groupId, CancellationToken ct = default)
    {
        var sessions = await SessionsAsync(groupId, ct);
        var now = time.GetUtcNow();
        SessionWindow? current = null, next = null;
        foreach (var s in sessions)
        {
            if (s.StartsAt <= now && now < s.EndsAt)
            {
                current ??= s;
            }
            else if (s.StartsAt > now && (next is null || s.StartsAt < next.StartsAt))
            {
                next = s;
            }
        }

        return current is not null
            ? new GateDecision(GroupStates.Open, null, current, next)
            : new GateDecision(GroupStates.Closed, GroupStates.Closed, null, next);
    }

    public Task ChangedAsync(string groupId, CancellationToken ct)
    {
        cache.Remove(Key(groupId));
        return Task.CompletedTask;
    }

    private async ValueTask<IReadOnlyList<SessionWindow>> SessionsAsync(string groupId, CancellationToken ct)
    {
        if (cache.TryGetValue(Key(groupId), out IReadOnlyList<SessionWindow>? sessions) && sessions is not null)
        {
            return sessions;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var since = time.GetUtcNow().AddDays(-1);
        sessions = await db.OneOffSessions.AsNoTracking()
            .Where(s => s.GroupId == groupId && s.EndsAt > since)
            .Select(s => new SessionWindow(s.StartsAt, s.EndsAt))
            .ToListAsync(ct);
        cache.Set(Key(groupId), sessions, Lifetime);
        return sessions;
    }

    private static string Key(string groupId) => "sessions:" + groupId;
}
