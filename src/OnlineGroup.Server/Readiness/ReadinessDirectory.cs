using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Readiness;

/// <summary>What the gate and admission need to know about a group's readiness, kept in memory.</summary>
/// <param name="SignedOffUntil">When the current sign-off lapses; null when there is none (never signed, or voided).</param>
/// <param name="HouseRulesVersion">The version of the house rules members must have agreed to (0: none written).</param>
public sealed record ReadinessSnapshot(DateTimeOffset? SignedOffUntil, int HouseRulesVersion)
{
    public bool IsSignedOff(DateTimeOffset now) => SignedOffUntil is { } until && now < until;
}

/// <summary>
/// Readiness for the join and message paths, answered from memory. Entries are dropped when this
/// instance changes a group's readiness (and <see cref="Changed"/> is raised, for whoever tells the room),
/// and expire after 30 s so other instances' changes are seen soon after. Time is checked on every
/// answer, so a review date passes on time without any change.
/// </summary>
public sealed class ReadinessDirectory(IMemoryCache cache, IDbContextFactory<AppDbContext> contexts)
{
    private readonly ReadThroughCache _snapshots = new(cache, "readiness:", TimeSpan.FromSeconds(30));

    /// <summary>Raised with the group id after this instance changed a group's readiness.</summary>
    public event Action<string>? Changed;

    public async ValueTask<ReadinessSnapshot> GetAsync(string groupId, CancellationToken ct = default) =>
        (await _snapshots.GetAsync(groupId, (contexts, groupId), static (s, ct) => ReadAsync(s.contexts, s.groupId, ct), ct))!;

    public void Invalidate(string groupId)
    {
        _snapshots.Drop(groupId);
        Changed?.Invoke(groupId);
    }

    private static async Task<ReadinessSnapshot?> ReadAsync(IDbContextFactory<AppDbContext> contexts, string groupId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var readiness = await db.GroupReadiness.AsNoTracking().FirstOrDefaultAsync(r => r.GroupId == groupId, ct);
        var zoneId = await db.Groups.AsNoTracking().Where(g => g.Id == groupId).Select(g => g.TimeZone).FirstOrDefaultAsync(ct);
        return readiness is not null && zoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone)
            ? new ReadinessSnapshot(ReadinessRules.SignedOffUntil(readiness, zone), readiness.HouseRulesVersion)
            : new ReadinessSnapshot(null, 0);
    }
}
