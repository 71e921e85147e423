using OnlineGroup.Server.Schedule;

namespace OnlineGroup.Server.Records;

/// <summary>Builds a session's handover report the moment the session clock records its close.</summary>
public sealed partial class HandoverOnClose(Handovers handovers, ILogger<HandoverOnClose> logger) : ISessionCloseObserver
{
    public async Task SessionClosedAsync(string groupId, DateTimeOffset openedAt, DateTimeOffset closedAt, CancellationToken ct)
    {
        try
        {
            await handovers.BuildHandoverAsync(groupId, openedAt, closedAt, ct);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // The session is closed whatever happens here; staff can still add notes, and the report can be rebuilt.
            LogFailed(logger, groupId, openedAt, error);
        }
    }

    [LoggerMessage(8113, LogLevel.Error, "The handover report of group {GroupId}'s session from {OpenedAt} could not be built")]
    private static partial void LogFailed(ILogger logger, string groupId, DateTimeOffset openedAt, Exception error);
}
