using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Chat;

/// <summary>The writer's connection: its context, its reused statements and a batch's transaction.</summary>
public sealed partial class MessageWriter
{
    /// <summary>The writer's context, kept open between batches, with its reused statements.</summary>
    private sealed class Session(AppDbContext db, MessageInsert insert, DbCommand allocateSeq, SqliteStatements? sqlite) : IDisposable
    {
        public AppDbContext Db { get; } = db;

        public MessageInsert Insert { get; } = insert;

        public static Session Open(IDbContextFactory<AppDbContext> contexts)
        {
            var db = contexts.CreateDbContext();
            try
            {
                db.Database.OpenConnection();
                if (db.Database.IsSqlite())
                {
                    // The writer touches the ends of every index of a growing table: keep them in memory (32 MiB, not 2).
                    db.Database.ExecuteSqlRaw("PRAGMA cache_size = -32768;");
                }

                var connection = db.Database.GetDbConnection();
                var allocateSeq = connection.CreateCommand();
                allocateSeq.CommandText = "UPDATE \"Groups\" SET \"LastSeq\" = \"LastSeq\" + @count WHERE \"Id\" = @id RETURNING \"LastSeq\"";
                foreach (var name in (string[])["count", "id"])
                {
                    var parameter = allocateSeq.CreateParameter();
                    parameter.ParameterName = name;
                    allocateSeq.Parameters.Add(parameter);
                }

                return new Session(db, MessageInsert.Create(db), allocateSeq, SqliteStatements.TryPrepare(connection, allocateSeq.CommandText));
            }
            catch
            {
                db.Dispose();
                throw;
            }
        }

        /// <summary>
        /// The batch's transaction. On SQLite a batch of plain new messages uses three prepared statements
        /// (EF's transaction object, its logging and Microsoft.Data.Sqlite's BEGIN and COMMIT commands were
        /// a tenth of what the server allocated); anything EF must see commits through EF's transaction.
        /// </summary>
        public BatchTransaction Begin(bool throughEf)
        {
            if (throughEf || sqlite is null)
            {
                return new BatchTransaction(Db.Database.BeginTransaction(), null);
            }

            sqlite.Begin.Execute();
            return new BatchTransaction(null, sqlite);
        }

        /// <summary>
        /// Takes <paramref name="count"/> seq values for a group in the batch's transaction and returns the
        /// last: one statement (SQLite 3.35+ and PostgreSQL both have RETURNING), not an update and a read.
        /// </summary>
        public long AllocateSeq(DbTransaction? transaction, string groupId, int count)
        {
            if (sqlite is not null)
            {
                sqlite.AllocateSeq.Bind(1, (long)count); // @count and @id, numbered in order of appearance
                sqlite.AllocateSeq.Bind(2, groupId);
                return sqlite.AllocateSeq.ExecuteInt64() ?? throw new InvalidOperationException($"Group {groupId} does not exist.");
            }

            allocateSeq.Transaction = transaction;
            allocateSeq.Parameters[0].Value = (long)count;
            allocateSeq.Parameters[1].Value = groupId;
            return Convert.ToInt64(allocateSeq.ExecuteScalar() ?? throw new InvalidOperationException($"Group {groupId} does not exist."), System.Globalization.CultureInfo.InvariantCulture);
        }

        public void Dispose()
        {
            sqlite?.Dispose();
            allocateSeq.Dispose();
            Insert.Dispose();
            Db.Database.CloseConnection();
            Db.Dispose();
        }
    }

    /// <summary>The writer's own SQLite statements: a plain batch's transaction and the seq allocation.</summary>
    private sealed record SqliteStatements(SqliteStatement Begin, SqliteStatement Commit, SqliteStatement Rollback, SqliteStatement AllocateSeq) : IDisposable
    {
        public static SqliteStatements? TryPrepare(DbConnection connection, string allocateSeq) =>
            SqliteStatement.TryPrepare(connection, "BEGIN IMMEDIATE") is { } begin
                ? new(begin, SqliteStatement.TryPrepare(connection, "COMMIT")!, SqliteStatement.TryPrepare(connection, "ROLLBACK")!,
                    SqliteStatement.TryPrepare(connection, allocateSeq)!)
                : null;

        public void Dispose()
        {
            Begin.Dispose();
            Commit.Dispose();
            Rollback.Dispose();
            AllocateSeq.Dispose();
        }
    }

    /// <summary>EF's transaction, or one begun with the writer's SQLite statements (rolled back unless committed).</summary>
    private sealed class BatchTransaction(IDbContextTransaction? ef, SqliteStatements? sqlite) : IDisposable
    {
        /// <summary>For ADO.NET commands on providers other than SQLite; null when the statements run on SQLite's own.</summary>
        public DbTransaction? Ado => ef?.GetDbTransaction();

        public void Commit()
        {
            if (ef is not null)
            {
                ef.Commit();
            }
            else
            {
                sqlite!.Commit.Execute();
            }
        }

        public void Dispose()
        {
            if (ef is not null)
            {
                ef.Dispose();
            }
            else if (sqlite!.Rollback.InTransaction)
            {
                // Not committed. After some failures (a full disk, an I/O error) SQLite has already rolled
                // back; a second ROLLBACK would fail and hide the error that matters.
                sqlite.Rollback.Execute();
            }
        }
    }
}
