using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Audit;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Groups;

namespace OnlineGroup.Server.Moderation;

/// <summary>Timed mutes and removal from the session: stored, recorded, told to the member, enforced by the send and admission rules.</summary>
public sealed class MemberModeration(
    IDbContextFactory<AppDbContext> contexts,
    ModerationAccess access,
    IGroupModeration moderation,
    IGroupGate gate,
    ConnectionRegistry registry,
    AuditTrail audit,
    IHubContext<ChatHub, IChatClient> hub,
    TimeProvider time,
    ILogger<MemberModeration> logger)
{
    public async Task MuteAsync(CurrentUser user, string groupId, string memberId, int minutes, string? reason, CancellationToken ct)
    {
        await access.EnsureModeratorAsync(user, groupId, ct);
        var why = ModerationAccess.Reason(reason);
        if (minutes is < 1 or > ModerationLimits.MaxMuteMinutes)
        {
            throw new HubException($"A mute lasts 1 to {ModerationLimits.MaxMuteMinutes} minutes; it lifts itself when the time is up.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var member = await ModerationAccess.MemberAsync(db, groupId, memberId, ct);
        var now = time.GetUtcNow();
        var until = now.AddMinutes(minutes);
        // A new mute replaces the one in force, whether it is shorter or longer.
        foreach (var earlier in await ActiveAsync(db, groupId, memberId, RestrictionKinds.Mute, now, ct))
        {
            earlier.LiftedAt = now;
            earlier.LiftedBy = user.Id;
        }

        db.MemberRestrictions.Add(Restriction(groupId, memberId, RestrictionKinds.Mute, until, why, user, now));
        audit.Add(db, user, ModerationActions.Muted, groupId, "member", memberId, why, new { minutes, until });
        await db.SaveChangesAsync(ct);
        moderation.Invalidate(groupId);
        ModerationLog.Muted(logger, memberId, groupId, until, user.Id);
        if (member.AccountId is { } accountId)
        {
            await hub.Clients.User(accountId).Muted(new MutedEvent(groupId, until, why));
        }
    }

    /// <summary>Lifts a mute early. The member is told with a <c>Muted</c> event whose <c>until</c> is now: muted until now, so no longer.</summary>
    public async Task UnmuteAsync(CurrentUser user, string groupId, string memberId, CancellationToken ct)
    {
        await access.EnsureModeratorAsync(user, groupId, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var member = await ModerationAccess.MemberAsync(db, groupId, memberId, ct);
        var now = time.GetUtcNow();
        var mutes = await ActiveAsync(db, groupId, memberId, RestrictionKinds.Mute, now, ct);
        if (mutes.Count == 0)
        {
            throw new HubException("That member is not muted (a mute lifts itself when its time is up).");
        }

        foreach (var mute in mutes)
        {
            mute.LiftedAt = now;
            mute.LiftedBy = user.Id;
        }

        audit.Add(db, user, ModerationActions.Unmuted, groupId, "member", memberId, data: new { wasUntil = mutes.Max(m => m.Until) });
        await db.SaveChangesAsync(ct);
        moderation.Invalidate(groupId);
        ModerationLog.Unmuted(logger, memberId, groupId, user.Id);
        if (member.AccountId is { } accountId)
        {
            await hub.Clients.User(accountId).Muted(new MutedEvent(groupId, now, null));
        }
    }

    /// <summary>
    /// Ends a member's session: out of the room and its SignalR groups now, and kept out until the
    /// session ends (or, with no session known, the end of the day in the group's time zone). They can
    /// come back to the next session.
    /// </summary>
    public async Task RemoveAsync(CurrentUser user, string groupId, string memberId, string? reason, CancellationToken ct)
    {
        await access.EnsureModeratorAsync(user, groupId, ct);
        var why = ModerationAccess.Reason(reason);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var member = await ModerationAccess.MemberAsync(db, groupId, memberId, ct);
        if (member.Status != MemberStatus.Active)
        {
            throw new HubException("That member has no active place in this group, so there is no session to remove them from.");
        }

        var now = time.GetUtcNow();
        if ((await ActiveAsync(db, groupId, memberId, RestrictionKinds.Removal, now, ct)).Count > 0)
        {
            throw new HubException("That member has already been removed from this session.");
        }

        var session = (await gate.DecideAsync(groupId, ct)).CurrentSession;
        var zone = await db.Groups.AsNoTracking().Where(g => g.Id == groupId).Select(g => g.TimeZone).SingleAsync(ct);
        var until = session?.EndsAt ?? SessionEnd.EndOfLocalDay(now, zone);
        db.MemberRestrictions.Add(Restriction(groupId, memberId, RestrictionKinds.Removal, until, why, user, now));
        audit.Add(db, user, ModerationActions.MemberRemoved, groupId, "member", memberId, why, new { until, sessionEnd = session?.EndsAt });
        await db.SaveChangesAsync(ct);
        moderation.Invalidate(groupId);

        // Out of every group first, then told: nothing else from the room reaches them after the notice.
        var connections = registry.ConnectionsOf(groupId, j => j.MemberId == memberId);
        foreach (var connectionId in connections)
        {
            registry.Leave(connectionId, groupId);
            foreach (var name in new[] { ChatGroups.Room(groupId), ChatGroups.Staff(groupId), ChatGroups.Lobby(groupId) })
            {
                await hub.Groups.RemoveFromGroupAsync(connectionId, name, CancellationToken.None);
            }
        }

        ModerationLog.MemberRemoved(logger, memberId, groupId, until, user.Id, connections.Count);
        if (member.AccountId is { } accountId)
        {
            await hub.Clients.User(accountId).RemovedFromGroup(new RemovedFromGroupEvent(groupId));
        }
    }

    private static Task<List<MemberRestriction>> ActiveAsync(AppDbContext db, string groupId, string memberId, string kind, DateTimeOffset now, CancellationToken ct) =>
        db.MemberRestrictions.Where(r => r.GroupId == groupId && r.MemberId == memberId && r.Kind == kind && r.LiftedAt == null && r.Until > now).ToListAsync(ct);

    private static MemberRestriction Restriction(string groupId, string memberId, string kind, DateTimeOffset until, string reason, CurrentUser by, DateTimeOffset now) => new()
    {
        Id = Ids.New(),
        GroupId = groupId,
        MemberId = memberId,
        Kind = kind,
        Until = until,
        Reason = reason,
        CreatedBy = by.Id,
        CreatedAt = now,
    };
}

/// <summary>When a removal without a known session end runs out.</summary>
public static class SessionEnd
{
    /// <summary>The next local midnight in the group's time zone, as UTC (a midnight skipped by a clock change moves to the first valid time after it).</summary>
    public static DateTimeOffset EndOfLocalDay(DateTimeOffset now, string timeZone)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        var midnight = TimeZoneInfo.ConvertTime(now, zone).Date.AddDays(1);
        while (zone.IsInvalidTime(midnight))
        {
            midnight = midnight.AddMinutes(15);
        }

        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }
}
