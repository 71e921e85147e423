using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.ScaleOut;

/// <summary>
/// A lock across instances for a read-decide-write on one group, held until the transaction ends:
/// PostgreSQL's transaction-scoped advisory lock. On SQLite (one instance) nothing is needed beyond the
/// caller's in-process lock, and no transaction is begun.
/// </summary>
public static class ClusterLock
{
    /// <summary>Begins a transaction on <paramref name="db"/> holding the lock named by <paramref name="scope"/> and <paramref name="groupId"/>; null on SQLite.</summary>
    public static async Task<IDbContextTransaction?> ForGroupAsync(AppDbContext db, string scope, string groupId, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return null;
        }

        var transaction = await db.Database.BeginTransactionAsync(ct);
        var name = scope + ":" + groupId;
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({name}, 0))", ct);
        return transaction;
    }
}
