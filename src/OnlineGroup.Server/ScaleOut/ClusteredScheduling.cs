using Quartz;

namespace OnlineGroup.Server.ScaleOut;

/// <summary>
/// Quartz across instances: its ADO.NET job store on PostgreSQL with clustering on, so each timed action
/// (a session opening, its warning, its close) runs once in the cluster, and the triggers an instance
/// was going to fire are taken over by another when it stops checking in. SQLite cannot do this: with
/// SQLite the scheduler stays in memory, one instance.
/// </summary>
public static class ClusteredScheduling
{
    /// <summary>Clustered when the database is PostgreSQL, or when <c>Scheduling:Clustered</c> says so.</summary>
    public static bool IsClustered(IConfiguration configuration) =>
        configuration.GetValue("Scheduling:Clustered", false)
        || string.Equals(configuration["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Puts Quartz's jobs and triggers in PostgreSQL (tables <c>qrtz_*</c> in the application's database),
    /// clustered. Refuses SQLite with a message an operator can act on.
    /// </summary>
    public static void UseClusteredStore(this IQuartzBuilder q, IConfiguration configuration)
    {
        if (!string.Equals(configuration["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                "Scheduling:Clustered is true, but Quartz can cluster only on PostgreSQL. Set Database:Provider=Postgres and " +
                "ConnectionStrings:Default to the shared PostgreSQL for several instances, or leave Scheduling:Clustered unset for one instance on SQLite.");
        }

        var connectionString = configuration.GetConnectionString("Default")
            ?? throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Default is not set.");
        var checkin = configuration.GetValue("Scheduling:CheckinInterval", TimeSpan.FromSeconds(7.5));

        // Each process is a node of its own (UseClustering generates its instance id); the scheduler name is what they share.
        q.UsePersistentStore(s =>
        {
            s.UsePostgres(connectionString);
            s.UseClustering(c =>
            {
                c.CheckinInterval = checkin;
                // Another node takes over a stopped node's triggers once it has missed check-ins for this long.
                c.CheckinMisfireThreshold = checkin * 2;
            });
            s.UseSystemTextJsonSerializer();
            // Quartz's own tables (qrtz_*), created on the first start with Quartz's schema for PostgreSQL;
            // instances starting together are safe: whichever loses the race finds the tables made.
            s.ProvisionSchema();
            // Job data maps hold only strings (ids): readable, and nothing to misread after an upgrade.
            s.ConfigureStore(o => o.StoreJobDataAsStrings = true);
        });
    }
}
