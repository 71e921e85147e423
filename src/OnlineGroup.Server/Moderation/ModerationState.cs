using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Moderation;

/// <summary>
/// What moderators have set on a group, as the message path, the gate and admission need it: answered
/// from memory. The opening-times gate asks <see cref="IsPausedAsync"/> to report a paused group.
/// </summary>
public interface IGroupModeration
{
    ValueTask<bool> IsPausedAsync(string groupId, CancellationToken ct = default);

    ValueTask<ModerationSnapshot> GetAsync(string groupId, CancellationToken ct = default);

    /// <summary>Drops this instance's copy of a group's moderation state (called after every change; the scale-out hook).</summary>
    void Invalidate(string groupId);
}

/// <summary>An active mute or removal: until when, and why.</summary>
public sealed record ActiveRestriction(DateTimeOffset Until, string Reason);

/// <summary>A group's moderation state as stored, read at one moment. Restrictions are compared with the clock when used, so they lift themselves.</summary>
public sealed record ModerationSnapshot(
    bool Paused,
    int SlowModeSeconds,
    IReadOnlyDictionary<string, ActiveRestriction> Mutes,
    IReadOnlyDictionary<string, ActiveRestriction> Removals)
{
    public static readonly ModerationSnapshot None = new(false, 0, new Dictionary<string, ActiveRestriction>(), new Dictionary<string, ActiveRestriction>());

    public ActiveRestriction? MutedAt(string memberId, DateTimeOffset now) => Active(Mutes, memberId, now);

    public ActiveRestriction? RemovedAt(string memberId, DateTimeOffset now) => Active(Removals, memberId, now);

    private static ActiveRestriction? Active(IReadOnlyDictionary<string, ActiveRestriction> restrictions, string memberId, DateTimeOffset now) =>
        restrictions.TryGetValue(memberId, out var r) && now < r.Until ? r : null;
}

/// <summary>
/// The in-memory copy of each group's <see cref="ModerationSnapshot"/>, loaded from the database on
/// first use, dropped by <see cref="Invalidate"/> after a change, and reloaded after 30 s so that
/// another instance's changes are seen soon even before invalidations are broadcast.
/// </summary>
public sealed class ModerationState(IDbContextFactory<AppDbContext> contexts, TimeProvider time) : IGroupModeration
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (ModerationSnapshot Snapshot, DateTimeOffset LoadedAt)> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);

    public async ValueTask<bool> IsPausedAsync(string groupId, CancellationToken ct = default) => (await GetAsync(groupId, ct)).Paused;

    public async ValueTask<ModerationSnapshot> GetAsync(string groupId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(groupId, out var cached) && now - cached.LoadedAt < Lifetime)
        {
            return cached.Snapshot;
        }

        // A change made while this load runs must not be papered over by the older read.
        var generation = _generations.GetOrAdd(groupId, 0);
        var snapshot = await LoadAsync(groupId, now, ct);
        if (_generations.TryGetValue(groupId, out var current) && current == generation)
        {
            _cache[groupId] = (snapshot, now);
        }

        return snapshot;
    }

    public void Invalidate(string groupId)
    {
        _generations.AddOrUpdate(groupId, 1, (_, g) => g + 1);
        _cache.TryRemove(groupId, out _);
    }

    private async Task<ModerationSnapshot> LoadAsync(string groupId, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var control = await db.GroupControls.AsNoTracking().FirstOrDefaultAsync(c => c.GroupId == groupId, ct);
        var restrictions = await db.MemberRestrictions.AsNoTracking()
            .Where(r => r.GroupId == groupId && r.LiftedAt == null && r.Until > now)
            .OrderBy(r => r.CreatedAt)
            .ToListAsync(ct);
        return new ModerationSnapshot(
            control?.Paused ?? false,
            control?.SlowModeSeconds ?? 0,
            Latest(restrictions, RestrictionKinds.Mute),
            Latest(restrictions, RestrictionKinds.Removal));
    }

    // The newest restriction of a kind for each member is the one in force.
    private static Dictionary<string, ActiveRestriction> Latest(List<MemberRestriction> restrictions, string kind)
    {
        var latest = new Dictionary<string, ActiveRestriction>(StringComparer.Ordinal);
        foreach (var r in restrictions.Where(r => r.Kind == kind))
        {
            latest[r.MemberId] = new ActiveRestriction(r.Until, r.Reason);
        }

        return latest;
    }
}
