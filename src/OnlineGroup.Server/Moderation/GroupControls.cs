using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Audit;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Moderation;

/// <summary>Pause, resume and slow mode: stored (a restart keeps them), recorded, and announced to everyone in and waiting at the group.</summary>
public sealed class GroupControls(
    IDbContextFactory<AppDbContext> contexts,
    ModerationAccess access,
    IGroupModeration moderation,
    IGroupGate gate,
    AuditTrail audit,
    IHubContext<ChatHub, IChatClient> hub,
    TimeProvider time,
    ILogger<GroupControls> logger)
{
    public async Task PauseAsync(CurrentUser user, string groupId, string? reason, CancellationToken ct)
    {
        await access.EnsureModeratorAsync(user, groupId, ct);
        var why = ModerationAccess.Reason(reason);
        await ChangeAsync(user, groupId, (control, now) =>
        {
            if (control.Paused)
            {
                throw new HubException("The group is already paused.");
            }

            control.Paused = true;
            control.PausedAt = now;
            control.PausedBy = user.Id;
            control.PauseReason = why;
            return (ModerationActions.Paused, why, null);
        }, ct);
        ModerationLog.Paused(logger, groupId, user.Id);
    }

    public async Task ResumeAsync(CurrentUser user, string groupId, CancellationToken ct)
    {
        await access.EnsureModeratorAsync(user, groupId, ct);
        await ChangeAsync(user, groupId, (control, _) =>
        {
            if (!control.Paused)
            {
                throw new HubException("The group is not paused.");
            }

            var pausedFor = control.PausedAt is { } at ? (time.GetUtcNow() - at).TotalSeconds : (double?)null;
            control.Paused = false;
            control.PausedAt = null;
            control.PausedBy = null;
            control.PauseReason = null;
            return (ModerationActions.Resumed, null, new { pausedSeconds = pausedFor is { } s ? Math.Round(s) : (double?)null });
        }, ct);
        ModerationLog.Resumed(logger, groupId, user.Id);
    }

    public async Task SetSlowModeAsync(CurrentUser user, string groupId, int seconds, CancellationToken ct)
    {
        await access.EnsureModeratorAsync(user, groupId, ct);
        if (seconds is < 0 or > ModerationLimits.MaxSlowModeSeconds)
        {
            throw new HubException($"Slow mode takes 0 to {ModerationLimits.MaxSlowModeSeconds} seconds between one person's messages; 0 turns it off.");
        }

        await ChangeAsync(user, groupId, (control, _) =>
        {
            var previous = control.SlowModeSeconds;
            control.SlowModeSeconds = seconds;
            return (ModerationActions.SlowMode, null, new { seconds, previous });
        }, ct);
        ModerationLog.SlowMode(logger, groupId, user.Id, seconds);
    }

    /// <summary>
    /// Tells everyone in the room and the lobby the group's state now. Sent to the lobby and staff groups:
    /// together they hold everyone (admitted young people are in the lobby too) and no connection twice.
    /// </summary>
    public async Task AnnounceAsync(string groupId, CancellationToken ct)
    {
        var decision = await gate.DecideAsync(groupId, ct);
        var snapshot = await moderation.GetAsync(groupId, ct);
        await hub.Clients.Groups(ChatGroups.Lobby(groupId), ChatGroups.Staff(groupId))
            .GroupStateChanged(new GroupStateEvent(groupId, decision.State, snapshot.SlowModeSeconds, decision.CurrentSession?.EndsAt));
    }

    private async Task ChangeAsync(CurrentUser user, string groupId,
        Func<GroupControl, DateTimeOffset, (string Action, string? Reason, object? Data)> change, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var control = await db.GroupControls.FirstOrDefaultAsync(c => c.GroupId == groupId, ct);
        if (control is null)
        {
            control = new GroupControl { GroupId = groupId };
            db.GroupControls.Add(control);
        }

        var (action, reason, data) = change(control, now);
        control.UpdatedAt = now;
        audit.Add(db, user, action, groupId, "group", groupId, reason, data);
        await db.SaveChangesAsync(ct);
        moderation.Invalidate(groupId);
        // Done is done: the announcement goes out even if the moderator's connection has just dropped.
        await AnnounceAsync(groupId, CancellationToken.None);
    }
}
