namespace OnlineGroup.Server.ScaleOut;

/// <summary>Scale-out events: instance and group ids and counts only.</summary>
internal static partial class ScaleOutLog
{
    [LoggerMessage(8001, LogLevel.Information, "Instance {InstanceId} sharing presence through Redis; {Groups} groups already have moderators elsewhere")]
    public static partial void Started(ILogger logger, string instanceId, int groups);

    [LoggerMessage(8002, LogLevel.Debug, "Group {GroupId}: {Count} moderators on other instances")]
    public static partial void RemotePresence(ILogger logger, string groupId, int count);

    [LoggerMessage(8003, LogLevel.Information, "Instance {InstanceId} stopped answering; its presence in {GroupId} is dropped")]
    public static partial void InstanceExpired(ILogger logger, string instanceId, string groupId);

    [LoggerMessage(8004, LogLevel.Warning, "Redis unavailable while sharing presence of group {GroupId}; other instances see it when Redis is back")]
    public static partial void PresenceFailed(ILogger logger, Exception exception, string groupId);

    [LoggerMessage(8005, LogLevel.Warning, "Redis unavailable while broadcasting a change to group {GroupId}; other instances see it within 30 s")]
    public static partial void InvalidationFailed(ILogger logger, Exception exception, string groupId);

    [LoggerMessage(8006, LogLevel.Debug, "Group {GroupId} {Kind} changed on instance {InstanceId}; local copy dropped")]
    public static partial void Invalidated(ILogger logger, string kind, string groupId, string instanceId);

    [LoggerMessage(8007, LogLevel.Warning, "Redis unavailable for slow mode in group {GroupId}; this instance's own send times decide until it is back")]
    public static partial void SlowModeFailed(ILogger logger, Exception exception, string groupId);
}
