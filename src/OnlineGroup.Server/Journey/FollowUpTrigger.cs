using Quartz;

namespace OnlineGroup.Server.Journey;

/// <summary>
/// One Quartz trigger for every group's follow-ups, set for the moment the next one not yet told falls due
/// (at once if that has passed) and replaced after each exit and each run. The trigger only says when to
/// look: <see cref="FollowUps.SendDueFollowUpsAsync"/> decides what is due then.
/// </summary>
public sealed class FollowUpTrigger(ISchedulerFactory schedulers, FollowUps followUps, TimeProvider time) : IDisposable
{
    public static readonly JobKey Job = new("follow-ups", "journey");
    public static readonly TriggerKey Trigger = new("follow-ups", "journey");

    // Compute-then-set as one step: a run finishing and an exit planning new follow-ups never undo each other.
    private readonly SemaphoreSlim _setting = new(1, 1);

    public async Task RescheduleAsync(CancellationToken ct = default)
    {
        await _setting.WaitAsync(ct);
        try
        {
            var scheduler = await schedulers.GetScheduler(ct);
            if (await followUps.NextDueAsync(ct) is not { } next)
            {
                await scheduler.UnscheduleJob(Trigger, ct);
                return;
            }

            if (!await scheduler.Exists(Job, ct))
            {
                await scheduler.AddJob(
                    JobBuilder.Create<FollowUpJob>().WithIdentity(Job).StoreDurably(true).WithDescription("Tells staff of follow-ups that have come due").Build(),
                    new AddJobOptions { Replace = true },
                    ct);
            }

            var trigger = TriggerBuilder.Create(time).WithIdentity(Trigger).ForJob(Job).StartAt(next).Build();
            await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, ct);
        }
        finally
        {
            _setting.Release();
        }
    }

    public void Dispose() => _setting.Dispose();

    /// <summary>When the trigger next fires, if it is set (for tests and diagnostics).</summary>
    public async Task<DateTimeOffset?> NextFireAsync(CancellationToken ct = default) =>
        (await (await schedulers.GetScheduler(ct)).GetTrigger(Trigger, ct))?.NextFireTimeUtc;
}

/// <summary>Thin: tell staff of what has come due, then set the trigger for the next one.</summary>
[DisallowConcurrentExecution]
public sealed partial class FollowUpJob(FollowUps followUps, FollowUpTrigger trigger, ILogger<FollowUpJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await followUps.SendDueFollowUpsAsync(cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            JourneyLog.FollowUpRunFailed(logger, error);
        }

        await trigger.RescheduleAsync(cancellationToken);
    }
}
