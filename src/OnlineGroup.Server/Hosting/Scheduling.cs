using Quartz;

namespace OnlineGroup.Server.Hosting;

/// <summary>
/// Quartz.NET, configured in this one place: what happens at set times (sessions opening, warning and
/// closing; later follow-ups, deadlines, retention) runs as Quartz jobs that features schedule themselves.
/// </summary>
public static class Scheduling
{
    public const string Section = "Scheduling";

    /// <summary>
    /// The in-memory job store, for one instance: every feature rebuilds its triggers from the database on
    /// start. <c>Scheduling:Clustered</c> (what deploy/compose.yaml sets for two instances) asks for Quartz's
    /// clustered ADO.NET store on PostgreSQL, which comes with scale-out; until then it is refused at start
    /// rather than letting each instance run every group's clock. The scheduler keeps time with the
    /// container's <see cref="TimeProvider"/> (Quartz 4 takes it from DI), so tests that advance a fake clock
    /// make triggers fire.
    /// </summary>
    public static WebApplicationBuilder AddScheduling(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue($"{Section}:Clustered", false))
        {
            throw new InvalidOperationException(
                $"{Section}:Clustered is true, but this build has only Quartz's in-memory job store, so each instance would open and close every group itself. " +
                "Run one instance (leave Scheduling:Clustered unset or false) until the clustered PostgreSQL job store lands with scale-out.");
        }

        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = "OnlineGroup");
            q.UseInMemoryStore(_ => { });
            q.UseDefaultThreadPool(4);
        });
        // Stopping waits for jobs in flight: an open or close being recorded is finished, not cut off.
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }
}
