using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace OnlineGroup.Server.Data;

/// <summary>
/// Answers from memory what was read from the database, per id, for <c>lifetime</c> at most. Dropping an
/// id also keeps a read that began before the drop from putting its older answer back afterwards (a
/// signed-off group was refused to young people for the whole lifetime that way). Null is never kept.
/// Entries live in the shared <see cref="IMemoryCache"/> under <c>prefix + id</c>.
/// </summary>
public sealed class ReadThroughCache(IMemoryCache cache, string prefix, TimeSpan lifetime)
{
    // Bumped by Drop; a read keeps its answer only if its id's generation is what it was when it began.
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);

    // The cache key of each id that was found, built once: every message asks for its group's entries, and
    // a key built per ask was a string per message per cache. Only ids found are kept, so the ids strangers
    // make up do not grow it.
    private readonly ConcurrentDictionary<string, string> _keys = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The kept answer, or <paramref name="read"/>'s (kept unless the id was dropped meanwhile).</summary>
    /// <remarks>A static <paramref name="read"/> with its <paramref name="state"/> allocates nothing when the answer is kept.</remarks>
    public async ValueTask<T?> GetAsync<TState, T>(string id, TState state, Func<TState, CancellationToken, Task<T?>> read, CancellationToken ct)
        where T : class
    {
        var key = KeyOf(id);
        if (cache.TryGetValue(key, out T? value))
        {
            return value;
        }

        var generation = _generations.GetValueOrDefault(id);
        value = await read(state, ct);
        if (value is not null)
        {
            lock (_gate)
            {
                if (_generations.GetValueOrDefault(id) == generation)
                {
                    cache.Set(_keys.GetOrAdd(id, key), value, lifetime);
                }
            }
        }

        return value;
    }

    public void Drop(string id)
    {
        lock (_gate)
        {
            _generations.AddOrUpdate(id, 1, (_, g) => g + 1);
            cache.Remove(KeyOf(id));
        }
    }

    private string KeyOf(string id) => _keys.TryGetValue(id, out var key) ? key : prefix + id;
}
