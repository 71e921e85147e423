using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Facilitators;

/// <summary>
/// Records when each moderator is in each group's live room, as <see cref="StaffPresence"/> rows, from the
/// connection registry's presence changes: a moderator with several connections is one presence. The
/// registry raises its event on the hub's thread, so this takes a snapshot (who, when) there and writes
/// it in order on its own loop, never holding up a join. Every minute it confirms its open rows, and
/// closes (at their last confirmation) the rows of any instance that has stopped confirming: a crash
/// does not leave a moderator "present" for ever, and one instance never closes another's live rows.
/// </summary>
public sealed partial class PresenceRecorder : BackgroundService
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Stale = 3 * Heartbeat;

    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly ConnectionRegistry _registry;
    private readonly IDbContextFactory<AppDbContext> _contexts;
    private readonly TimeProvider _time;
    private readonly ILogger<PresenceRecorder> _logger;
    private readonly Channel<Item> _queue = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
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
        return _queue.Writer.TryWrite(new Item(null, [], default, done)) ? done.Task.WaitAsync(ct) : Task.CompletedTask;
    }

    /// <summary>Confirms this instance's open rows and closes stale ones now, as the minute's heartbeat does.</summary>
    internal Task ConfirmNowAsync(CancellationToken ct)
    {
        _queue.Writer.TryWrite(Item.Beat);
        return FlushAsync(ct);
    }

    private void OnPresenceChanged(string groupId)
    {
        // Under one lock, so snapshots are queued in the order they were taken: the last one queued is the latest state.
        lock (_order)
        {
            var moderators = _registry.InGroup(groupId).Where(c => c.Value.IsModerator).Select(c => c.Value.User.Id).ToHashSet(StringComparer.Ordinal);
            _queue.Writer.TryWrite(new Item(groupId, moderators, _time.GetUtcNow(), null));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var heartbeat = BeatAsync(stoppingToken);
        var batch = new List<Item>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < 256 && _queue.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                await WriteAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync closes what is still open.
        }

        await heartbeat;
    }

    /// <summary>Queues a heartbeat every minute, so it is written in order with the snapshots.</summary>
    private async Task BeatAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Heartbeat, _time);
        try
        {
            _queue.Writer.TryWrite(Item.Beat);
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                _queue.Writer.TryWrite(Item.Beat);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
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
            Track(db, presence);
            presence.LeftAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        _open.Clear();
    }

    private async Task WriteAsync(List<Item> batch, CancellationToken ct)
    {
        try
        {
            await using var db = await _contexts.CreateDbContextAsync(ct);
            foreach (var item in batch)
            {
                if (item.GroupId is not null)
                {
                    Apply(db, item);
                }
            }

            await db.SaveChangesAsync(ct);
            if (batch.Any(i => ReferenceEquals(i, Item.Beat)))
            {
                await BeatAsync(db, ct);
            }
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

    private void Apply(AppDbContext db, Item snapshot)
    {
        var groupId = snapshot.GroupId!;
        foreach (var key in _open.Keys.Where(k => k.GroupId == groupId && !snapshot.Moderators.Contains(k.AccountId)).ToList())
        {
            var presence = _open[key];
            Track(db, presence);
            presence.LeftAt = snapshot.At;
            presence.SeenAt = snapshot.At;
            _open.Remove(key);
            LogLeft(_logger, key.AccountId, groupId);
        }

        foreach (var accountId in snapshot.Moderators.Where(a => !_open.ContainsKey((groupId, a))))
        {
            var presence = new StaffPresence { GroupId = groupId, AccountId = accountId, JoinedAt = snapshot.At, SeenAt = snapshot.At, Instance = _instance };
            db.StaffPresence.Add(presence);
            _open[(groupId, accountId)] = presence;
            LogJoined(_logger, accountId, groupId);
        }
    }

    /// <summary>Confirms this instance's open rows, and closes other instances' rows that nobody has confirmed for a while.</summary>
    private async Task BeatAsync(AppDbContext db, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        await db.StaffPresence.Where(p => p.LeftAt == null && p.Instance == _instance).ExecuteUpdateAsync(s => s.SetProperty(p => p.SeenAt, now), ct);
        foreach (var presence in _open.Values)
        {
            presence.SeenAt = now; // keep the tracked copies in step, so a later save does not set it back
        }

        var staleBefore = now - Stale;
        var closed = await db.StaffPresence.Where(p => p.LeftAt == null && p.Instance != _instance && p.SeenAt < staleBefore)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.LeftAt, p => p.SeenAt).SetProperty(p => p.EndEstimated, true), ct);
        if (closed > 0)
        {
            LogClosedStale(_logger, closed);
        }
    }

    /// <summary>Attaches a row saved by an earlier batch, so changing it updates it.</summary>
    private static void Track(AppDbContext db, StaffPresence presence)
    {
        if (db.Entry(presence).State == EntityState.Detached)
        {
            db.StaffPresence.Attach(presence);
        }
    }

    private sealed record Item(string? GroupId, HashSet<string> Moderators, DateTimeOffset At, TaskCompletionSource? Flushed)
    {
        public static readonly Item Beat = new(null, [], default, null);
    }

    [LoggerMessage(7201, LogLevel.Debug, "Moderator {AccountId} is in group {GroupId}")]
    private static partial void LogJoined(ILogger logger, string accountId, string groupId);

    [LoggerMessage(7202, LogLevel.Debug, "Moderator {AccountId} left group {GroupId}")]
    private static partial void LogLeft(ILogger logger, string accountId, string groupId);

    [LoggerMessage(7203, LogLevel.Warning, "Could not store {Count} presence changes")]
    private static partial void LogWriteFailed(ILogger logger, int count, Exception error);

    [LoggerMessage(7204, LogLevel.Warning, "Closed {Count} presence records of a server that stopped confirming them, at their last confirmation")]
    private static partial void LogClosedStale(ILogger logger, int count);
}
