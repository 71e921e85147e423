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
    private readonly ReadThroughCache _calendars = new(cache, "calendar:", TimeSpan.FromMinutes(1));

    /// <summary>The group's calendar, or null when there is no such group.</summary>
    public ValueTask<SessionCalendar?> GetAsync(string groupId, CancellationToken ct = default) =>
        _calendars.GetAsync(groupId, (contexts, groupId), static (s, ct) => BuildAsync(s.contexts, s.groupId, ct), ct);

    /// <summary>Raised after <see cref="Invalidate"/>: scale-out tells the other instances to drop their copies too.</summary>
    public event Action<string>? Invalidated;

    public void Invalidate(string groupId)
    {
        InvalidateHere(groupId);
        Invalidated?.Invoke(groupId);
    }

    /// <summary>Drops this instance's copy only (when another instance changed the group).</summary>
    public void InvalidateHere(string groupId) => _calendars.Drop(groupId);

    private static async Task<SessionCalendar?> BuildAsync(IDbContextFactory<AppDbContext> contexts, string groupId, CancellationToken ct)
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
}
