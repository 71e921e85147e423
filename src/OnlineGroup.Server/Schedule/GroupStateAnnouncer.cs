using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using OnlineGroup.Server.Chat;

namespace OnlineGroup.Server.Schedule;

/// <summary>
/// Tells everyone in or waiting for a group when its state changes (<c>GroupStateChanged</c>), so young
/// people waiting outside call JoinGroup again the moment it opens. One place decides what was last said per
/// group, so the session clock and moderator presence never contradict each other.
/// </summary>
public sealed class GroupStateAnnouncer(IGroupGate gate, IHubContext<ChatHub, IChatClient> hub)
{
    private readonly ConcurrentDictionary<string, (string State, DateTimeOffset? ClosesAt)> _last = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <summary>
    /// Everyone with an interest in a group, each connection once: every young person who asked to join
    /// (admitted or waiting) is in its lobby, every staff member who joined is in its staff group. The room is
    /// left out on purpose: it overlaps both, and a connection in two named groups gets a message twice.
    /// </summary>
    public static IReadOnlyList<string> Everyone(string groupId) => [ChatGroups.Lobby(groupId), ChatGroups.Staff(groupId)];

    /// <summary>
    /// Announces the group's state as the gate sees it now: always when <paramref name="always"/>, otherwise
    /// only when it differs from what was last announced (state or closing time).
    /// </summary>
    public async Task<GateDecision> AnnounceAsync(string groupId, bool always, CancellationToken ct = default)
    {
        var sequential = _locks.GetOrAdd(groupId, _ => new SemaphoreSlim(1, 1));
        await sequential.WaitAsync(ct);
        try
        {
            var decision = await gate.DecideAsync(groupId, ct);
            var said = (decision.State, decision.CurrentSession?.EndsAt);
            if (always || !_last.TryGetValue(groupId, out var last) || last != said)
            {
                _last[groupId] = said;
                await hub.Clients.Groups(Everyone(groupId))
                    .GroupStateChanged(new GroupStateEvent(groupId, decision.State, 0, decision.CurrentSession?.EndsAt));
            }

            return decision;
        }
        finally
        {
            sequential.Release();
        }
    }
}

/// <summary>
/// Moderator presence changes the gate: when the last moderator leaves mid-session the group pauses
/// (<c>awaitingModerator</c>), when one arrives it opens. Listens to <see cref="ConnectionRegistry.PresenceChanged"/>
/// and announces any change.
/// </summary>
public sealed class PresenceWatcher(ConnectionRegistry registry, GroupStateAnnouncer announcer, ILogger<PresenceWatcher> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        registry.PresenceChanged += OnPresenceChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        registry.PresenceChanged -= OnPresenceChanged;
        return Task.CompletedTask;
    }

    // Raised inside JoinGroup/LeaveGroup/disconnect: announce off that path, never failing it.
    private void OnPresenceChanged(string groupId) => _ = AnnounceAsync(groupId);

    private async Task AnnounceAsync(string groupId)
    {
        try
        {
            await Task.Yield();
            await announcer.AnnounceAsync(groupId, always: false);
        }
        catch (Exception error)
        {
            ScheduleLog.AnnounceFailed(logger, groupId, error);
        }
    }
}
