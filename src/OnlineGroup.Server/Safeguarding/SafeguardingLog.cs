namespace OnlineGroup.Server.Safeguarding;

/// <summary>Safeguarding events. Ids, levels and counts only: never a message's text, a note, or a name.</summary>
internal static partial class SafeguardingLog
{
    [LoggerMessage(5201, LogLevel.Debug, "Staff connection for {AccountId} ({Role}) listens to {Count} concern groups")]
    public static partial void ConcernListener(ILogger logger, string accountId, string role, int count);

    [LoggerMessage(5202, LogLevel.Information, "{Event} for concern {ConcernId} in group {GroupId} at level {Level} sent to {Groups} SignalR groups")]
    public static partial void ConcernSent(ILogger logger, string concernId, string groupId, string @event, int level, int groups);

    [LoggerMessage(5203, LogLevel.Warning, "Safeguarding:WebhookUrl is not set: concern notifications are kept in the outbox and not sent")]
    public static partial void WebhookNotConfigured(ILogger logger);

    [LoggerMessage(5204, LogLevel.Information, "Notification {Key} ({Kind}) for concern {ConcernId} delivered after {Attempts} passes")]
    public static partial void NotificationDelivered(ILogger logger, string key, string concernId, string kind, int attempts);

    [LoggerMessage(5205, LogLevel.Warning, "Notification {Key} for concern {ConcernId} not delivered (pass {Attempts}): {Error}; kept in the outbox")]
    public static partial void NotificationFailed(ILogger logger, string key, string concernId, int attempts, string error);

    [LoggerMessage(5206, LogLevel.Error, "An outbox pass failed; pending notifications stay for the next pass")]
    public static partial void OutboxPassFailed(ILogger logger, Exception error);

    [LoggerMessage(5207, LogLevel.Error, "A deadline run failed; the next tick tries again")]
    public static partial void DeadlineRunFailed(ILogger logger, Exception error);

    [LoggerMessage(5208, LogLevel.Warning, "SupportContacts are still the shipped UK defaults (Childline, Samaritans, Shout): review them for this service")]
    public static partial void SupportContactsAreDefaults(ILogger logger);

    [LoggerMessage(5209, LogLevel.Debug, "Rule tester scanned {Length} characters: {Action}, {Severity}")]
    public static partial void Scanned(ILogger logger, int length, string action, string severity);

    [LoggerMessage(5210, LogLevel.Information, "Stopping while notification {Key} for concern {ConcernId} was on the wire; released for another instance")]
    public static partial void NotificationReleased(ILogger logger, string key, string concernId);
}
