namespace OnlineGroup.Server.Moderation;

/// <summary>Moderation events. Ids, counts and lengths only: never a message's text, a reason's words or a name.</summary>
internal static partial class ModerationLog
{
    [LoggerMessage(4001, LogLevel.Information, "Group {GroupId} paused by {AccountId}")]
    public static partial void Paused(ILogger logger, string groupId, string accountId);

    [LoggerMessage(4002, LogLevel.Information, "Group {GroupId} resumed by {AccountId}")]
    public static partial void Resumed(ILogger logger, string groupId, string accountId);

    [LoggerMessage(4003, LogLevel.Information, "Group {GroupId} slow mode set to {Seconds} s by {AccountId}")]
    public static partial void SlowMode(ILogger logger, string groupId, string accountId, int seconds);

    [LoggerMessage(4004, LogLevel.Information, "Message {MessageId} in {GroupId} removed by {AccountId}")]
    public static partial void MessageRemoved(ILogger logger, string messageId, string groupId, string accountId);

    [LoggerMessage(4005, LogLevel.Information, "Held message {MessageId} in {GroupId} approved by {AccountId}: seq {Seq}")]
    public static partial void MessageApproved(ILogger logger, string messageId, string groupId, string accountId, long seq);

    [LoggerMessage(4006, LogLevel.Information, "Held message {MessageId} in {GroupId} rejected by {AccountId}")]
    public static partial void MessageRejected(ILogger logger, string messageId, string groupId, string accountId);

    [LoggerMessage(4007, LogLevel.Information, "Member {MemberId} of {GroupId} muted until {Until} by {AccountId}")]
    public static partial void Muted(ILogger logger, string memberId, string groupId, DateTimeOffset until, string accountId);

    [LoggerMessage(4008, LogLevel.Information, "Member {MemberId} of {GroupId} unmuted by {AccountId}")]
    public static partial void Unmuted(ILogger logger, string memberId, string groupId, string accountId);

    [LoggerMessage(4009, LogLevel.Information, "Member {MemberId} removed from {GroupId} until {Until} by {AccountId}; {Connections} connections closed to the group")]
    public static partial void MemberRemoved(ILogger logger, string memberId, string groupId, DateTimeOffset until, string accountId, int connections);

    [LoggerMessage(4010, LogLevel.Information, "Private message {Id} ({Length} chars) to member {MemberId} of {GroupId} from {AccountId}")]
    public static partial void PrivateMessage(ILogger logger, string id, int length, string memberId, string groupId, string accountId);

    [LoggerMessage(4011, LogLevel.Information, "Moderator requested in {GroupId} by member {MemberId} ({Length} chars), request {Id}")]
    public static partial void ModeratorRequested(ILogger logger, string id, int length, string memberId, string groupId);

    [LoggerMessage(4012, LogLevel.Warning, "{AccountId} is being rate limited on the chat hub (first refused call: {Method})")]
    public static partial void RateLimited(ILogger logger, string accountId, string method);

    [LoggerMessage(4013, LogLevel.Debug, "Refused {Method} from {AccountId}: rate limit")]
    public static partial void RateLimitHit(ILogger logger, string accountId, string method);
}
