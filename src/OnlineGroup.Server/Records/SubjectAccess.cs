using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Audit;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Groups;
using OnlineGroup.Server.Journey;

namespace OnlineGroup.Server.Records;

/// <summary>Whose data an export is: their account (once they redeemed an invitation) and every place they have held.</summary>
public sealed record ExportSubject(string? AccountId, IReadOnlyList<string> MemberIds);

public sealed record AccountExport(string AccountId, string Username, string DisplayName, string Role, bool Disabled, DateTimeOffset CreatedAt);

public sealed record MembershipExport(string MemberId, string GroupId, string GroupName, string DisplayName, int Age, string Kind, string Status,
    int? WaitlistPosition, DateTimeOffset AddedAt, DateTimeOffset? RedeemedAt);

public sealed record MessageExport(string MessageId, string GroupId, long? Seq, string Text, DateTimeOffset SentAt, string Status, string? Reason,
    string? Severity, string? Categories, DateTimeOffset? RemovedAt, string? RemovedReason);

public sealed record CheckInExport(string CheckInId, int Score, string? Note, DateTimeOffset At);

public sealed record GoalExport(string GoalId, string GroupId, string Aim, string Text, DateTimeOffset CreatedAt, IReadOnlyList<CheckInExport> CheckIns);

public sealed record ExitExport(string ExitId, string GroupId, string Plan, string? Note, DateTimeOffset ExitedAt);

public sealed record FollowUpExport(string FollowUpId, string GroupId, int Week, DateTimeOffset DueAt, DateTimeOffset? DoneAt, string? Note);

public sealed record AttendanceExport(string GroupId, DateTimeOffset? SessionStartsAt, DateTimeOffset AdmittedAt);

/// <summary>A private word with staff: a moderator's private message to them, or their request for a moderator.</summary>
public sealed record PrivateMessageExport(string Id, string GroupId, string Kind, bool FromThem, string Text, DateTimeOffset SentAt);

public sealed record RestrictionExport(string GroupId, string Kind, string Reason, DateTimeOffset CreatedAt, DateTimeOffset Until, DateTimeOffset? LiftedAt);

/// <summary>An audit entry about the person, or by them. By them about someone else: the action and time only.</summary>
public sealed record AuditExport(DateTimeOffset At, string Action, string ActorRole, bool ByThem, string? GroupId, string? TargetType, string? TargetId,
    string? Reason, JsonElement? Data);

/// <summary>All the data held about one young person (subject access), and nothing about anyone else.</summary>
public sealed record SubjectExport(
    DateTimeOffset ExportedAt,
    string About,
    AccountExport? Account,
    IReadOnlyList<MembershipExport> Memberships,
    IReadOnlyList<MessageExport> Messages,
    IReadOnlyList<PrivateMessageExport> PrivateMessages,
    IReadOnlyList<RestrictionExport> Restrictions,
    IReadOnlyList<GoalExport> Goals,
    IReadOnlyList<ExitExport> Exits,
    IReadOnlyList<FollowUpExport> FollowUps,
    IReadOnlyList<AttendanceExport> Attendance,
    IReadOnlyList<object> Concerns,
    IReadOnlyList<AuditExport> Audit,
    IReadOnlyList<string> NotIncluded);

