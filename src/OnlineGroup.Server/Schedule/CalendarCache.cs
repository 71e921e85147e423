using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Schedule;

/// <summary>
/// Each group's <see cref="SessionCalendar"/>, built from its stored schedule (time zone, weekly sessions,
/// one-offs, closures, moderators' overrides) and kept in memory: the gate asks it on every message.
/// <see cref="Invalidate"/> drops it on any change made here; entries also expire after a minute, so
/// another instance's changes are seen soon after.
/// </summary>
public sealed class CalendarCache(IMemoryCache cache, IDbContextFactory<AppDbContext> contexts)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    // Bumped by Invalidate, so a build that read the database before a change is not cached after it.
    private readonly ConcurrentDictionary<string, long> _versions = new(StringComparer.Ordinal);

    /// <summary>The group's calendar, or null when there is no such group.</summary>
    public async ValueTask<SessionCalendar?> GetAsync(string groupId, CancellationToken ct = default)
    {
        if (cache.TryGetValue(Key(groupId), out SessionCalendar? calendar))
        {
            return calendar;
        }

        var version = _versions.GetValueOrDefault(groupId);
        calendar = await BuildAsync(groupId, ct);
        if (calendar is not null && _versions.GetValueOrDefault(groupId) == version)
        {
            cache.Set(Key(groupId), calendar, Lifetime);
        }

        return calendar;
    }

    public void Invalidate(string groupId)
    {
        _versions.AddOrUpdate(groupId, 1, (_, v) => v + 1);
        cache.Remove(Key(groupId));
    }

    private async Task<SessionCalendar?> BuildAsync(string groupId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var timeZone = await db.Groups.AsNoTracking().Where(g => g.Id == groupId).Select(g => g.TimeZone).FirstOrDefaultAsync(ct);
        if (timeZone is null)
        {
            return null;
        }

        var weekly = await db.WeeklySessions.AsNoTracking().Where(s => s.GroupId == groupId)
            .Select(s => new WeeklySlot(s.Day, s.Start, s.End)).ToListAsync(ct);
        var oneOffs = await db.OneOffSessions.AsNoTracking().Where(s => s.GroupId == groupId)
            .Select(s => new OneOffSlot(s.Id, s.StartsAt, s.EndsAt, s.CreatedAt)).ToListAsync(ct);
        var closures = await db.Closures.AsNoTracking().Where(c => c.GroupId == groupId)
            .Select(c => new ClosureSlot(c.Id, c.From, c.To, c.Reason, c.CreatedAt)).ToListAsync(ct);
        var changes = await db.SessionChanges.AsNoTracking().Where(c => c.GroupId == groupId)
            .OrderBy(c => c.Id)
            .Select(c => new SessionOverride(c.SessionStartsAt, c.EndsAt)).ToListAsync(ct);
        return new SessionCalendar(timeZone, weekly, oneOffs, closures, changes);
    }

    private static string Key(string groupId) => "calendar:" + groupId;
}
