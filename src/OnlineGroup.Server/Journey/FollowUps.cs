using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Audit;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Groups;

namespace OnlineGroup.Server.Journey;

public static class FollowUpFilter
{
    public const string Due = "due";
    public const string Pending = "pending";
    public const string Done = "done";
    public const string All = "all";
}

/// <summary>
/// Follow-up reminders after an exit (by default 2, 6 and 12 weeks later): due ones are told to the
/// group's staff once (<c>FollowUpDue</c>), and stay on their list until someone marks each done.
/// </summary>
public sealed class FollowUps(
    IDbContextFactory<AppDbContext> contexts,
    AuditTrail audit,
    IHubContext<ChatHub, IChatClient> hub,
    TimeProvider time,
    ILogger<FollowUps> logger)
{
    public static List<FollowUp> Plan(MemberExit exit, IReadOnlyList<int> weeks) =>
        [.. weeks.Order().Select(w => new FollowUp
        {
            Id = Ids.New(), GroupId = exit.GroupId, MemberId = exit.MemberId, ExitId = exit.Id, Week = w,
            DueAt = exit.ExitedAt.AddDays(7 * w),
        })];

    public static FollowUpDto ToDto(FollowUp f, string displayName, MemberExit exit, DateTimeOffset now) =>
        new(f.Id, f.GroupId, f.MemberId, displayName, exit.Plan, exit.ExitedAt, f.Week, f.DueAt, f.DoneAt is null && f.DueAt <= now,
            f.NotifiedAt, f.DoneAt, f.DoneBy, f.DoneNote);

    /// <summary>The group's follow-ups, soonest due first: <c>due</c> (not done, due now), <c>pending</c> (not done), <c>done</c> or <c>all</c>.</summary>
    public async Task<Outcome<List<FollowUpDto>>> ListAsync(string groupId, string? status, CancellationToken ct)
    {
        status ??= FollowUpFilter.All;
        if (status is not (FollowUpFilter.Due or FollowUpFilter.Pending or FollowUpFilter.Done or FollowUpFilter.All))
        {
            return Outcome.Invalid("status", "status is \"due\" (not done and due now), \"pending\" (not done), \"done\" or \"all\".");
        }

        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.FollowUps.AsNoTracking().Where(f => f.GroupId == groupId);
        query = status switch
        {
            FollowUpFilter.Due => query.Where(f => f.DoneAt == null && f.DueAt <= now),
            FollowUpFilter.Pending => query.Where(f => f.DoneAt == null),
            FollowUpFilter.Done => query.Where(f => f.DoneAt != null),
            _ => query,
        };
        var rows = await query
            .Join(db.MemberExits, f => f.ExitId, x => x.Id, (f, x) => new { FollowUp = f, Exit = x })
            .Join(db.Members, r => r.FollowUp.MemberId, m => m.Id, (r, m) => new { r.FollowUp, r.Exit, m.DisplayName })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.FollowUp.DueAt).ThenBy(r => r.FollowUp.Id, StringComparer.Ordinal)
            .Select(r => ToDto(r.FollowUp, r.DisplayName, r.Exit, now)).ToList();
    }

    public async Task<Outcome<FollowUpDto>> DoneAsync(CurrentUser user, string followUpId, DoneRequest req, CancellationToken ct)
    {
        var note = string.IsNullOrWhiteSpace(req.Note) ? null : req.Note.Trim();
        if (note?.Length > JourneyLimits.MaxNoteLength)
        {
            return Outcome.Invalid("note", $"The note can have up to {JourneyLimits.MaxNoteLength} characters.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var followUp = await db.FollowUps.FirstOrDefaultAsync(f => f.Id == followUpId, ct);
        if (followUp is null)
        {
            return Outcome.NotFound("There is no follow-up with that id.");
        }

        if (!await JourneyAudience.IsStaffOfAsync(db, user, followUp.GroupId, ct))
        {
            return Outcome.Forbidden("Only the group's staff can mark its follow-ups done.");
        }

        if (followUp.DoneAt is { } doneAt)
        {
            return Outcome.Conflict($"This follow-up was already marked done at {doneAt:u}.");
        }

        var now = time.GetUtcNow();
        (followUp.DoneAt, followUp.DoneBy, followUp.DoneNote) = (now, user.Id, note);
        audit.Add(db, user, "followup.done", followUp.GroupId, "member", followUp.MemberId,
            data: new { followUpId, week = followUp.Week, dueAt = followUp.DueAt, early = followUp.DueAt > now, noteLength = note?.Length ?? 0 });
        await db.SaveChangesAsync(ct);
        JourneyLog.FollowUpDone(logger, followUp.GroupId, followUp.Id, user.Id);
        var exit = await db.MemberExits.AsNoTracking().FirstAsync(x => x.Id == followUp.ExitId, ct);
        var name = await db.Members.AsNoTracking().Where(m => m.Id == followUp.MemberId).Select(m => m.DisplayName).FirstAsync(ct);
        return ToDto(followUp, name, exit, now);
    }

    /// <summary>
    /// Tells the group's staff about every follow-up that has come due since the last run, once each
    /// (recorded as notified and on the audit trail before anyone is told). Returns how many. The
    /// scheduled job calls this; "now" comes from <see cref="TimeProvider"/>.
    /// </summary>
    public async Task<int> SendDueFollowUpsAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var due = await db.FollowUps.Where(f => f.NotifiedAt == null && f.DoneAt == null && f.DueAt <= now)
            .Join(db.Members, f => f.MemberId, m => m.Id, (f, m) => new { FollowUp = f, m.DisplayName })
            .ToListAsync(ct);
        if (due.Count == 0)
        {
            return 0;
        }

        foreach (var row in due)
        {
            row.FollowUp.NotifiedAt = now;
            audit.Add(db, null, "followup.due", row.FollowUp.GroupId, "member", row.FollowUp.MemberId,
                data: new { followUpId = row.FollowUp.Id, week = row.FollowUp.Week, dueAt = row.FollowUp.DueAt });
        }

        await db.SaveChangesAsync(ct);
        foreach (var group in due.GroupBy(r => r.FollowUp.GroupId, StringComparer.Ordinal))
        {
            try
            {
                var staff = await JourneyAudience.StaffOfAsync(contexts, group.Key, ct);
                foreach (var row in group.OrderBy(r => r.FollowUp.DueAt))
                {
                    var f = row.FollowUp;
                    await hub.Clients.Users(staff).FollowUpDue(new FollowUpDueEvent(f.Id, f.GroupId, f.MemberId, row.DisplayName, f.Week, f.DueAt));
                }
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // Recorded is recorded: staff see it on GET /api/groups/{id}/followups?status=due.
                JourneyLog.TellStaffFailed(logger, group.Key, error);
            }
        }

        JourneyLog.FollowUpsDue(logger, due.Count);
        return due.Count;
    }

    /// <summary>When the next follow-up not yet told falls due (to set the job's next run).</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.FollowUps.Where(f => f.NotifiedAt == null && f.DoneAt == null).OrderBy(f => f.DueAt)
            .Select(f => (DateTimeOffset?)f.DueAt).FirstOrDefaultAsync(ct);
    }
}
