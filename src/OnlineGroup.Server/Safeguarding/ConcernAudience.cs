using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Safeguarding;

/// <summary>
/// SignalR groups that carry concerns, joined when a staff connection starts (no JoinGroup needed).
/// Each connection is in at most one of a group's three tiers, so that a send to several tiers reaches
/// each connection once.
/// </summary>
public static class ConcernGroups
{
    /// <summary>The group's moderators (moderator accounts).</summary>
    public static string Moderators(string groupId) => "concerns:moderators:" + groupId;

    /// <summary>The group's safeguarding leads (and admins who moderate it): told of every concern at once.</summary>
    public static string Leads(string groupId) => "concerns:leads:" + groupId;

    /// <summary>The group's deputy leads (who are not also leads): told at escalation level 1.</summary>
    public static string Deputies(string groupId) => "concerns:deputies:" + groupId;

    /// <summary>Every safeguarding and admin account: told at escalation level 2.</summary>
    public const string AllSafeguarding = "concerns:all";
}

/// <summary>
/// Who hears of a concern, by escalation level: 0 the group's moderators and safeguarding leads;
/// 1 also its deputy leads; 2 also every safeguarding (and admin) account. A group with no lead routes
/// level 0 to its deputies; with neither, to all safeguarding staff: a concern always reaches someone.
/// </summary>
public sealed partial class ConcernAudience(
    IDbContextFactory<AppDbContext> contexts,
    IHubContext<ChatHub, IChatClient> hub,
    ILogger<ConcernAudience> logger) : IConnectionObserver
{
    public async Task OnConnectedAsync(HubCallerContext connection, IGroupManager groups)
    {
        var user = CurrentUser.TryFrom(connection.User);
        if (user is null || !user.IsStaff)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(connection.ConnectionAborted);
        var duties = await db.GroupStaff.AsNoTracking().Where(s => s.AccountId == user.Id)
            .Select(s => new StaffDuty(s.GroupId, s.Duty))
            .ToListAsync(connection.ConnectionAborted);
        var names = GroupsFor(user.Role, duties);
        foreach (var name in names)
        {
            await groups.AddToGroupAsync(connection.ConnectionId, name, connection.ConnectionAborted);
        }

        SafeguardingLog.ConcernListener(logger, user.Id, user.Role, names.Count);
    }

    /// <summary>The concern groups a staff connection belongs to, from its role and duties.</summary>
    public static IReadOnlyList<string> GroupsFor(string role, IEnumerable<StaffDuty> duties)
    {
        var names = new List<string>();
        var isSafeguarding = role is Roles.Safeguarding or Roles.Admin;
        foreach (var group in duties.GroupBy(d => d.GroupId, StringComparer.Ordinal))
        {
            var held = group.Select(d => d.Duty).ToHashSet(StringComparer.Ordinal);
            if (isSafeguarding && (held.Contains(Duties.SafeguardingLead) || (role == Roles.Admin && held.Contains(Duties.Moderator))))
            {
                names.Add(ConcernGroups.Leads(group.Key));
            }
            else if (isSafeguarding && held.Contains(Duties.DeputyLead))
            {
                names.Add(ConcernGroups.Deputies(group.Key));
            }
            else if (role == Roles.Moderator && held.Contains(Duties.Moderator))
            {
                names.Add(ConcernGroups.Moderators(group.Key));
            }
        }

        if (isSafeguarding)
        {
            names.Add(ConcernGroups.AllSafeguarding);
        }

        return names;
    }

    /// <summary>The SignalR groups a concern at this level goes to, given whether its group has leads and deputies.</summary>
    public static IReadOnlyList<string> Recipients(string groupId, int level, bool hasLead, bool hasDeputy)
    {
        if (level >= ConcernLimits.MaxEscalationLevel || (!hasLead && !hasDeputy))
        {
            // AllSafeguarding holds every lead and deputy, so they are not named again (no duplicates).
            return [ConcernGroups.Moderators(groupId), ConcernGroups.AllSafeguarding];
        }

        return level >= 1 || !hasLead
            ? [ConcernGroups.Moderators(groupId), ConcernGroups.Leads(groupId), ConcernGroups.Deputies(groupId)]
            : [ConcernGroups.Moderators(groupId), ConcernGroups.Leads(groupId)];
    }

    public Task RaisedAsync(Concern concern, CancellationToken ct = default) => SendAsync(concern, raised: true, ct);

    public Task UpdatedAsync(Concern concern, CancellationToken ct = default) => SendAsync(concern, raised: false, ct);

    private async Task SendAsync(Concern concern, bool raised, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var duties = await db.GroupStaff.AsNoTracking()
            .Where(s => s.GroupId == concern.GroupId && (s.Duty == Duties.SafeguardingLead || s.Duty == Duties.DeputyLead))
            .Select(s => s.Duty).Distinct().ToListAsync(ct);
        var groups = Recipients(concern.GroupId, concern.EscalationLevel, duties.Contains(Duties.SafeguardingLead), duties.Contains(Duties.DeputyLead));
        var clients = hub.Clients.Groups(groups);
        var payload = ConcernMapping.ToEvent(concern);
        await (raised ? clients.ConcernRaised(payload) : clients.ConcernUpdated(payload));
        SafeguardingLog.ConcernSent(logger, concern.Id, concern.GroupId, raised ? "ConcernRaised" : "ConcernUpdated", concern.EscalationLevel, groups.Count);
    }
}

public sealed record StaffDuty(string GroupId, string Duty);
