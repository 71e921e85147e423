using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OnlineGroup.IntegrationTests.Infrastructure;
using OnlineGroup.Server.ScaleOut;
using Quartz;

namespace OnlineGroup.IntegrationTests.ScaleOut;

/// <summary>
/// Quartz as OnlineGroup configures it for several instances (<see cref="ClusteredScheduling.UseClusteredStore"/>):
/// two nodes on one PostgreSQL database, on the real clock with a short check-in.
/// </summary>
public sealed class ClusteredScheduler
{
    [Fact]
    public async Task EachTimedActionRunsOnceAcrossTwoInstances()
    {
        var database = await TestServices.NewPostgresDatabaseAsync();
        using var a = await NodeAsync(database);
        using var b = await NodeAsync(database);
        var run = Ran.Start(count: 20);

        var scheduler = await a.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        for (var i = 0; i < 20; i++)
        {
            await scheduler.ScheduleJob(
                JobBuilder.Create<CountingJob>().WithIdentity($"close-{i}", run.Id).UsingJobData("run", run.Id).UsingJobData("action", i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Build(),
                TriggerBuilder.Create().WithIdentity($"close-{i}", run.Id).StartAt(DateTimeOffset.UtcNow.AddMilliseconds(500)).Build());
        }

        await run.AllRan.WaitAsync(ChatClient.Patience);
        // A sentinel scheduled after them runs after every other firing has been claimed: nothing ran twice.
        var sentinel = Ran.Start(count: 1);
        await scheduler.ScheduleJob(
            JobBuilder.Create<CountingJob>().WithIdentity("sentinel", sentinel.Id).UsingJobData("run", sentinel.Id).UsingJobData("action", "sentinel").Build(),
            TriggerBuilder.Create().WithIdentity("sentinel", sentinel.Id).StartAt(DateTimeOffset.UtcNow.AddMilliseconds(200)).Build());
        await sentinel.AllRan.WaitAsync(ChatClient.Patience);

        run.Counts.Should().HaveCount(20).And.OnlyContain(c => c.Value == 1, "the cluster fires each trigger on one node only");
    }

    [Fact]
    public async Task WorkScheduledOnAnInstanceThatStopsStillHappensOnTheOther()
    {
        var database = await TestServices.NewPostgresDatabaseAsync();
        var a = await NodeAsync(database);
        using var b = await NodeAsync(database);
        var run = Ran.Start(count: 1);
        var scheduler = await a.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.ScheduleJob(
            JobBuilder.Create<CountingJob>().WithIdentity("close", run.Id).UsingJobData("run", run.Id).UsingJobData("action", "close").Build(),
            TriggerBuilder.Create().WithIdentity("close", run.Id).StartAt(DateTimeOffset.UtcNow.AddSeconds(2)).Build());

        await a.StopAsync();
        a.Dispose();

        await run.AllRan.WaitAsync(ChatClient.Patience);
        run.Counts.Should().ContainSingle().Which.Value.Should().Be(1);
    }

    [Fact]
    public void ClusteringIsRefusedOnSqliteWithAMessageThatSaysWhatToSet()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scheduling:Clustered"] = "true",
        }).Build();
        var services = new ServiceCollection();

        var configure = () => services.AddQuartz(q => q.UseClusteredStore(configuration));

        ClusteredScheduling.IsClustered(configuration).Should().BeTrue();
        configure.Should().Throw<InvalidOperationException>().WithMessage("*only on PostgreSQL*Database:Provider=Postgres*");
    }

    private static async Task<IHost> NodeAsync(string database)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = database,
            ["Scheduling:CheckinInterval"] = "00:00:01",
        });
        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = "OnlineGroup");
            q.UseClusteredStore(builder.Configuration);
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>How often each action of one test ran, across both nodes.</summary>
    private sealed class Ran
    {
        private static readonly ConcurrentDictionary<string, Ran> Runs = new(StringComparer.Ordinal);
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly int _expected;

        private Ran(int expected) => _expected = expected;

        public string Id { get; } = Guid.NewGuid().ToString("N");

        public ConcurrentDictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

        public Task AllRan => _all.Task;

        public static Ran Start(int count)
        {
            var run = new Ran(count);
            Runs[run.Id] = run;
            return run;
        }

        public static void Record(string runId, string action)
        {
            var run = Runs[runId];
            run.Counts.AddOrUpdate(action, 1, (_, n) => n + 1);
            if (run.Counts.Count >= run._expected)
            {
                run._all.TrySetResult();
            }
        }
    }

    [DisallowConcurrentExecution]
    private sealed class CountingJob : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
        {
            Ran.Record(context.MergedJobDataMap.GetString("run")!, context.MergedJobDataMap.GetString("action")!);
            return ValueTask.CompletedTask;
        }
    }
}
