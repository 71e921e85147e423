using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnlineGroup.Server.Audit;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Groups;

namespace OnlineGroup.Server.Schedule;

/// <summary>
/// What happens at a group's opening times: it opens (<c>GroupStateChanged</c>, so waiting young people are
/// let in), is warned before it closes (<c>SessionEnding</c>), and closes (<c>SessionClosed</c> and
/// <c>GroupStateChanged</c>). <see cref="SyncAsync"/> compares the calendar at "now" (from
/// <see cref="TimeProvider"/>) with what was last announced, records and audits each open and close once,
/// announces, and sets the group's trigger for the next moment. Quartz, schedule changes and start-up all call it.
/// </summary>
public sealed class SessionClock(
    CalendarCache calendars,
    IDbContextFactory<AppDbContext> contexts,
    GroupStateAnnouncer announcer,
    IHubContext<ChatHub, IChatClient> hub,
    SessionTriggers triggers,
    AuditTrail audit,
    IOptions<SessionsOptions> options,
    TimeProvider time,
    ILogger<SessionClock> logger) : IScheduleChanged
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <summary>After any change to a group's sessions, closures or overrides: rebuild its calendar and catch up.</summary>
    public async Task ChangedAsync(string groupId, CancellationToken ct)
    {
        calendars.Invalidate(groupId);
        await SyncAsync(groupId, ct);
    }

    /// <summary>
    /// Brings the group's announcements up to date with its calendar now and sets its trigger for the next
    /// moment something happens. Safe to call at any time, any number of times. Null when there is no such group.
    /// </summary>
    public async Task<ClockStep?> SyncAsync(string groupId, CancellationToken ct = default)
    {
        var sequential = _locks.GetOrAdd(groupId, _ => new SemaphoreSlim(1, 1));
        await sequential.WaitAsync(ct);
        try
        {
            return await SyncLockedAsync(groupId, ct);
        }
        finally
        {
            sequential.Release();
        }
    }

    private async Task<ClockStep?> SyncLockedAsync(string groupId, CancellationToken ct)
    {
        var calendar = await calendars.GetAsync(groupId, ct);
        if (calendar is null)
        {
            await triggers.WakeAtAsync(groupId, null, ct);
            return null;
        }

        var now = time.GetUtcNow();
        var truth = calendar.At(now);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var progress = await db.SessionProgress.FirstOrDefaultAsync(p => p.GroupId == groupId, ct);
        var before = progress is null ? default : new Announced(progress.OpenedAt, progress.ClosesAt, progress.WarnedFor);
        var step = SessionClockPlan.Plan(truth, before, now, options.Value.ClosingWarning);
        if (step.After != before)
        {
            if (progress is null)
            {
                progress = new SessionProgress { GroupId = groupId };
                db.SessionProgress.Add(progress);
            }

            (progress.OpenedAt, progress.ClosesAt, progress.WarnedFor, progress.UpdatedAt) = (step.After.OpenedAt, step.After.ClosesAt, step.After.WarnedFor, now);
            if (step.Close)
            {
                audit.Add(db, null, "session.closed", groupId, "session", Id(before.OpenedAt),
                    data: new { openedAt = before.OpenedAt, scheduledClose = before.ClosesAt, closedAt = now });
            }

            if (step.Open)
            {
                audit.Add(db, null, "session.opened", groupId, "session", Id(step.After.OpenedAt),
                    data: new { openedAt = step.After.OpenedAt, closesAt = step.After.ClosesAt, at = now });
            }

            // The record and its audit entries commit together: a restart neither repeats nor loses an open or close.
            await db.SaveChangesAsync(ct);
        }

        await triggers.WakeAtAsync(groupId, step.WakeAt, ct);
        if (step.ChangesAnything)
        {
            await AnnounceAsync(groupId, step, truth, ct);
        }

        ScheduleLog.Synced(logger, groupId, step.Close, step.Open, step.ClosesAtChanged, step.Warn, step.WakeAt);
        return step;
    }

    private async Task AnnounceAsync(string groupId, ClockStep step, CalendarState truth, CancellationToken ct)
    {
        try
        {
            var everyone = hub.Clients.Groups(GroupStateAnnouncer.Everyone(groupId));
            if (step.Close)
            {
                // Closed and open again at once only after a gap the server slept through: the next session is this one.
                var next = truth is { Current: { } current, ClosesAt: { } closesAt } ? new SessionWindow(current.StartsAt, closesAt)
                    : truth.Next is { } n ? new SessionWindow(n.StartsAt, n.EndsAt)
                    : null;
                await everyone.SessionClosed(new SessionClosedEvent(groupId, next));
            }

            if (step.Close || step.Open || step.ClosesAtChanged)
            {
                await announcer.AnnounceAsync(groupId, always: true, ct);
            }

            if (step.Warn)
            {
                await everyone.SessionEnding(new SessionEndingEvent(groupId, step.After.ClosesAt!.Value));
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Recorded is recorded: clients that missed this ask for the status or join again.
            ScheduleLog.AnnounceFailed(logger, groupId, error);
        }
    }

    private static string? Id(DateTimeOffset? openedAt) => openedAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}

/// <summary>
/// On start, after every other service has started (so a demo seed is in), brings every group's clock up
/// to date and sets its trigger: the in-memory job store starts empty, and a restart must not lose a session.
/// </summary>
public sealed class SessionClockStartup(IDbContextFactory<AppDbContext> contexts, SessionClock clock, ILogger<SessionClockStartup> logger) : IHostedLifecycleService
{
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var groups = await db.Groups.AsNoTracking().Select(g => g.Id).ToListAsync(cancellationToken);
        foreach (var groupId in groups)
        {
            try
            {
                await clock.SyncAsync(groupId, cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                ScheduleLog.SyncFailed(logger, groupId, error);
            }
        }

        ScheduleLog.ClocksStarted(logger, groups.Count);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
