using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Groups;

namespace OnlineGroup.Server.Chat;

/// <summary>
/// One more check before a young person with an active place is let into the room (e.g. removed from
/// this session by a moderator). Returns a JoinGroup refusal reason, or null to let them in.
/// </summary>
public interface IAdmissionRule
{
    ValueTask<string?> CheckAsync(CurrentUser user, Member member, CancellationToken ct);
}

/// <summary>Who may come into a group's live chat, and what they see when they do.</summary>
public sealed partial class Admission(
    IDbContextFactory<AppDbContext> contexts,
    GroupDirectory groups,
    IGroupGate gate,
    IEnumerable<IAdmissionRule> rules,
    ConnectionRegistry registry,
    ILogger<Admission> logger)
{
    private readonly IAdmissionRule[] _rules = [.. rules];

    // Compiled once per server (a compiled query belongs to one model): a join then neither builds nor
    // translates a LINQ expression, ~20 KB of garbage each, measured while 1,000 joined at once.
    private readonly Func<AppDbContext, string, string, CancellationToken, Task<Member?>> _member = EF.CompileAsyncQuery(
        (AppDbContext db, string groupId, string accountId, CancellationToken _) =>
            db.Members.AsNoTracking().FirstOrDefault(m => m.GroupId == groupId && m.AccountId == accountId));

    // Messages kept past retention (a concern points at them) are for staff, not shown out of their context.
    private readonly Func<AppDbContext, string, int, IAsyncEnumerable<Message>> _recent = EF.CompileAsyncQuery(
        (AppDbContext db, string groupId, int count) => db.Messages.AsNoTracking()
            .Where(m => m.GroupId == groupId && m.Status == MessageStatus.Published
                && m.Seq > (db.ChatRetention.Where(r => r.GroupId == groupId).Select(r => (long?)r.PurgedThroughSeq).FirstOrDefault() ?? 0))
            .OrderByDescending(m => m.Seq)
            .Take(count));

    public sealed record Entry(JoinResult Result, IReadOnlyList<string> SignalRGroups);

    public async Task<Entry> JoinAsync(string connectionId, CurrentUser user, string groupId, CancellationToken ct)
    {
        // The group from memory (the message path's copy); then one database connection for the rest of
        // the join, opened once: a session's start brings everyone in at once, and each open of a SQLite
        // connection re-registers EF Core's functions on it (~5 KB of garbage per open, measured).
        var group = await groups.FindAsync(groupId, ct);
        var decision = group is null ? null : await gate.DecideAsync(groupId, ct);
        if (group is null || decision is null)
        {
            return Refused(GroupStates.Closed, "notMember", null);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.OpenConnectionAsync(ct);

        if (user.IsStaff)
        {
            var duties = user.IsAdmin
                ? [Duties.Moderator]
                : await db.GroupStaff.AsNoTracking().Where(s => s.GroupId == groupId && s.AccountId == user.Id).Select(s => s.Duty).ToListAsync(ct);
            if (duties.Count == 0)
            {
                return Refused(decision.State, "notMember", decision.NextSession);
            }

            // Staff are always admitted, open or not, to prepare and to supervise.
            var isModerator = user.Role is Roles.Moderator or Roles.Admin && duties.Contains(Duties.Moderator);
            registry.Join(connectionId, new JoinedGroup(groupId, user, null, user.DisplayName, IsGroupStaff: true, isModerator));
            LogJoined(logger, user.Id, groupId, user.Role);
            var staffView = await gate.DecideAsync(groupId, ct);
            return new Entry(
                new JoinResult(true, null, staffView.State, await RecentAsync(db, groupId, ct), staffView.NextSession),
                [ChatGroups.Room(groupId), ChatGroups.Staff(groupId)]);
        }

        var member = await _member(db, groupId, user.Id, ct);
        var ruleRefusal = member?.Status == MemberStatus.Active ? await RuleRefusalAsync(user, member, ct) : null;
        var refusal = member?.Status switch
        {
            null => "notMember",
            MemberStatus.Waitlisted => "waitlisted",
            MemberStatus.Removed => "removed",
            // Left with an exit plan: the page says goodbye (GET /api/me has the message and support contacts).
            MemberStatus.Exited => "exited",
            _ when ruleRefusal is not null => ruleRefusal,
            // A paused group still lets its young people in to read; they cannot post until it resumes.
            _ => decision.IsOpen || decision.State == GroupStates.Paused ? null : decision.Reason ?? decision.State,
        };
        if (refusal is not null)
        {
            LogRefused(logger, user.Id, groupId, refusal);
            // Waiting young people hear when the group opens, so they are let in the moment it does
            // (not those a rule keeps out, such as someone removed from this session).
            var lobby = member?.Status == MemberStatus.Active && ruleRefusal is null ? new[] { ChatGroups.Lobby(groupId) } : [];
            return Refused(decision.State, refusal, decision.NextSession, lobby);
        }

        registry.Join(connectionId, new JoinedGroup(groupId, user, member!.Id, member.DisplayName, IsGroupStaff: false, IsModerator: false));
        LogJoined(logger, user.Id, groupId, user.Role);
        return new Entry(
            new JoinResult(true, null, decision.State, await RecentAsync(db, groupId, ct), decision.NextSession),
            [ChatGroups.Room(groupId), ChatGroups.Lobby(groupId)]);
    }

    /// <summary>The last messages young people may see, oldest first.</summary>
    private async Task<IReadOnlyList<MessageDto>> RecentAsync(AppDbContext db, string groupId, CancellationToken ct)
    {
        var recent = new List<MessageDto>(ChatLimits.JoinHistoryCount);
        await foreach (var message in _recent(db, groupId, ChatLimits.JoinHistoryCount).WithCancellation(ct))
        {
            recent.Add(MessageDto.From(message));
        }

        recent.Reverse();
        return recent;
    }

    private async Task<string?> RuleRefusalAsync(CurrentUser user, Member member, CancellationToken ct)
    {
        foreach (var rule in _rules)
        {
            if (await rule.CheckAsync(user, member, ct) is { } reason)
            {
                return reason;
            }
        }

        return null;
    }

    private static Entry Refused(string state, string reason, SessionWindow? next, IReadOnlyList<string>? groups = null) =>
        new(new JoinResult(false, reason, state, [], next), groups ?? []);

    [LoggerMessage(2201, LogLevel.Information, "{AccountId} ({Role}) joined group {GroupId}")]
    private static partial void LogJoined(ILogger logger, string accountId, string groupId, string role);

    [LoggerMessage(2202, LogLevel.Information, "{AccountId} was not admitted to group {GroupId}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string accountId, string groupId, string reason);
}
