using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OnlineGroup.Server.Data;

public static class DataExtensions
{
    public const string DefaultSqlite = "Data Source=data/onlinegroup.db";

    /// <summary>Chooses the database from configuration alone: SQLite (default) or PostgreSQL.</summary>
    public static WebApplicationBuilder AddData(this WebApplicationBuilder builder)
    {
        var provider = builder.Configuration["Database:Provider"] ?? "Sqlite";
        var connectionString = builder.Configuration.GetConnectionString("Default") ?? DefaultSqlite;
        if (!provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Database:Provider '{provider}' is not supported by this build. Use 'Sqlite' (the default) or 'Postgres'.");
        }

        var sqlite = new SqliteConnectionStringBuilder(connectionString);
        var directory = Path.GetDirectoryName(Path.GetFullPath(sqlite.DataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        builder.Services.AddDbContextFactory<SqliteAppDbContext>(o => o
            .UseSqlite(connectionString)
            .AddInterceptors(SqlitePragmas.Instance));
        builder.Services.AddSingleton<IDbContextFactory<AppDbContext>, ContextFactory<SqliteAppDbContext>>();
        builder.Services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<IDbContextFactory<SqliteAppDbContext>>().CreateDbContext());
        builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>Creates or upgrades the schema with EF migrations before the server takes traffic.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.MigrateAsync();
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

    private sealed class ContextFactory<T>(IDbContextFactory<T> inner) : IDbContextFactory<AppDbContext>
        where T : AppDbContext
    {
        public AppDbContext CreateDbContext() => inner.CreateDbContext();
    }

    /// <summary>Per-connection SQLite settings: every commit reaches the disk before it is acknowledged.</summary>
    private sealed class SqlitePragmas : DbConnectionInterceptor
    {
        public static readonly SqlitePragmas Instance = new();
        private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;";

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
