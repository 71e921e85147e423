using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Audit;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Schedule;

/// <summary>
/// Moderators' changes to the session in progress: extend it, or end it early. Each is stored as an
/// override (with its audit entry, in one transaction), the calendar is rebuilt and the clock catches up,
/// which tells everyone (<c>GroupStateChanged</c> with the new <c>closesAt</c>, or <c>SessionClosed</c>).
/// </summary>
public sealed class SessionControl(
    CalendarCache calendars,
    SessionClock clock,
    IDbContextFactory<AppDbContext> contexts,
    AuditTrail audit,
    TimeProvider time,
    ILogger<SessionControl> logger)
{
    public const int MaxExtensionMinutes = 240;

    public async Task ExtendAsync(CurrentUser caller, string groupId, int minutes, CancellationToken ct)
    {
        if (minutes is < 1 or > MaxExtensionMinutes)
        {
            throw new HubException($"A session can be extended by 1 to {MaxExtensionMinutes} minutes at a time; {minutes} was asked for.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var calendar = await CalendarForModeratorAsync(db, caller, groupId, ct);
        var now = time.GetUtcNow();
        var closesAt = calendar.At(now).ClosesAt;
        var change = calendar.ExtendSession(now, TimeSpan.FromMinutes(minutes))
            ?? throw new HubException("There is no session in progress to extend. To meet now, add a one-off session.");
        db.SessionChanges.Add(new SessionChange
        {
            GroupId = groupId, SessionStartsAt = change.SessionStartsAt, EndsAt = change.EndsAt,
            Kind = SessionChangeKinds.Extended, CreatedBy = caller.Id, CreatedAt = now,
        });
        audit.Add(db, caller, "session.extended", groupId, "session", change.SessionStartsAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            data: new { minutes, closesAt, newClosesAt = change.EndsAt });
        await db.SaveChangesAsync(ct);
        ScheduleLog.SessionExtended(logger, groupId, caller.Id, minutes);
        await clock.ChangedAsync(groupId, ct);
    }

    public async Task EndAsync(CurrentUser caller, string groupId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var calendar = await CalendarForModeratorAsync(db, caller, groupId, ct);
        var now = time.GetUtcNow();
        var closesAt = calendar.At(now).ClosesAt;
        var changes = calendar.EndSession(now);
        if (changes.Count == 0)
        {
            throw new HubException("There is no session in progress to end.");
        }

        foreach (var change in changes)
        {
            db.SessionChanges.Add(new SessionChange
            {
                GroupId = groupId, SessionStartsAt = change.SessionStartsAt, EndsAt = change.EndsAt,
                Kind = SessionChangeKinds.Ended, CreatedBy = caller.Id, CreatedAt = now,
            });
        }

        audit.Add(db, caller, "session.ended", groupId, "session", changes[0].SessionStartsAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            data: new { closesAt, endedAt = now, sessions = changes.Count });
        await db.SaveChangesAsync(ct);
        ScheduleLog.SessionEnded(logger, groupId, caller.Id);
        await clock.ChangedAsync(groupId, ct);
    }

    private async Task<SessionCalendar> CalendarForModeratorAsync(AppDbContext db, CurrentUser caller, string groupId, CancellationToken ct)
    {
        var allowed = caller.IsAdmin
            ? await db.Groups.AnyAsync(g => g.Id == groupId, ct)
            : caller.CanModerate && await db.GroupStaff.AnyAsync(s => s.GroupId == groupId && s.AccountId == caller.Id && s.Duty == Duties.Moderator, ct);
        if (!allowed)
        {
            throw new HubException("Only this group's moderators (or an admin) can extend or end its session.");
        }

        // Fresh, not cached: the override must name the session as it is stored now.
        calendars.Invalidate(groupId);
        return await calendars.GetAsync(groupId, ct) ?? throw new HubException("There is no group with that id.");
    }
}
