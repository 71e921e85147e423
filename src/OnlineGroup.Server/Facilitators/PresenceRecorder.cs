using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Facilitators;

/// <summary>
/// Records when each moderator is in each group's live room, as <see cref="StaffPresence"/> rows, from the
/// connection registry's presence changes: a moderator with several connections is one presence. The
/// registry raises its event on the hub's thread, so this takes a snapshot (who, when) there and writes
/// it in order on its own loop, never holding up a join.
/// </summary>
public sealed partial class PresenceRecorder : BackgroundService
{
    private readonly ConnectionRegistry _registry;
    private readonly IDbContextFactory<AppDbContext> _contexts;
    private readonly TimeProvider _time;
    private readonly ILogger<PresenceRecorder> _logger;
    private readonly Channel<Snapshot> _queue = Channel.CreateUnbounded<Snapshot>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _order = new();

    // Touched only by the writing loop (and by StopAsync once the loop has ended).
    private readonly Dictionary<(string GroupId, string AccountId), StaffPresence> _open = [];

    public PresenceRecorder(ConnectionRegistry registry, IDbContextFactory<AppDbContext> contexts, TimeProvider time, ILogger<PresenceRecorder> logger)
    {
        _registry = registry;
        _contexts = contexts;
        _time = time;
        _logger = logger;
        registry.PresenceChanged += OnPresenceChanged;
    }

    /// <summary>Completes once every presence change seen before the call is stored.</summary>
    public Task FlushAsync(CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _queue.Writer.TryWrite(new Snapshot(null, [], default, done)) ? done.Task.WaitAsync(ct) : Task.CompletedTask;
    }

    private void OnPresenceChanged(string groupId)
    {
        // Under one lock, so snapshots are queued in the order they were taken: the last one queued is the latest state.
        lock (_order)
        {
            var moderators = _registry.InGroup(groupId).Where(c => c.Value.IsModerator).Select(c => c.Value.User.Id).ToHashSet(StringComparer.Ordinal);
            _queue.Writer.TryWrite(new Snapshot(groupId, moderators, _time.GetUtcNow(), null));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await CloseLeftOpenAsync(stoppingToken);
        var batch = new List<Snapshot>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < 256 && _queue.Reader.TryRead(out var snapshot))
                {
                    batch.Add(snapshot);
                }

                await WriteAsync(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync closes what is still open.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _registry.PresenceChanged -= OnPresenceChanged;
        await base.StopAsync(cancellationToken);
        if (_open.Count == 0)
        {
            return;
        }

        // The server is going away, and the moderators' connections with it.
        var now = _time.GetUtcNow();
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        foreach (var presence in _open.Values)
        {
            db.StaffPresence.Attach(presence);
            presence.LeftAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        _open.Clear();
    }

    private async Task WriteAsync(List<Snapshot> batch)
    {
        try
        {
            await using var db = await _contexts.CreateDbContextAsync();
            foreach (var snapshot in batch.Where(s => s.GroupId is not null))
            {
                Apply(db, snapshot);
            }

            await db.SaveChangesAsync();
        }
        catch (Exception error) when (error is DbUpdateException or InvalidOperationException)
        {
            // Hours are a guide for supervisors, not a record anything depends on: log and carry on.
            LogWriteFailed(_logger, batch.Count, error);
        }
        finally
        {
            foreach (var flush in batch.Select(s => s.Flushed).OfType<TaskCompletionSource>())
            {
                flush.TrySetResult();
            }
        }
    }

    private void Apply(AppDbContext db, Snapshot snapshot)
    {
        var groupId = snapshot.GroupId!;
        foreach (var key in _open.Keys.Where(k => k.GroupId == groupId && !snapshot.Moderators.Contains(k.AccountId)).ToList())
        {
            var presence = _open[key];
            if (db.Entry(presence).State == EntityState.Detached)
            {
                db.StaffPresence.Attach(presence);
            }

            presence.LeftAt = snapshot.At;
            _open.Remove(key);
            LogLeft(_logger, key.AccountId, groupId);
        }

        foreach (var accountId in snapshot.Moderators.Where(a => !_open.ContainsKey((groupId, a))))
        {
            var presence = new StaffPresence { GroupId = groupId, AccountId = accountId, JoinedAt = snapshot.At };
            db.StaffPresence.Add(presence);
            _open[(groupId, accountId)] = presence;
            LogJoined(_logger, accountId, groupId);
        }
    }

    /// <summary>Presence a previous run never closed (it stopped abruptly): the end is unknown, so it is not counted.</summary>
    private async Task CloseLeftOpenAsync(CancellationToken ct)
    {
        await using var db = await _contexts.CreateDbContextAsync(ct);
        var closed = await db.StaffPresence.Where(p => p.LeftAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.LeftAt, p => p.JoinedAt).SetProperty(p => p.EndUnknown, true), ct);
        if (closed > 0)
        {
            LogClosedUnknown(_logger, closed);
        }
    }

    private sealed record Snapshot(string? GroupId, HashSet<string> Moderators, DateTimeOffset At, TaskCompletionSource? Flushed);

    [LoggerMessage(7201, LogLevel.Debug, "Moderator {AccountId} is in group {GroupId}")]
    private static partial void LogJoined(ILogger logger, string accountId, string groupId);

    [LoggerMessage(7202, LogLevel.Debug, "Moderator {AccountId} left group {GroupId}")]
    private static partial void LogLeft(ILogger logger, string accountId, string groupId);

    [LoggerMessage(7203, LogLevel.Warning, "Could not store {Count} presence changes")]
    private static partial void LogWriteFailed(ILogger logger, int count, Exception error);

    [LoggerMessage(7204, LogLevel.Warning, "Closed {Count} presence records a previous run left open; their end is unknown and they are not counted")]
    private static partial void LogClosedUnknown(ILogger logger, int count);
}
