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
    /// <c>Scheduling:Store</c> chooses the job store: <c>InMemory</c> (the default, one instance; every feature
    /// rebuilds its triggers from the database on start). The clustered ADO.NET store on PostgreSQL comes with
    /// scale-out. The scheduler keeps time with the container's <see cref="TimeProvider"/> (Quartz 4 takes it
    /// from DI), so tests that advance a fake clock make triggers fire.
    /// </summary>
    public static WebApplicationBuilder AddScheduling(this WebApplicationBuilder builder)
    {
        var store = builder.Configuration[$"{Section}:Store"] ?? "InMemory";
        if (!store.Equals("InMemory", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"{Section}:Store '{store}' is not supported by this build. Use 'InMemory' (the default); a clustered store comes with running more than one instance.");
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
