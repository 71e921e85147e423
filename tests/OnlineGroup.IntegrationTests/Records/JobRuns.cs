using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using OnlineGroup.IntegrationTests.Infrastructure;
using Quartz;

namespace OnlineGroup.IntegrationTests.Records;

/// <summary>
/// Watches one Quartz job of the running server, so a test that moves the fake clock can wait for the
/// job's next run to finish (no sleeping, no polling).
/// </summary>
public sealed class JobRuns : IJobListener
{
    private readonly JobKey _job;
    private readonly Channel<JobExecutionException?> _runs = Channel.CreateUnbounded<JobExecutionException?>();

    private JobRuns(JobKey job) => _job = job;

    public string Name { get; } = "test-" + Guid.NewGuid().ToString("N");

    public static async Task<JobRuns> WatchAsync(OnlineGroupApp app, JobKey job)
    {
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var runs = new JobRuns(job);
        scheduler.ListenerManager.AddJobListener(runs, [Matchers.Key(job)]);
        return runs;
    }

    /// <summary>The next run of the job, finished; throws what the job threw.</summary>
    public async Task NextAsync()
    {
        using var timeout = new CancellationTokenSource(ChatClient.Patience);
        try
        {
            if (await _runs.Reader.ReadAsync(timeout.Token) is { } failed)
            {
                throw failed;
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The job {_job} did not run within {ChatClient.Patience.TotalSeconds} s.");
        }
    }

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => default;

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => default;

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        if (context.JobDetail.Key.Equals(_job))
        {
            _runs.Writer.TryWrite(jobException);
        }

        return default;
    }
}
