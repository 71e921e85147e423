using System.Globalization;
using Microsoft.Extensions.Options;
using Quartz;

namespace OnlineGroup.Server.Records;

/// <summary>Thin: the nightly purge of chat past its retention period.</summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(Retention retention) : IJob
{
    public static readonly JobKey Job = new("chat-retention", "records");
    public static readonly TriggerKey Trigger = new("chat-retention", "records");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await retention.PurgeExpiredChatAsync(cancellationToken);
}

/// <summary>
/// Sets the nightly purge's trigger on start (the in-memory job store starts empty): every day at
/// <c>Retention:PurgeAt</c> UTC. A night the server slept through is purged as soon as it is back.
/// </summary>
internal sealed class RetentionSchedule(ISchedulerFactory schedulers, IOptions<RetentionOptions> options, TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var at = options.Value.PurgeAt;
        await scheduler.AddJob(
            JobBuilder.Create<RetentionJob>().WithIdentity(RetentionJob.Job).StoreDurably(true).WithDescription("Purges chat past its retention period").Build(),
            new AddJobOptions { Replace = true },
            cancellationToken);
        var trigger = TriggerBuilder.Create(time).WithIdentity(RetentionJob.Trigger).ForJob(RetentionJob.Job)
            .WithCronSchedule(string.Create(CultureInfo.InvariantCulture, $"0 {at.Minutes} {at.Hours} * * ?"),
                cron => cron.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .StartNow()
            .Build();
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