/// <summary>
/// Subject access: an admin exports everything held about one young person as JSON. Their own words,
/// goals, check-ins, exits and follow-ups, concerns about them (their own lines only) and audit entries
/// about them; never another young person's messages, names or reports. The export is on the audit trail.
/// </summary>
public sealed partial class SubjectAccess(
    IDbContextFactory<AppDbContext> contexts,
    IEnumerable<IConcernRecords> concernRecords,
    AuditTrail audit,
    TimeProvider time,
    ILogger<SubjectAccess> logger)
{
    public static readonly IReadOnlyList<string> NotIncludedNotes =
    [
        "Other young people's messages, names and reports are never included.",
        "Moderators' handover notes are free text about whole sessions and are not included; ask the service to review them for this person.",
        "Chat older than the retention period has been deleted, except messages a safeguarding concern points at.",
    ];

    public async Task<Outcome<SubjectExport>> ForMemberAsync(CurrentUser admin, string memberId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null)
        {
            return Outcome.NotFound("There is no member with that id.");
        }

        var memberIds = member.AccountId is { } accountId
            ? await db.Members.AsNoTracking().Where(m => m.AccountId == accountId).Select(m => m.Id).ToListAsync(ct)
            : [member.Id];
        return await ExportAsync(db, admin, new ExportSubject(member.AccountId, memberIds), "member", memberId, ct);
    }

    public async Task<Outcome<SubjectExport>> ForAccountAsync(CurrentUser admin, string accountId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null)
        {
            return Outcome.NotFound("There is no account with that id.");
        }

        if (account.Role != Roles.Participant)
        {
            return Outcome.Invalid("accountId", "This export is for young people's accounts; staff records are kept under the staff policy.");
        }

        var memberIds = await db.Members.AsNoTracking().Where(m => m.AccountId == accountId).Select(m => m.Id).ToListAsync(ct);
        return await ExportAsync(db, admin, new ExportSubject(accountId, memberIds), "account", accountId, ct);
    }

    private async Task<SubjectExport> ExportAsync(AppDbContext db, CurrentUser admin, ExportSubject subject, string targetType, string targetId, CancellationToken ct)
    {
        var ids = subject.MemberIds;
        var accountId = subject.AccountId;
        var account = accountId is null ? null : await db.Accounts.AsNoTracking().Where(a => a.Id == accountId)
            .Select(a => new AccountExport(a.Id, a.Username, a.DisplayName, a.Role, a.Disabled, a.CreatedAt)).FirstOrDefaultAsync(ct);

        var places = await db.WaitlistPlaces.AsNoTracking().Where(w => ids.Contains(w.MemberId)).ToListAsync(ct);
        var memberships = (await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id))
                .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { Member = m, GroupName = g.Name }).ToListAsync(ct))
            .Select(x => new MembershipExport(x.Member.Id, x.Member.GroupId, x.GroupName, x.Member.DisplayName, x.Member.Age, x.Member.Kind,
                x.Member.Status, x.Member.Status == MemberStatus.Waitlisted ? places.FirstOrDefault(p => p.MemberId == x.Member.Id)?.Position : null,
                x.Member.CreatedAt, x.Member.RedeemedAt))
            .OrderBy(m => m.AddedAt).ToList();

        // Only what they wrote: messages by their account, or by their places in groups.
        var messages = (await db.Messages.AsNoTracking()
                .Where(m => (accountId != null && m.AuthorAccountId == accountId) || (m.AuthorMemberId != null && ids.Contains(m.AuthorMemberId)))
                .ToListAsync(ct))
            .OrderBy(m => m.SentAt).ThenBy(m => m.Seq ?? long.MaxValue)
            .Select(m => new MessageExport(m.Id, m.GroupId, m.Seq, m.Text, m.SentAt, m.Status, m.Reason, m.Severity, m.Categories, m.RemovedAt, m.RemovedReason))
            .ToList();

        var goals = await db.Goals.AsNoTracking().Where(g => ids.Contains(g.MemberId))
            .Join(db.GroupAims, g => g.AimId, a => a.Id, (g, a) => new { Goal = g, Aim = a.Text }).ToListAsync(ct);
        var checkIns = (await db.CheckIns.AsNoTracking().Where(c => ids.Contains(c.MemberId)).ToListAsync(ct)).ToLookup(c => c.GoalId, StringComparer.Ordinal);
        var goalExports = goals.OrderBy(g => g.Goal.CreatedAt).Select(g => new GoalExport(g.Goal.Id, g.Goal.GroupId, g.Aim, g.Goal.Text, g.Goal.CreatedAt,
            [.. checkIns[g.Goal.Id].OrderBy(c => c.At).Select(c => new CheckInExport(c.Id, c.Score, c.Note, c.At))])).ToList();

        var exits = await db.MemberExits.AsNoTracking().Where(x => ids.Contains(x.MemberId)).OrderBy(x => x.ExitedAt)
            .Select(x => new ExitExport(x.Id, x.GroupId, x.Plan, x.Note, x.ExitedAt)).ToListAsync(ct);
        var followUps = await db.FollowUps.AsNoTracking().Where(f => ids.Contains(f.MemberId)).OrderBy(f => f.DueAt)
            .Select(f => new FollowUpExport(f.Id, f.GroupId, f.Week, f.DueAt, f.DoneAt, f.DoneNote)).ToListAsync(ct);
        var attendance = await db.Attendance.AsNoTracking().Where(a => ids.Contains(a.MemberId)).OrderBy(a => a.AdmittedAt)
            .Select(a => new AttendanceExport(a.GroupId, a.SessionStartsAt, a.AdmittedAt)).ToListAsync(ct);

        List<object> concerns = [];
        foreach (var source in concernRecords)
        {
            concerns.Add(await source.ExportAsync(db, subject, ct));
        }

        var privateMessages = (await db.BackchannelMessages.AsNoTracking().Where(b => ids.Contains(b.MemberId)).ToListAsync(ct))
            .OrderBy(b => b.SentAt)
            .Select(b => new PrivateMessageExport(b.Id, b.GroupId, b.Kind, accountId != null && b.AuthorAccountId == accountId, b.Text, b.SentAt))
            .ToList();
        var restrictions = await db.MemberRestrictions.AsNoTracking().Where(r => ids.Contains(r.MemberId)).OrderBy(r => r.CreatedAt)
            .Select(r => new RestrictionExport(r.GroupId, r.Kind, r.Reason, r.CreatedAt, r.Until, r.LiftedAt)).ToListAsync(ct);

        var auditEntries = await AuditAboutAsync(db, subject, [.. goals.Select(g => g.Goal.Id)], ct);

        var now = time.GetUtcNow();
        var export = new SubjectExport(now, $"{targetType} {targetId}", account, memberships, messages, privateMessages, restrictions, goalExports, exits, followUps,
            attendance, concerns, auditEntries, NotIncludedNotes);
        var groupId = memberships.Count == 1 ? memberships[0].GroupId : null;
        audit.Add(db, admin, "subject.exported", groupId, targetType, targetId, data: new
        {
            memberships = memberships.Count, messages = messages.Count, goals = goalExports.Count, exits = exits.Count, auditEntries = auditEntries.Count,
        });
        await db.SaveChangesAsync(ct);
        LogExported(logger, targetType, targetId, admin.Id, messages.Count);
        return export;
    }

    private static async Task<List<AuditExport>> AuditAboutAsync(AppDbContext db, ExportSubject subject, IReadOnlyList<string> goalIds, CancellationToken ct)
    {
        var mine = subject.MemberIds.Concat(goalIds).Concat(subject.AccountId is null ? [] : [subject.AccountId]).ToHashSet(StringComparer.Ordinal);
        var targetIds = mine.ToList();
        var accountId = subject.AccountId;
        var rows = await db.Audit.AsNoTracking()
            .Where(a => (a.TargetId != null && targetIds.Contains(a.TargetId)) || (accountId != null && a.ActorId == accountId))
            .OrderBy(a => a.Id).ToListAsync(ct);
        return [.. rows.Select(a =>
        {
            var aboutThem = a.TargetId is null || mine.Contains(a.TargetId);
            return new AuditExport(a.At, a.Action, a.ActorRole, a.ActorId == accountId, a.GroupId,
                aboutThem ? a.TargetType : null, aboutThem ? a.TargetId : null, aboutThem ? a.Reason : null,
                aboutThem && a.Data is not null ? JsonSerializer.Deserialize<JsonElement>(a.Data) : null);
        })];
    }

    [LoggerMessage(8131, LogLevel.Information, "Subject access export of {TargetType} {TargetId} by {ActorId}: {Messages} messages")]
    private static partial void LogExported(ILogger logger, string targetType, string targetId, string actorId, int messages);
}
