using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Audit;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Groups;

namespace OnlineGroup.Server.Journey;

/// <summary>
/// Leaving well: staff record how a young person leaves and what comes next; their place ends kindly
/// (out of the room, told, their live connections closed, a goodbye with support contacts on
/// <c>GET /api/me</c>); the group's staff get follow-up reminders weeks later; a freed place goes to
/// the first on the waiting list.
/// </summary>
public sealed class Exits(
    IDbContextFactory<AppDbContext> contexts,
    Waitlist waitlist,
    ConnectionRegistry registry,
    IHubContext<ChatHub, IChatClient> hub,
    AuditTrail audit,
    IOptions<JourneyOptions> options,
    TimeProvider time,
    ILogger<Exits> logger)
{
    public async Task<Outcome<ExitDto>> ExitAsync(CurrentUser user, string groupId, string memberId, ExitRequest req, CancellationToken ct)
    {
        if (req.Plan is null || !ExitPlans.All.Contains(req.Plan))
        {
            return Outcome.Invalid("plan", "plan says what comes next: \"movingOn\", \"referredElsewhere\" or \"paused\".");
        }

        var note = string.IsNullOrWhiteSpace(req.Note) ? null : req.Note.Trim();
        if (note?.Length > JourneyLimits.MaxNoteLength)
        {
            return Outcome.Invalid("note", $"The note can have up to {JourneyLimits.MaxNoteLength} characters.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await JourneyAudience.IsStaffOfAsync(db, user, groupId, ct))
        {
            return Outcome.Forbidden("Only the group's staff can record that a young person is leaving it.");
        }

        var member = await db.Members.FirstOrDefaultAsync(m => m.Id == memberId && m.GroupId == groupId, ct);
        if (member is null)
        {
            return Outcome.NotFound("There is no member with that id in this group.");
        }

        if (member.Status is not (MemberStatus.Active or MemberStatus.Waitlisted))
        {
            return Outcome.Conflict($"{member.DisplayName} has already left this group (their place is {member.Status}).");
        }

        var now = time.GetUtcNow();
        var previous = member.Status;
        member.Status = MemberStatus.Exited;
        if (previous == MemberStatus.Waitlisted)
        {
            await Waitlist.RemoveAsync(db, groupId, memberId, ct);
        }

        var exit = new MemberExit
        {
            Id = Ids.New(), GroupId = groupId, MemberId = memberId, Plan = req.Plan, Note = note,
            PreviousStatus = previous, RecordedBy = user.Id, ExitedAt = now,
        };
        db.MemberExits.Add(exit);
        var reminders = FollowUps.Plan(exit, options.Value.Weeks);
        db.FollowUps.AddRange(reminders);
        audit.Add(db, user, "member.exited", groupId, "member", memberId,
            data: new { plan = req.Plan, previousStatus = previous, followUpWeeks = reminders.Select(f => f.Week), noteLength = note?.Length ?? 0 });
        await db.SaveChangesAsync(ct);
        JourneyLog.MemberExited(logger, groupId, memberId, req.Plan, reminders.Count, user.Id);

        await EndAccessAsync(db, groupId, member, ct);
        var offered = previous == MemberStatus.Active ? await waitlist.OfferFreedPlacesAsync(groupId, user, ct) : [];
        return new ExitDto(exit.Id, groupId, memberId, exit.Plan, note, now,
            [.. reminders.Select(f => FollowUps.ToDto(f, member.DisplayName, exit, now))], offered);
    }

    /// <summary>
    /// Out of the room first (nothing more from it reaches them), then told (<c>RemovedFromGroup</c>, so the
    /// page can say goodbye), then their live connections close unless they still have a place elsewhere.
    /// </summary>
    private async Task EndAccessAsync(AppDbContext db, string groupId, Member member, CancellationToken ct)
    {
        var connections = registry.ConnectionsOf(groupId, j => j.MemberId == member.Id);
        foreach (var connectionId in connections)
        {
            registry.Leave(connectionId, groupId);
            foreach (var name in new[] { ChatGroups.Room(groupId), ChatGroups.Staff(groupId), ChatGroups.Lobby(groupId) })
            {
                await hub.Groups.RemoveFromGroupAsync(connectionId, name, CancellationToken.None);
            }
        }

        if (member.AccountId is not { } accountId)
        {
            return;
        }

        await hub.Clients.User(accountId).RemovedFromGroup(new RemovedFromGroupEvent(groupId));
        var placeElsewhere = await db.Members.AnyAsync(m => m.AccountId == accountId && m.Id != member.Id
            && (m.Status == MemberStatus.Active || m.Status == MemberStatus.Waitlisted), ct);
        var closed = placeElsewhere ? 0 : registry.Abort(accountId);
        JourneyLog.AccessEnded(logger, groupId, member.Id, connections.Count, closed);
    }
}

/// <summary>What a young person who has left sees on <c>GET /api/me</c>.</summary>
public sealed record Goodbye(string GroupId, string GroupName, string Plan, string Message, DateTimeOffset ExitedAt, IReadOnlyList<SupportContact> SupportContacts);

public static class Goodbyes
{
    /// <summary>The goodbye for the young person's most recent exit, or null when they have not left a group.</summary>
    public static async Task<Goodbye?> ForAsync(AppDbContext db, SupportContacts contacts, string accountId, CancellationToken ct)
    {
        var last = await db.Members.AsNoTracking().Where(m => m.AccountId == accountId && m.Status == MemberStatus.Exited)
            .Join(db.MemberExits, m => m.Id, x => x.MemberId, (m, x) => new { x.GroupId, x.Plan, x.ExitedAt, x.Id })
            .Join(db.Groups, x => x.GroupId, g => g.Id, (x, g) => new { x.GroupId, x.Plan, x.ExitedAt, x.Id, g.Name })
            .ToListAsync(ct);
        var exit = last.OrderByDescending(x => x.ExitedAt).FirstOrDefault();
        if (exit is null)
        {
            return null;
        }

        var followUps = await db.FollowUps.AnyAsync(f => f.ExitId == exit.Id, ct);
        return new Goodbye(exit.GroupId, exit.Name, exit.Plan, Message(exit.Plan, exit.Name, followUps), exit.ExitedAt, contacts.ForYoungPeople);
    }

    public static string Message(string plan, string groupName, bool followUps)
    {
        var text = plan switch
        {
            ExitPlans.MovingOn => $"You have finished your time in {groupName}. Thank you for everything you brought to it — the progress you made is yours to keep.",
            ExitPlans.ReferredElsewhere => $"Your time in {groupName} has ended, and staff have arranged for you to get support somewhere that fits you better.",
            _ => $"Your place in {groupName} is paused for now. Staff will be in touch with you about coming back.",
        };
        if (followUps)
        {
            text += " Someone from the group will check in with you in a few weeks.";
        }

        return text + " If things get hard, or you just need to talk, the people below are there for you.";
    }
}
