namespace OnlineGroup.Server.Journey;

/// <summary>The journey's log lines: ids, counts and plans only — never a goal, a note or a name.</summary>
internal static partial class JourneyLog
{
    [LoggerMessage(8001, LogLevel.Information, "Waiting list of {GroupId}: member {MemberId} moved from {From} to {To} by {ActorId}")]
    public static partial void WaitlistReordered(ILogger logger, string groupId, string memberId, int from, int to, string actorId);

    [LoggerMessage(8002, LogLevel.Information, "Group {GroupId}: a freed place went to member {MemberId} from the waiting list ({StillWaiting} still waiting)")]
    public static partial void PlaceOffered(ILogger logger, string groupId, string memberId, int stillWaiting);

    [LoggerMessage(8003, LogLevel.Warning, "Group {GroupId}: staff could not be told live (it is recorded)")]
    public static partial void TellStaffFailed(ILogger logger, string groupId, Exception error);

    [LoggerMessage(8004, LogLevel.Information, "Group {GroupId}: member {MemberId} left ({Plan}), {FollowUps} follow-ups planned, recorded by {ActorId}")]
    public static partial void MemberExited(ILogger logger, string groupId, string memberId, string plan, int followUps, string actorId);

    [LoggerMessage(8005, LogLevel.Information, "Group {GroupId}: member {MemberId} taken out of {Connections} room connections; {Closed} connections closed")]
    public static partial void AccessEnded(ILogger logger, string groupId, string memberId, int connections, int closed);

    [LoggerMessage(8006, LogLevel.Information, "Group {GroupId}: follow-up {FollowUpId} marked done by {ActorId}")]
    public static partial void FollowUpDone(ILogger logger, string groupId, string followUpId, string actorId);

    [LoggerMessage(8007, LogLevel.Information, "{Count} follow-ups came due and were told to staff")]
    public static partial void FollowUpsDue(ILogger logger, int count);

    [LoggerMessage(8008, LogLevel.Warning, "The follow-up run failed; it runs again at its next trigger")]
    public static partial void FollowUpRunFailed(ILogger logger, Exception error);
}
