namespace OnlineGroup.Server.Readiness;

/// <summary>Readiness events. Ids and counts only: never the assessment's or the house rules' text.</summary>
internal static partial class ReadinessLog
{
    [LoggerMessage(7101, LogLevel.Information, "Readiness of group {GroupId} is now version {Version} ({Changed} parts changed); sign-off voided: {Voided}")]
    public static partial void Updated(ILogger logger, string groupId, int version, int changed, bool voided);

    [LoggerMessage(7102, LogLevel.Information, "Readiness of group {GroupId} version {Version} signed off by {AccountId}")]
    public static partial void SignedOff(ILogger logger, string groupId, int version, string accountId);

    [LoggerMessage(7103, LogLevel.Information, "Member {MemberId} of group {GroupId} agreed to house rules version {Version}")]
    public static partial void Agreed(ILogger logger, string groupId, string memberId, int version);
}
