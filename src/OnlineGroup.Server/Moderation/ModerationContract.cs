using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Moderation;

// What the moderation hub methods answer (additions to the contract, see docs/moderation.md). JSON is camelCase.

/// <summary>A message as staff see it: whatever became of it, and who removed or rejected it and why.</summary>
public sealed record StaffMessageDto(string MessageId, string GroupId, long? Seq, string AuthorId, string AuthorName, string AuthorRole,
    string Text, DateTimeOffset SentAt, string Status, string? Reason, string? Severity,
    DateTimeOffset? RemovedAt, string? RemovedBy, string? RemovedReason)
{
    public static StaffMessageDto From(Message m) => new(m.Id, m.GroupId, m.Seq, m.AuthorMemberId ?? m.AuthorAccountId, m.AuthorName, m.AuthorRole,
        m.Text, m.SentAt, m.Status, m.Reason, m.Severity, m.RemovedAt, m.RemovedBy, m.RemovedReason);
}

/// <summary>One member's part of the conversation in this session.</summary>
public sealed record TalkShare(string MemberId, string DisplayName, int Messages, double Share);

/// <summary>A private message or a request for a moderator, as staff see it when they catch up.</summary>
public sealed record BackchannelDto(string Id, string GroupId, string Kind, string MemberId, string AuthorName, string Text, DateTimeOffset SentAt);

public static class RestrictionKinds
{
    public const string Mute = "mute";
    public const string Removal = "removal";
}

public static class BackchannelKinds
{
    public const string PrivateMessage = "privateMessage";
    public const string ModeratorRequest = "moderatorRequest";
}

/// <summary>The audit trail's names for moderators' actions.</summary>
public static class ModerationActions
{
    public const string Paused = "group.paused";
    public const string Resumed = "group.resumed";
    public const string SlowMode = "group.slowMode";
    public const string MessageRemoved = "message.removed";
    public const string MessageApproved = "message.approved";
    public const string MessageRejected = "message.rejected";
    public const string Muted = "member.muted";
    public const string Unmuted = "member.unmuted";
    public const string MemberRemoved = "member.removed";
    public const string PrivateMessage = "member.privateMessage";
}

public static class ModerationLimits
{
    public const int MaxReasonLength = 500;
    public const int MaxSlowModeSeconds = 300;
    public const int MaxMuteMinutes = 24 * 60;
    /// <summary>How far back the talk balance and backchannel look when no session is running.</summary>
    public static readonly TimeSpan WindowWithoutSession = TimeSpan.FromHours(3);

    /// <summary>What a young person is told when a moderator does not share their held message (never the moderator's reason).</summary>
    public const string NotSharedText =
        "Your message wasn't shared with the group this time. If something is on your mind, you can ask to talk to a moderator privately at any time.";
}
