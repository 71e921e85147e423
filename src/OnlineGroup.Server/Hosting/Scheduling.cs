using OnlineGroup.Server.ScaleOut;
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
    /// One instance (SQLite): the in-memory job store; every feature rebuilds its triggers from the database
    /// on start. Several instances (<c>Database:Provider=Postgres</c>, or <c>Scheduling:Clustered=true</c>, what
    /// deploy/compose.yaml sets): Quartz's clustered ADO.NET store on PostgreSQL, so each trigger fires on one
    /// instance only and a stopped instance's triggers fire on another (ScaleOut/ClusteredScheduling.cs;
    /// refused on SQLite). The scheduler keeps time with the container's <see cref="TimeProvider"/> (Quartz 4
    /// takes it from DI), so tests that advance a fake clock make triggers fire.
    /// </summary>
    public static WebApplicationBuilder AddScheduling(this WebApplicationBuilder builder)
    {
        var clustered = ClusteredScheduling.IsClustered(builder.Configuration);
        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o => o.InstanceName = "OnlineGroup");
            if (clustered)
            {
                q.UseClusteredStore(builder.Configuration);
            }
            else
            {
                q.UseInMemoryStore(_ => { });
            }

            q.UseDefaultThreadPool(4);
        });
        // Stopping waits for jobs in flight: an open or close being recorded is finished, not cut off.
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return builder;
    }
}
