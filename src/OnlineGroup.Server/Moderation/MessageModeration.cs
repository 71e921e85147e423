using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Audit;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Moderation;

/// <summary>
/// Staff acting on messages: removing a published one, approving or rejecting a held one, and the
/// staff-only views of what happened (held messages, history with removals).
/// </summary>
public sealed class MessageModeration(
    IDbContextFactory<AppDbContext> contexts,
    ModerationAccess access,
    MessageWriter writer,
    BroadcastLanes lanes,
    AuditTrail audit,
    IHubContext<ChatHub, IChatClient> hub,
    TimeProvider time,
    ILogger<MessageModeration> logger)
{
    /// <summary>Withdraws a published message from young people's view (live and history); staff keep it with who removed it and why.</summary>
    public async Task RemoveAsync(CurrentUser user, string groupId, string messageId, string? reason, CancellationToken ct)
    {
        await access.EnsureModeratorAsync(user, groupId, ct);
        var why = ModerationAccess.Reason(reason);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var message = await FindAsync(db, groupId, messageId, ct);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // Conditional, so two moderators removing at once record one removal.
            var now = time.GetUtcNow();
            var removed = await db.Messages.Where(m => m.Id == messageId && m.GroupId == groupId && m.Status == MessageStatus.Published)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, MessageStatus.Removed)
                    .SetProperty(m => m.RemovedAt, now)
                    .SetProperty(m => m.RemovedBy, user.Id)
                    .SetProperty(m => m.RemovedReason, why), ct);
            if (removed == 0)
            {
                throw new HubException(message.Status switch
                {
                    MessageStatus.Removed => "That message has already been removed.",
                    MessageStatus.Held => "That message is held and was never shown to young people: reject it instead.",
                    _ => "Only a published message can be removed.",
                });
            }

            audit.Add(db, user, ModerationActions.MessageRemoved, groupId, "message", messageId, why,
                new { seq = message.Seq, authorId = message.AuthorMemberId ?? message.AuthorAccountId });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        ModerationLog.MessageRemoved(logger, messageId, groupId, user.Id);
        // On the group's lane, behind the message's own broadcast, so no client hears of the removal first.
        lanes.Enqueue(groupId, () => hub.Clients.Group(ChatGroups.Room(groupId)).MessageRemoved(new MessageRemovedEvent(groupId, messageId)));
    }

    /// <summary>Publishes a held message to everyone: it gets the group's next seq in the writer's transaction, like a new message.</summary>
    public async Task ApproveAsync(CurrentUser user, string groupId, string messageId, CancellationToken ct)
    {
        await access.EnsureModeratorAsync(user, groupId, ct);
        Message message;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            message = await FindAsync(db, groupId, messageId, ct);
        }

        if (message.Status != MessageStatus.Held)
        {
            throw new HubException(NotHeld(message.Status));
        }

        var write = PendingWrite.Approval(message);
        write.Related.Add(audit.Create(user, ModerationActions.MessageApproved, groupId, "message", messageId,
            data: new { authorId = message.AuthorMemberId ?? message.AuthorAccountId, heldFor = message.Reason }));
        write.AfterCommit.Add(_ => hub.Clients.Group(ChatGroups.Room(groupId)).MessagePublished(MessageDto.From(message)));
        var outcome = await writer.WriteAsync(write, ct);
        if (outcome.Duplicate)
        {
            throw new HubException(NotHeld(outcome.Status));
        }

        ModerationLog.MessageApproved(logger, messageId, groupId, user.Id, outcome.Seq ?? 0);
    }

    /// <summary>Keeps a held message from the group for good, tells its author kindly (only them), and clears it from every moderator's queue.</summary>
    public async Task RejectAsync(CurrentUser user, string groupId, string messageId, string? reason, CancellationToken ct)
    {
        await access.EnsureModeratorAsync(user, groupId, ct);
        var why = ModerationAccess.Reason(reason);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var message = await FindAsync(db, groupId, messageId, ct);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var now = time.GetUtcNow();
            var rejected = await db.Messages.Where(m => m.Id == messageId && m.GroupId == groupId && m.Status == MessageStatus.Held)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, MessageStatus.Rejected)
                    .SetProperty(m => m.RemovedAt, now)
                    .SetProperty(m => m.RemovedBy, user.Id)
                    .SetProperty(m => m.RemovedReason, why), ct);
            if (rejected == 0)
            {
                throw new HubException(NotHeld(message.Status));
            }

            audit.Add(db, user, ModerationActions.MessageRejected, groupId, "message", messageId, why,
                new { authorId = message.AuthorMemberId ?? message.AuthorAccountId, heldFor = message.Reason });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        ModerationLog.MessageRejected(logger, messageId, groupId, user.Id);
        // On the group's lane, behind the MessageHeld that put it in the moderators' queues.
        lanes.Enqueue(groupId, async () =>
        {
            await hub.Clients.User(message.AuthorAccountId).MessageRejected(new MessageRejectedEvent(groupId, messageId, ModerationLimits.NotSharedText));
            await hub.Clients.Group(ChatGroups.Staff(groupId)).MessageRemoved(new MessageRemovedEvent(groupId, messageId));
        });
    }

    /// <summary>The messages waiting for a moderator, oldest first (for a moderator who joins late).</summary>
    public async Task<IReadOnlyList<HeldMessageDto>> HeldAsync(CurrentUser user, string groupId, CancellationToken ct)
    {
        await access.EnsureStaffAsync(user, groupId, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await HeldIn(db, groupId).Take(ChatLimits.HistoryPageSize).ToListAsync(ct);
        return [.. rows.Select(MessageService.HeldFrom)];
    }

    /// <summary>A group's held messages, oldest first, from the index that holds only held messages.</summary>
    internal static IQueryable<Message> HeldIn(AppDbContext db, string groupId) => db.Messages.AsNoTracking()
        .Where(m => m.GroupId == groupId && m.Status == MessageStatus.Held)
        .OrderBy(m => m.SentAt);

    /// <summary>The group's history as staff see it: published and removed messages with seq after <paramref name="afterSeq"/>, in order.</summary>
    public async Task<IReadOnlyList<StaffMessageDto>> StaffHistoryAsync(CurrentUser user, string groupId, long afterSeq, CancellationToken ct)
    {
        await access.EnsureStaffAsync(user, groupId, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Messages.AsNoTracking()
            .Where(m => m.GroupId == groupId && m.Seq > afterSeq)
            .OrderBy(m => m.Seq)
            .Take(ChatLimits.HistoryPageSize)
            .ToListAsync(ct);
        return [.. rows.Select(StaffMessageDto.From)];
    }

    private static async Task<Message> FindAsync(AppDbContext db, string groupId, string messageId, CancellationToken ct) =>
        await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId && m.GroupId == groupId, ct)
        ?? throw new HubException("There is no message with that id in this group.");

    private static string NotHeld(string status) => status switch
    {
        MessageStatus.Published => "That message is no longer waiting: it has already been approved.",
        MessageStatus.Rejected => "That message is no longer waiting: it has already been rejected.",
        MessageStatus.Removed => "That message is no longer waiting: it was approved and has since been removed.",
        MessageStatus.Blocked => "That message was blocked by the safeguarding check and cannot be shared.",
        _ => "That message is not waiting for a moderator.",
    };
}
