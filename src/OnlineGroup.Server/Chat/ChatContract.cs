using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Chat;

// The wire contract of /hubs/chat (DESIGN.md): what clients receive. JSON is camelCase.

/// <summary>The events the server sends; the hub is typed against this so a misspelt event cannot compile.</summary>
public interface IChatClient
{
    Task MessagePublished(MessageDto message);
    Task MessageRemoved(MessageRemovedEvent removed);
    Task MessageHeld(HeldMessageDto message);
    /// <summary>To the author only: staff did not share their held message (an addition to the contract).</summary>
    Task MessageRejected(MessageRejectedEvent rejected);
    Task GroupStateChanged(GroupStateEvent state);
    Task SessionEnding(SessionEndingEvent ending);
    Task SessionClosed(SessionClosedEvent closed);
    Task Muted(MutedEvent muted);
    Task RemovedFromGroup(RemovedFromGroupEvent removed);
    Task PrivateMessage(PrivateMessageEvent message);
    Task SupportOffered(SupportOfferedEvent support);
    Task ModeratorRequested(ModeratorRequestedEvent request);
    Task StaffNote(StaffNoteEvent note);
    Task ConcernRaised(ConcernEvent concern);
    Task ConcernUpdated(ConcernEvent concern);
    /// <summary>To the group's staff: a freed place went to the first on the waiting list (Journey; an addition to the contract).</summary>
    Task WaitlistPlaceOffered(WaitlistPlaceOfferedEvent offered);
    /// <summary>To the group's staff: a follow-up with a young person who left is due (Journey; an addition to the contract).</summary>
    Task FollowUpDue(FollowUpDueEvent due);
}

public sealed record MessageDto(string MessageId, string GroupId, long Seq, string AuthorId, string AuthorName, string AuthorRole, string Text, DateTimeOffset SentAt)
{
    public static MessageDto From(Message m) =>
        new(m.Id, m.GroupId, m.Seq ?? 0, m.AuthorMemberId ?? m.AuthorAccountId, m.AuthorName, m.AuthorRole, m.Text, m.SentAt);
}

/// <summary>A message kept from young people until staff approve or reject it.</summary>
public sealed record HeldMessageDto(string MessageId, string GroupId, string AuthorId, string AuthorName, string AuthorRole, string Text,
    DateTimeOffset SentAt, string Status, string Reason, string Severity, IReadOnlyList<string> Categories);

public sealed record MessageRemovedEvent(string GroupId, string MessageId);

/// <summary>A held message staff did not share, told kindly to its author (never the moderator's reason).</summary>
public sealed record MessageRejectedEvent(string GroupId, string MessageId, string Text);

public sealed record SupportContact(string Name, string? Phone, string? Text, string? Url, string? Hours);

public sealed record GroupStateEvent(string GroupId, string State, int SlowModeSeconds, DateTimeOffset? ClosesAt);

public sealed record SessionEndingEvent(string GroupId, DateTimeOffset ClosesAt);

public sealed record SessionWindow(DateTimeOffset StartsAt, DateTimeOffset EndsAt);

public sealed record SessionClosedEvent(string GroupId, SessionWindow? NextSession);

public sealed record MutedEvent(string GroupId, DateTimeOffset? Until, string? Reason);

public sealed record RemovedFromGroupEvent(string GroupId);

public sealed record PrivateMessageEvent(string GroupId, string MemberId, string AuthorName, string Text, DateTimeOffset SentAt);

public sealed record SupportOfferedEvent(string GroupId, string Text, IReadOnlyList<SupportContact> SupportContacts);

public sealed record ModeratorRequestedEvent(string GroupId, string MemberId, string AuthorName, string Text, DateTimeOffset SentAt);

public sealed record StaffNoteEvent(string GroupId, string AuthorName, string Text);

public sealed record ConcernEvent(string ConcernId, string GroupId, string Severity, IReadOnlyList<string> Categories, string Status,
    string? MessageId, string? MemberId, DateTimeOffset RaisedAt, int EscalationLevel);

public sealed record WaitlistPlaceOfferedEvent(string GroupId, string MemberId, string DisplayName, int StillWaiting);

public sealed record FollowUpDueEvent(string FollowUpId, string GroupId, string MemberId, string DisplayName, int Week, DateTimeOffset DueAt);

/// <summary>The answer to <c>JoinGroup</c>.</summary>
public sealed record JoinResult(bool Admitted, string? Reason, string State, IReadOnlyList<MessageDto> History, SessionWindow? NextSession);

/// <summary>The answer to <c>SendMessage</c>.</summary>
public sealed record SendResult(string Status, string? MessageId, long? Seq, string? Reason)
{
    public static SendResult Rejected(string reason) => new(SendStatus.Rejected, null, null, reason);
}

public static class SendStatus
{
    public const string Published = "published";
    public const string Held = "held";
    public const string Blocked = "blocked";
    public const string Rejected = "rejected";
}

/// <summary>Why a send was rejected (the contract's <c>reason</c> values).</summary>
public static class RejectReasons
{
    public const string Closed = "closed";
    public const string Paused = "paused";
    public const string Muted = "muted";
    public const string SlowMode = "slowMode";
    public const string RateLimited = "rateLimited";
    public const string TooLong = "tooLong";
    public const string Empty = "empty";
    public const string NotJoined = "notJoined";
    /// <summary>The same clientMessageId was sent before with different text (an addition to the contract).</summary>
    public const string Conflict = "conflict";
}

/// <summary>Message states as stored.</summary>
public static class MessageStatus
{
    public const string Published = "published";
    public const string Held = "held";
    public const string Blocked = "blocked";
    /// <summary>Held, then rejected by staff: never shown to peers.</summary>
    public const string Rejected = "rejected";
    /// <summary>Published, then removed by staff: withdrawn from young people's view, kept for staff.</summary>
    public const string Removed = "removed";
}

/// <summary>The states a group can be in, as the hub and status endpoint report them.</summary>
public static class GroupStates
{
    public const string Open = "open";
    public const string Closed = "closed";
    public const string AwaitingModerator = "awaitingModerator";
    public const string Paused = "paused";
}

/// <summary>SignalR group names: everyone admitted to a group, its staff, and young people waiting outside.</summary>
public static class ChatGroups
{
    public static string Room(string groupId) => "room:" + groupId;
    public static string Staff(string groupId) => "staff:" + groupId;
    public static string Lobby(string groupId) => "lobby:" + groupId;
}
