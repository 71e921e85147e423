namespace OnlineGroup.Server.Facilitators;

/// <summary>Facilitator-care events. Ids only: never a debrief's words or how someone said they are.</summary>
internal static partial class FacilitatorsLog
{
    [LoggerMessage(7211, LogLevel.Information, "Debrief {DebriefId} for group {GroupId} from {AccountId}")]
    public static partial void DebriefSubmitted(ILogger logger, string debriefId, string groupId, string accountId);

    [LoggerMessage(7212, LogLevel.Information, "Supervision request {RequestId} for group {GroupId}")]
    public static partial void SupervisionRequested(ILogger logger, string requestId, string groupId);
}
