using Quartz;

namespace OnlineGroup.Server.Schedule;

/// <summary>
/// One Quartz trigger per group, set for the next moment its session clock must look (an opening, a
/// closing warning, a close) and replaced whenever that changes. The trigger only says when to look:
/// <see cref="SessionClock.SyncAsync"/> decides what is true then.
/// </summary>
public sealed class SessionTriggers(ISchedulerFactory schedulers, TimeProvider time)
{
    public const string Group = "session-clock";

    public static JobKey JobKeyFor(string groupId) => new(groupId, Group);

    public static TriggerKey TriggerKeyFor(string groupId) => new(groupId, Group);

    /// <summary>Wakes the group's clock at <paramref name="at"/> (at once if that has passed); null: never.</summary>
    public async Task WakeAtAsync(string groupId, DateTimeOffset? at, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        if (at is not { } when)
        {
            await scheduler.UnscheduleJob(TriggerKeyFor(groupId), ct);
            return;
        }

        var job = JobKeyFor(groupId);
        if (!await scheduler.Exists(job, ct))
        {
            await scheduler.AddJob(
                JobBuilder.Create<SessionClockJob>().WithIdentity(job).StoreDurably(true).WithDescription("Opens, warns and closes one group's sessions").Build(),
                new AddJobOptions { Replace = true },
                ct);
        }

        // A one-shot trigger that misses its moment (a busy or restarted server) fires as soon as it can.
        var trigger = TriggerBuilder.Create(time).WithIdentity(TriggerKeyFor(groupId)).ForJob(job).StartAt(when).Build();
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, ct);
    }

    /// <summary>When the group's clock next wakes, if it is set to (for tests and diagnostics).</summary>
    public async Task<DateTimeOffset?> NextWakeAsync(string groupId, CancellationToken ct = default)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        return (await scheduler.GetTrigger(TriggerKeyFor(groupId), ct))?.NextFireTimeUtc;
    }
}

/// <summary>Thin: the group's clock looks at the calendar now. One run per group at a time.</summary>
[DisallowConcurrentExecution]
public sealed class SessionClockJob(SessionClock clock) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await clock.SyncAsync(context.JobDetail.Key.Name, cancellationToken);
}
