using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Audit;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Groups;

namespace OnlineGroup.Server.Moderation;

/// <summary>
/// Private words between a group's staff and one young person: a young person asking for a moderator,
/// a moderator reaching out privately. Stored as part of the record (never logged), and seen by the
/// group's staff so no request waits on one person.
/// </summary>
public sealed class Backchannel(
    IDbContextFactory<AppDbContext> contexts,
    ModerationAccess access,
    IGroupGate gate,
    AuditTrail audit,
    IHubContext<ChatHub, IChatClient> hub,
    TimeProvider time,
    ILogger<Backchannel> logger)
{
    /// <summary>A young person in the room asks the group's staff for help; peers never see it. Works while muted or paused.</summary>
    public async Task RequestModeratorAsync(JoinedGroup? joined, string groupId, string? text, CancellationToken ct)
    {
        if (joined is not { IsGroupStaff: false, MemberId: { } memberId })
        {
            throw new HubException("Join the group first: a request goes to the moderators of a group you are in.");
        }

        var words = Text(text);
        var request = new BackchannelMessage
        {
            Id = Ids.New(),
            GroupId = groupId,
            Kind = BackchannelKinds.ModeratorRequest,
            MemberId = memberId,
            AuthorAccountId = joined.User.Id,
            AuthorName = joined.DisplayName,
            Text = words,
            SentAt = time.GetUtcNow(),
        };
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            db.BackchannelMessages.Add(request);
            await db.SaveChangesAsync(ct);
        }

        ModerationLog.ModeratorRequested(logger, request.Id, words.Length, memberId, groupId);
        await hub.Clients.Group(ChatGroups.Staff(groupId)).ModeratorRequested(new ModeratorRequestedEvent(groupId, memberId, joined.DisplayName, words, request.SentAt));
    }

    /// <summary>A moderator's private message to one member: to that member only, and to the group's staff.</summary>
    public async Task SendPrivateMessageAsync(CurrentUser user, string groupId, string memberId, string? text, CancellationToken ct)
    {
        await access.EnsureModeratorAsync(user, groupId, ct);
        var words = Text(text);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var member = await ModerationAccess.MemberAsync(db, groupId, memberId, ct);
        if (member.AccountId is not { } accountId)
        {
            throw new HubException("That member has not redeemed their invitation yet, so there is no one to send a private message to.");
        }

        var message = new BackchannelMessage
        {
            Id = Ids.New(),
            GroupId = groupId,
            Kind = BackchannelKinds.PrivateMessage,
            MemberId = memberId,
            AuthorAccountId = user.Id,
            AuthorName = user.DisplayName,
            Text = words,
            SentAt = time.GetUtcNow(),
        };
        db.BackchannelMessages.Add(message);
        audit.Add(db, user, ModerationActions.PrivateMessage, groupId, "member", memberId, data: new { backchannelId = message.Id, length = words.Length });
        await db.SaveChangesAsync(ct);
        ModerationLog.PrivateMessage(logger, message.Id, words.Length, memberId, groupId, user.Id);

        var sent = new PrivateMessageEvent(groupId, memberId, message.AuthorName, words, message.SentAt);
        await hub.Clients.User(accountId).PrivateMessage(sent);
        await hub.Clients.Group(ChatGroups.Staff(groupId)).PrivateMessage(sent);
    }

    /// <summary>This session's private messages and moderator requests (the last few hours with no session), oldest first: for staff who join late.</summary>
    public async Task<IReadOnlyList<BackchannelDto>> RecentAsync(CurrentUser user, string groupId, CancellationToken ct)
    {
        await access.EnsureStaffAsync(user, groupId, ct);
        var since = (await gate.DecideAsync(groupId, ct)).CurrentSession?.StartsAt ?? time.GetUtcNow() - ModerationLimits.WindowWithoutSession;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.BackchannelMessages.AsNoTracking()
            .Where(b => b.GroupId == groupId && b.SentAt >= since)
            .OrderBy(b => b.SentAt)
            .Take(ChatLimits.HistoryPageSize)
            .ToListAsync(ct);
        return [.. rows.Select(b => new BackchannelDto(b.Id, b.GroupId, b.Kind, b.MemberId, b.AuthorName, b.Text, b.SentAt))];
    }

    private static string Text(string? text) =>
        string.IsNullOrWhiteSpace(text) || text.Length > ChatLimits.MaxTextLength
            ? throw new HubException($"A message needs 1 to {ChatLimits.MaxTextLength} characters.")
            : text;
}
