using OnlineGroup.Server.Schedule;

namespace OnlineGroup.Server.Readiness;

/// <summary>
/// A sign-off (or an edit that voids one) during a session changes whether young people may be in the
/// group: tells everyone in or waiting for it (<c>GroupStateChanged</c>), so those waiting are let in the
/// moment a lead signs off. Off the request's path, never failing it.
/// </summary>
public sealed partial class ReadinessAnnouncer(ReadinessDirectory readiness, GroupStateAnnouncer announcer, ILogger<ReadinessAnnouncer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        readiness.Changed += OnChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        readiness.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    private void OnChanged(string groupId) => _ = AnnounceAsync(groupId);

    private async Task AnnounceAsync(string groupId)
    {
        try
        {
            await Task.Yield();
            await announcer.AnnounceAsync(groupId, always: false);
        }
        catch (Exception error)
        {
            LogAnnounceFailed(logger, groupId, error);
        }
    }

    [LoggerMessage(7104, LogLevel.Warning, "Could not announce group {GroupId}'s state after its readiness changed")]
    private static partial void LogAnnounceFailed(ILogger logger, string groupId, Exception error);
}
