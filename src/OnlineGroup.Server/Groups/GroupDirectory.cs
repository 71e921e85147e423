using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Groups;

/// <summary>
/// Group settings for the message path, answered from memory. Entries are dropped when this instance
/// changes a group, and expire after 30 s so other instances' changes are seen soon after.
/// </summary>
public sealed class GroupDirectory(IMemoryCache cache, IDbContextFactory<AppDbContext> contexts)
{
    private readonly ReadThroughCache _groups = new(cache, "group:", TimeSpan.FromSeconds(30));

    public ValueTask<Group?> FindAsync(string groupId, CancellationToken ct = default) =>
        _groups.GetAsync(groupId, (contexts, groupId), static async (s, ct) =>
        {
            await using var db = await s.contexts.CreateDbContextAsync(ct);
            return await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == s.groupId, ct);
        }, ct);

    /// <summary>Raised after <see cref="Invalidate"/>: scale-out tells the other instances to drop their copies too.</summary>
    public event Action<string>? Invalidated;

    public void Invalidate(string groupId)
    {
        InvalidateHere(groupId);
        Invalidated?.Invoke(groupId);
    }

    /// <summary>Drops this instance's copy only (when another instance changed the group).</summary>
    public void InvalidateHere(string groupId) => _groups.Drop(groupId);
}
