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
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public async ValueTask<Group?> FindAsync(string groupId, CancellationToken ct = default)
    {
        if (cache.TryGetValue(Key(groupId), out Group? group))
        {
            return group;
        }

        // As in CalendarCache: a read that started before a change must not put the old group back after it.
        var version = _versions.GetValueOrDefault(groupId);
        await using var db = await contexts.CreateDbContextAsync(ct);
        group = await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId, ct);
        if (group is not null)
        {
            lock (_gate)
            {
                if (_versions.GetValueOrDefault(groupId) == version)
                {
                    cache.Set(Key(groupId), group, Lifetime);
                }
            }
        }

        return group;
    }

    /// <summary>Raised after <see cref="Invalidate"/>: scale-out tells the other instances to drop their copies too.</summary>
    public event Action<string>? Invalidated;

    public void Invalidate(string groupId)
    {
        InvalidateHere(groupId);
        Invalidated?.Invoke(groupId);
    }

    /// <summary>Drops this instance's copy only (when another instance changed the group).</summary>
    public void InvalidateHere(string groupId)
    {
        lock (_gate)
        {
            _versions.AddOrUpdate(groupId, 1, (_, v) => v + 1);
            cache.Remove(Key(groupId));
        }
    }

    private static string Key(string groupId) => "group:" + groupId;
}
