using Npgsql;

namespace OnlineGroup.IntegrationTests.Infrastructure;

/// <summary>
/// The PostgreSQL and Redis that ./test.sh starts on loopback. A test that needs one fails with a
/// clear message when it is missing: it never passes without having run.
/// </summary>
public static class TestServices
{
    public static string Redis =>
        Environment.GetEnvironmentVariable("OnlineGroupTests__Redis")
        ?? throw new InvalidOperationException("This test needs Redis: run ./test.sh, which starts redis-server on loopback (OnlineGroupTests__Redis is not set).");

    private static string PostgresServer =>
        Environment.GetEnvironmentVariable("OnlineGroupTests__Postgres")
        ?? throw new InvalidOperationException("This test needs PostgreSQL: run ./test.sh, which starts it on loopback (OnlineGroupTests__Postgres is not set).");

    /// <summary>A new, empty database of its own on the test PostgreSQL server.</summary>
    public static async Task<string> NewPostgresDatabaseAsync()
    {
        var name = "og_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(PostgresServer))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ConnectionString;
    }
}
