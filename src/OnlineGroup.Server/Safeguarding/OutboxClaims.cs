using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Safeguarding;

/// <summary>
/// Which outbox row an instance delivers next. On PostgreSQL (several instances) a row is claimed
/// atomically for a lease: one UPDATE takes the oldest due row that nobody holds, skipping rows another
/// instance is claiming at that moment (<c>FOR UPDATE SKIP LOCKED</c>), so each row is posted by one
/// instance at a time; a claim whose lease ran out (its instance died mid-delivery) is taken over. On
/// SQLite (one instance) the oldest due row is simply read, as before.
/// </summary>
public static class OutboxClaims
{
    /// <summary>
    /// The next row after <paramref name="after"/> that is due (or, with <paramref name="everything"/>, any
    /// undelivered one) and not held by another live claim; claimed by <paramref name="claimant"/> until
    /// <paramref name="until"/> on PostgreSQL. Tracked by <paramref name="db"/>; null when there is none.
    /// </summary>
    public static async Task<ConcernNotification?> ClaimNextAsync(AppDbContext db, long after, bool everything, DateTimeOffset now,
        string claimant, DateTimeOffset until, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return await db.ConcernNotifications
                .Where(n => n.DeliveredAt == null && n.Id > after && (everything || n.NextAttemptAt <= now))
                .OrderBy(n => n.Id)
                .FirstOrDefaultAsync(ct);
        }

        // One statement, so claiming is atomic: a concurrent claimer either skips the row while it is locked
        // here, or re-reads it after this commits and finds the lease in the future.
        var claimed = await db.ConcernNotifications.FromSql($"""
            UPDATE "ConcernNotifications" SET "ClaimedBy" = {claimant}, "ClaimedUntil" = {until}
            WHERE "Id" = (
                SELECT "Id" FROM "ConcernNotifications"
                WHERE "DeliveredAt" IS NULL AND "Id" > {after} AND ({everything} OR "NextAttemptAt" <= {now})
                  AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" <= {now})
                ORDER BY "Id"
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING *
            """).ToListAsync(ct);
        return claimed.SingleOrDefault();
    }

    /// <summary>Gives a claim up without an answer (stopping mid-delivery): another instance may take the row at once.</summary>
    public static Task ReleaseAsync(AppDbContext db, long id, string claimant) =>
        db.ConcernNotifications.Where(n => n.Id == id && n.ClaimedBy == claimant && n.DeliveredAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
}
