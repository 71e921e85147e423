using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace OnlineGroup.Server.Data;

public static class DataExtensions
{
    public const string DefaultSqlite = "Data Source=data/onlinegroup.db";

    /// <summary>SQLite checkpoints its log once it passes this many pages (4 KiB each): see <see cref="SqlitePragmas"/>.</summary>
    public const int WalAutoCheckpointPages = 10_000;

    /// <summary>After a checkpoint the log's file is cut back to this size (a full log is about 41 MB).</summary>
    public const long WalSizeLimitBytes = 64L * 1024 * 1024;

    /// <summary>Chooses the database from configuration alone: SQLite (default) or PostgreSQL.</summary>
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        var provider = builder.Configuration["Database:Provider"] ?? "Sqlite";
        var connectionString = builder.Configuration.GetConnectionString("Default") ?? DefaultSqlite;
        if (provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            // Pooled: the message writer and the pages' reads create a context per unit of work; reusing them
            // saves the set-up of each (measured with the benchmark project).
            builder.Services.AddPooledDbContextFactory<PostgresAppDbContext>(o => Quiet(o.UseNpgsql(connectionString)));
            builder.Services.AddSingleton<IDbContextFactory<AppDbContext>, ContextFactory<PostgresAppDbContext>>();
            builder.Services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<IDbContextFactory<PostgresAppDbContext>>().CreateDbContext());
        }
        else if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var sqlite = new SqliteConnectionStringBuilder(connectionString);
            var directory = Path.GetDirectoryName(Path.GetFullPath(sqlite.DataSource));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            builder.Services.AddPooledDbContextFactory<SqliteAppDbContext>(o => Quiet(o
                .UseSqlite(connectionString)
                .AddInterceptors(SqlitePragmas.Instance)));
            builder.Services.AddSingleton<IDbContextFactory<AppDbContext>, ContextFactory<SqliteAppDbContext>>();
            builder.Services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<IDbContextFactory<SqliteAppDbContext>>().CreateDbContext());
        }
        else
        {
            throw new InvalidOperationException(
                $"Database:Provider '{provider}' is not known. Use 'Sqlite' (the default, one instance) or 'Postgres' (several instances).");
        }

        builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// EF logs a failed command and a failed save at Error on its own, before the caller sees the
    /// exception. Every caller here logs or answers what it catches, so EF's copy doubled real errors and
    /// made an expected one (a resend caught by the message writer's unique index) look like an outage.
    /// </summary>
    private static DbContextOptionsBuilder Quiet(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(w => w.Log(
            (RelationalEventId.CommandError, LogLevel.Information),
            (CoreEventId.SaveChangesFailed, LogLevel.Information)));

    /// <summary>Creates or upgrades the schema with EF migrations before the server takes traffic.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Instances starting together (compose starts both at once) take turns over the whole schema set-up.
        await using var turn = db.Database.IsNpgsql() ? await TakeSchemaTurnAsync(db) : null;
        await db.Database.MigrateAsync();
        if (db.Database.IsNpgsql())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("""
                CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'The audit trail is append-only'; END $$;
                DROP TRIGGER IF EXISTS audit_no_change ON "Audit";
                CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON "Audit" FOR EACH ROW EXECUTE FUNCTION audit_append_only();
                """);
            await transaction.CommitAsync();
        }

        if (db.Database.IsSqlite())
        {
            // WAL is a property of the file: readers never block the writer, and commits stay durable.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            // The audit trail is append-only in the database too, whatever code runs against it.
            await db.Database.ExecuteSqlRawAsync(
                "CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON Audit BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only'); END;");
            await db.Database.ExecuteSqlRawAsync(
                "CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON Audit BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only'); END;");
        }
    }

    /// <summary>
    /// A PostgreSQL session lock, held until the returned connection closes. EF's own migration lock there is
    /// a table lock inside each migration's transaction, let go between migrations, so an instance that read
    /// the history before it waited applied again what the other had just applied (seen as 'index "IX_…"
    /// does not exist' once there were two migrations); and two instances replacing the audit trigger at
    /// once failed one start with "tuple concurrently updated".
    /// </summary>
    private static async Task<NpgsqlConnection> TakeSchemaTurnAsync(AppDbContext db)
    {
        var turn = new NpgsqlConnection(db.Database.GetConnectionString());
        try
        {
            await turn.OpenAsync();
            await using var wait = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended('onlinegroup:schema', 0))", turn);
            await wait.ExecuteNonQueryAsync();
            return turn;
        }
        catch
        {
            await turn.DisposeAsync();
            throw;
        }
    }

    private sealed class ContextFactory<T>(IDbContextFactory<T> inner) : IDbContextFactory<AppDbContext>
        where T : AppDbContext
    {
        public AppDbContext CreateDbContext() => inner.CreateDbContext();
    }

    /// <summary>
    /// Per-connection SQLite settings: every commit reaches the disk before it is acknowledged, and the log
    /// is copied back into the database (a checkpoint) in large steps.
    /// </summary>
    /// <remarks>
    /// SQLite checkpoints inside whichever commit takes the log past <c>wal_autocheckpoint</c> pages, and
    /// at its default of 1,000 that was the message writer's commit every 0.7 s at 250 messages a second:
    /// 50–80 pages copied and the database file synced while every sender in the batch waited, 5–17 ms.
    /// At <see cref="WalAutoCheckpointPages"/> it happens a tenth as often, and a page written many times
    /// between two checkpoints (an index's end, a group's last seq) is copied once: the light-load p99 went
    /// from 18–30 ms to 11–15 ms in three rounds each (docs/benchmarks.md, 2026-11-29). The log's file is
    /// cut back to <see cref="WalSizeLimitBytes"/> after a checkpoint, should readers ever have let it grow
    /// past that.
    /// </remarks>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();
        private static readonly string Pragmas = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; "
            + $"PRAGMA wal_autocheckpoint={WalAutoCheckpointPages}; PRAGMA journal_size_limit={WalSizeLimitBytes};";

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
