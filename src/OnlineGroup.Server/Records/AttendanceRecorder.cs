using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Records;

/// <summary>
/// Records which young people were admitted to a group's live chat, once per session each, for the
/// session's handover report. It watches <see cref="ConnectionRegistry.PresenceChanged"/> (raised as a
/// connection is admitted), so the chat needs no hook of its own; the writing happens off the hub's path.
/// </summary>
public sealed partial class AttendanceRecorder(
    ConnectionRegistry registry,
    IGroupGate gate,
    IDbContextFactory<AppDbContext> contexts,
    TimeProvider time,
    ILogger<AttendanceRecorder> logger) : BackgroundService
{
    // Admissions written in one commit at most (a session's start admits a whole group at once).
    private const int MaxBatch = 500;

    private sealed record Admitted(string GroupId, string MemberId, DateTimeOffset At, TaskCompletionSource? Barrier = null);

    private readonly Channel<Admitted> _queue = Channel.CreateUnbounded<Admitted>(new UnboundedChannelOptions { SingleReader = true });

    // Per group: the young people's connections admitted so far (to spot the new one on each change).
    private readonly ConcurrentDictionary<string, HashSet<string>> _present = new(StringComparer.Ordinal);

    // Reader only: (group, member, session) already written.
    private readonly HashSet<(string GroupId, string MemberId, DateTimeOffset Session)> _recorded = [];

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        registry.PresenceChanged += OnPresenceChanged;
        return base.StartAsync(cancellationToken);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        registry.PresenceChanged -= OnPresenceChanged;
        return base.StopAsync(cancellationToken);
    }

    /// <summary>Completes once every admission seen before the call is written (the handover waits for it).</summary>
    public Task DrainAsync(CancellationToken ct = default)
    {
        var barrier = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _queue.Writer.TryWrite(new Admitted("", "", default, barrier)) ? barrier.Task.WaitAsync(ct) : Task.CompletedTask;
    }

    private void OnPresenceChanged(string groupId)
    {
        var now = time.GetUtcNow();
        var present = _present.GetOrAdd(groupId, _ => []);
        lock (present)
        {
            var current = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (connectionId, joined) in registry.InGroup(groupId))
            {
                if (joined.IsGroupStaff || joined.MemberId is null)
                {
                    continue;
                }

                current.Add(connectionId);
                if (!present.Contains(connectionId))
                {
                    _queue.Writer.TryWrite(new Admitted(groupId, joined.MemberId, now));
                }
            }

            present.Clear();
            present.UnionWith(current);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Admitted>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                // Everything queued so far, in one commit.
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var admitted))
                {
                    if (admitted.Barrier is { } barrier)
                    {
                        await RecordAllAsync(batch, stoppingToken);
                        barrier.TrySetResult();
                        continue;
                    }

                    batch.Add(admitted);
                }

                await RecordAllAsync(batch, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: an admission not yet written is missing from one report's attendance, nothing else.
        }
    }

    private async Task RecordAllAsync(List<Admitted> batch, CancellationToken ct)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await RecordAsync(batch, ct);
        }
        catch (Exception error) when (error is not OperationCanceledException && batch.Count > 1)
        {
            // One row the database refuses must not cost the others their attendance: one at a time.
            foreach (var admitted in batch)
            {
                try
                {
                    await RecordAsync([admitted], ct);
                }
                catch (Exception one) when (one is not OperationCanceledException)
                {
                    LogFailed(logger, admitted.GroupId, admitted.MemberId, one);
                }
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogFailed(logger, batch[0].GroupId, batch[0].MemberId, error);
        }
        finally
        {
            batch.Clear();
        }
    }

    private async Task RecordAsync(IReadOnlyList<Admitted> batch, CancellationToken ct)
    {
        var rows = new List<(Admitted Admitted, DateTimeOffset? Session)>(batch.Count);
        var inBatch = new HashSet<(string GroupId, string MemberId, DateTimeOffset Session)>();
        foreach (var admitted in batch)
        {
            var session = (await gate.DecideAsync(admitted.GroupId, ct)).CurrentSession?.StartsAt;
            if (session is { } startsAt && (admitted.GroupId, admitted.MemberId, startsAt) is var key
                && (_recorded.Contains(key) || !inBatch.Add(key)))
            {
                continue;
            }

            rows.Add((admitted, session));
        }

        if (rows.Count == 0)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        foreach (var (admitted, session) in rows)
        {
            db.Attendance.Add(new SessionAttendance { GroupId = admitted.GroupId, MemberId = admitted.MemberId, SessionStartsAt = session, AdmittedAt = admitted.At });
        }

        await db.SaveChangesAsync(ct);
        var at = rows[^1].Admitted.At;
        foreach (var (admitted, session) in rows)
        {
            if (session is { } recorded)
            {
                _recorded.Add((admitted.GroupId, admitted.MemberId, recorded));
            }

            LogAdmitted(logger, admitted.GroupId, admitted.MemberId);
        }

        if (_recorded.Count > 100_000)
        {
            // Sessions long past cannot be admitted to again; forget them rather than grow without end.
            _recorded.RemoveWhere(r => r.Session < at.AddDays(-2));
        }
    }

    [LoggerMessage(8101, LogLevel.Debug, "Attendance: member {MemberId} admitted to group {GroupId}")]
    private static partial void LogAdmitted(ILogger logger, string groupId, string memberId);

    [LoggerMessage(8102, LogLevel.Warning, "Attendance of member {MemberId} in group {GroupId} could not be recorded")]
    private static partial void LogFailed(ILogger logger, string groupId, string memberId, Exception error);
}
