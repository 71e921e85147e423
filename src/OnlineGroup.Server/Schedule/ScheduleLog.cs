namespace OnlineGroup.Server.Schedule;

/// <summary>Opening-times events. Ids, flags and times only.</summary>
internal static partial class ScheduleLog
{
    [LoggerMessage(3001, LogLevel.Information, "Session clock for {GroupId}: close {Close}, open {Open}, new closing time {ClosesAtChanged}, warning {Warn}; next look at {WakeAt}")]
    public static partial void Synced(ILogger logger, string groupId, bool close, bool open, bool closesAtChanged, bool warn, DateTimeOffset? wakeAt);

    [LoggerMessage(3002, LogLevel.Error, "Session clock for {GroupId} could not catch up")]
    public static partial void SyncFailed(ILogger logger, string groupId, Exception error);

    [LoggerMessage(3003, LogLevel.Warning, "Announcing the state of {GroupId} failed")]
    public static partial void AnnounceFailed(ILogger logger, string groupId, Exception error);

    [LoggerMessage(3004, LogLevel.Information, "Session clocks started for {Count} groups")]
    public static partial void ClocksStarted(ILogger logger, int count);

    [LoggerMessage(3005, LogLevel.Information, "{AccountId} extended the session of {GroupId} by {Minutes} minutes")]
    public static partial void SessionExtended(ILogger logger, string groupId, string accountId, int minutes);

    [LoggerMessage(3006, LogLevel.Information, "{AccountId} ended the session of {GroupId}")]
    public static partial void SessionEnded(ILogger logger, string groupId, string accountId);
}
