namespace OnlineGroup.Server.Safeguarding.Detection;

/// <summary>
/// Detection's log messages. Never the text of a message (these are children's words): only its length,
/// rule ids and the decision.
/// </summary>
internal static partial class DetectionLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information,
        Message = "Safeguarding rules loaded from {Path}: version {Version}, {RuleCount} rules, {PatternCount} patterns, {States} automaton states")]
    public static partial void RulesLoaded(ILogger logger, string path, string? version, int ruleCount, int patternCount, int states);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Error,
        Message = "Safeguarding rules in {Path} could not be reloaded; the previous rules (version {Version}) stay in use until the file is fixed")]
    public static partial void ReloadFailed(ILogger logger, Exception exception, string path, string? version);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information,
        Message = "Safeguarding rules file changed to {Path}")]
    public static partial void RulesFileChanged(ILogger logger, string path);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information,
        Message = "Safeguarding scan: {Action} at {Severity} for a message of {Length} characters; rules {RuleIds}")]
    public static partial void ConcernDetected(ILogger logger, ScanAction action, Severity severity, int length, string ruleIds);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning,
        Message = "Safeguarding rules file {Path} cannot be watched for changes; restart the server after editing it")]
    public static partial void WatchFailed(ILogger logger, Exception exception, string path);
}
