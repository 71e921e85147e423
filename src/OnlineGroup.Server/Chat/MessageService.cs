using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Groups;
using OnlineGroup.Server.Safeguarding;

namespace OnlineGroup.Server.Chat;

/// <summary>
/// The message path: validate → safeguarding scan → one transaction → acknowledge → broadcast.
/// Nothing reaches other young people before it is scanned and stored.
/// </summary>
public sealed partial class MessageService(
    GroupDirectory groups,
    IGroupGate gate,
    IEnumerable<ISendRule> rules,
    ISafeguardingScanner scanner,
    IEnumerable<IMessageObserver> observers,
    MessageWriter writer,
    IHubContext<ChatHub, IChatClient> hub,
    IDbContextFactory<AppDbContext> contexts,
    TimeProvider time,
    ILogger<MessageService> logger)
{
    private readonly ISendRule[] _rules = [.. rules];
    private readonly IMessageObserver[] _observers = [.. observers];

    // Each group's SignalR room name, built once: only groups with a committed message are kept.
    private readonly ConcurrentDictionary<string, string> _rooms = new(StringComparer.Ordinal);

    public async Task<SendResult> SendAsync(JoinedGroup? sender, string groupId, string? clientMessageId, string? text, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(clientMessageId) || clientMessageId.Length > ChatLimits.MaxClientMessageIdLength)
        {
            throw new HubException($"clientMessageId must be 1 to {ChatLimits.MaxClientMessageIdLength} characters; use a new id (a UUID, best a time-ordered version 7) for each message.");
        }

        if (sender is null)
        {
            return SendResult.Rejected(RejectReasons.NotJoined);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return SendResult.Rejected(RejectReasons.Empty);
        }

        if (text.Length > ChatLimits.MaxTextLength)
        {
            return SendResult.Rejected(RejectReasons.TooLong);
        }

        var group = await groups.FindAsync(groupId, ct) ?? throw new HubException("There is no group with that id.");
        var context = new SendContext(sender, group, text, await gate.DecideAsync(groupId, ct), time.GetUtcNow());
        foreach (var rule in _rules)
        {
            if (await rule.CheckAsync(context) is { } reason)
            {
                // A resend of something already stored gets its first answer, whatever the group's state now.
                return await StoredAnswerAsync(sender, groupId, clientMessageId, text, ct) ?? SendResult.Rejected(reason);
            }
        }

        // Staff words are not scanned: a moderator giving a helpline number is not a grooming risk.
        var scan = sender.IsGroupStaff ? ScanResult.Allowed : scanner.Scan(text);
        var (status, why) = Decide(scan, group, sender);
        var message = new Message
        {
            Id = Ids.NewInOrder(time),
            GroupId = groupId,
            AuthorAccountId = sender.User.Id,
            AuthorMemberId = sender.MemberId,
            AuthorName = sender.DisplayName,
            AuthorRole = sender.User.Role,
            ClientMessageId = clientMessageId,
            Text = text,
            SentAt = context.Now,
            Status = status,
            Reason = why,
            Severity = scan.RaisesConcern ? scan.Severity.ToString().ToLowerInvariant() : null,
            Categories = scan.RaisesConcern ? string.Join(',', scan.Categories) : null,
        };
        var write = new PendingWrite(message);
        write.AfterCommit.Add(Broadcast);
        foreach (var observer in _observers)
        {
            observer.OnAccepted(write, context, scan);
        }

        var outcome = await writer.WriteAsync(write, ct);
        if (outcome.Duplicate && !string.Equals(outcome.StoredText, text, StringComparison.Ordinal))
        {
            return SendResult.Rejected(RejectReasons.Conflict);
        }

        LogSent(logger, outcome.MessageId, groupId, outcome.Seq ?? 0, text.Length, outcome.Status, outcome.Duplicate);
        return new SendResult(outcome.Status, outcome.MessageId, outcome.Seq, outcome.Reason);

        async Task Broadcast(WriteOutcome done)
        {
            if (message.Status == MessageStatus.Published)
            {
                await hub.Clients.Group(_rooms.GetOrAdd(groupId, ChatGroups.Room)).MessagePublished(MessageDto.From(message));
            }
            else if (message.Status == MessageStatus.Held)
            {
                await hub.Clients.Group(ChatGroups.Staff(groupId)).MessageHeld(HeldFrom(message));
            }
        }
    }

    public static HeldMessageDto HeldFrom(Message m) => new(m.Id, m.GroupId, m.AuthorMemberId ?? m.AuthorAccountId, m.AuthorName, m.AuthorRole,
        m.Text, m.SentAt, m.Status, m.Reason ?? "", m.Severity ?? "none",
        string.IsNullOrEmpty(m.Categories) ? [] : m.Categories.Split(','));

    private static (string Status, string? Reason) Decide(ScanResult scan, Group group, JoinedGroup sender) => scan.Action switch
    {
        ScanAction.Block => (MessageStatus.Blocked, "safeguarding"),
        ScanAction.Hold => (MessageStatus.Held, "safeguarding"),
        _ when group.Premoderate && !sender.IsGroupStaff => (MessageStatus.Held, "premoderated"),
        _ => (MessageStatus.Published, null),
    };

    private async Task<SendResult?> StoredAnswerAsync(JoinedGroup sender, string groupId, string clientMessageId, string text, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var stored = await db.Messages.AsNoTracking()
            .Where(m => m.AuthorAccountId == sender.User.Id && m.GroupId == groupId && m.ClientMessageId == clientMessageId)
            .Select(m => new { m.Id, m.Seq, m.Status, m.Reason, m.Text })
            .FirstOrDefaultAsync(ct);
        return stored is null ? null
            : !string.Equals(stored.Text, text, StringComparison.Ordinal) ? SendResult.Rejected(RejectReasons.Conflict)
            : new SendResult(stored.Status, stored.Id, stored.Seq, stored.Reason);
    }

    public async Task<IReadOnlyList<MessageDto>> HistoryAsync(string groupId, long afterSeq, int limit, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Retention purges old chat: a client asking for what is gone is told so, never handed a silent gap.
        var kept = await db.ChatRetention.AsNoTracking().FirstOrDefaultAsync(r => r.GroupId == groupId, ct);
        if (Records.Retention.PurgedHistory(kept, afterSeq) is { } gone)
        {
            throw new HubException(gone);
        }

        var rows = await db.Messages.AsNoTracking()
            .Where(m => m.GroupId == groupId && m.Status == MessageStatus.Published && m.Seq > afterSeq)
            .OrderBy(m => m.Seq)
            .Take(Math.Clamp(limit, 1, ChatLimits.HistoryPageSize))
            .ToListAsync(ct);
        return [.. rows.Select(MessageDto.From)];
    }

    [LoggerMessage(2001, LogLevel.Debug, "Message {MessageId} in {GroupId} seq {Seq} ({Length} chars): {Status}, duplicate {Duplicate}")]
    private static partial void LogSent(ILogger logger, string messageId, string groupId, long seq, int length, string status, bool duplicate);
}
