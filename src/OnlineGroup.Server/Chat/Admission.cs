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
    IGroupGate gate,
    IEnumerable<IAdmissionRule> rules,
    ConnectionRegistry registry,
    MessageService messages,
    ILogger<Admission> logger)
{
    private readonly IAdmissionRule[] _rules = [.. rules];

    public sealed record Entry(JoinResult Result, IReadOnlyList<string> SignalRGroups);

    public async Task<Entry> JoinAsync(string connectionId, CurrentUser user, string groupId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId, ct);
        var decision = group is null ? null : await gate.DecideAsync(groupId, ct);
        if (group is null || decision is null)
        {
            return Refused(GroupStates.Closed, "notMember", null);
        }

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
                new JoinResult(true, null, staffView.State, await messages.RecentAsync(groupId, ChatLimits.JoinHistoryCount, ct), staffView.NextSession),
                [ChatGroups.Room(groupId), ChatGroups.Staff(groupId)]);
        }

        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.GroupId == groupId && m.AccountId == user.Id, ct);
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
            new JoinResult(true, null, decision.State, await messages.RecentAsync(groupId, ChatLimits.JoinHistoryCount, ct), decision.NextSession),
            [ChatGroups.Room(groupId), ChatGroups.Lobby(groupId)]);
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
