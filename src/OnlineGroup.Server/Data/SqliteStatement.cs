using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace OnlineGroup.Server.Data;

/// <summary>
/// One SQLite statement prepared once on an open connection and run straight through SQLitePCL, for the
/// message writer's per-message statements. Microsoft.Data.Sqlite builds a data reader, enumerators and
/// a binder object per parameter on every execution even for a reused command: under load that was a
/// quarter of everything the server allocated. It runs inside whatever transaction the connection has
/// open, and its errors are the provider's own <see cref="SqliteException"/>s (a unique index refusing a
/// row still reads as a <see cref="DbException"/>).
/// </summary>
public sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    private SqliteStatement(sqlite3 db, string sql)
    {
        _db = db;
        Check(raw.sqlite3_prepare_v2(db, sql, out _statement));
    }

    /// <summary>The statement prepared on <paramref name="connection"/>, or null if that is not an open SQLite connection.</summary>
    public static SqliteStatement? TryPrepare(DbConnection connection, string sql) =>
        connection is SqliteConnection { Handle: { } db } ? new SqliteStatement(db, sql) : null;

    /// <summary>Whether values of this provider type can be bound (what the EF model stores, after its converters).</summary>
    public static bool CanBind(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t
        && (t == typeof(string) || t == typeof(long) || t == typeof(int) || t == typeof(short) || t == typeof(byte)
            || t == typeof(bool) || t == typeof(double) || t == typeof(float) || t == typeof(byte[]));

    /// <summary>Whether the connection has a transaction open (SQLite rolls some failures back by itself).</summary>
    public bool InTransaction => raw.sqlite3_get_autocommit(_db) == 0;

    /// <summary>The 1-based position of a named parameter, as <see cref="Bind"/> takes it.</summary>
    public int IndexOf(string name) =>
        raw.sqlite3_bind_parameter_index(_statement, name) is > 0 and var index ? index
            : throw new InvalidOperationException($"The statement has no parameter {name}.");

    /// <summary>Binds a number without boxing it.</summary>
    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void Bind(int index, object? value) => Check(value switch
    {
        null or DBNull => raw.sqlite3_bind_null(_statement, index),
        string text => raw.sqlite3_bind_text16(_statement, index, text),
        long number => raw.sqlite3_bind_int64(_statement, index, number),
        int number => raw.sqlite3_bind_int64(_statement, index, number),
        short number => raw.sqlite3_bind_int64(_statement, index, number),
        byte number => raw.sqlite3_bind_int64(_statement, index, number),
        bool flag => raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0),
        double number => raw.sqlite3_bind_double(_statement, index, number),
        float number => raw.sqlite3_bind_double(_statement, index, number),
        byte[] bytes => raw.sqlite3_bind_blob(_statement, index, bytes),
        _ => throw new NotSupportedException($"A {value.GetType().Name} cannot be bound to a SQLite statement here."),
    });

    /// <summary>Runs a statement that returns no rows.</summary>
    public void Execute()
    {
        try
        {
            if (raw.sqlite3_step(_statement) is var rc and not raw.SQLITE_DONE)
            {
                Check(rc);
            }
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Runs a statement that returns one integer (an <c>UPDATE … RETURNING</c>), or null if it matched no row.</summary>
    public long? ExecuteInt64()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc == raw.SQLITE_DONE)
            {
                return null;
            }

            if (rc != raw.SQLITE_ROW)
            {
                Check(rc);
            }

            var value = raw.sqlite3_column_int64(_statement, 0);
            while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
            {
            }

            if (rc != raw.SQLITE_DONE)
            {
                Check(rc);
            }

            return value;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
