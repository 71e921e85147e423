using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;

namespace OnlineGroup.Server.Data;

/// <summary>
/// Answers from memory what was read from the database, per key, for <c>lifetime</c> at most. Dropping a
/// key also keeps a read that began before the drop from putting its older answer back afterwards (a
/// signed-off group was refused to young people for the whole lifetime that way). Null is never kept.
/// </summary>
public sealed class ReadThroughCache(IMemoryCache cache, TimeSpan lifetime)
{
    // Bumped by Drop; a read keeps its answer only if its key's generation is what it was when it began.
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>The kept answer, or <paramref name="read"/>'s (kept unless the key was dropped meanwhile).</summary>
    /// <remarks>A static <paramref name="read"/> with its <paramref name="state"/> allocates nothing when the answer is kept.</remarks>
    public async ValueTask<T?> GetAsync<TState, T>(string key, TState state, Func<TState, CancellationToken, Task<T?>> read, CancellationToken ct)
        where T : class
    {
        if (cache.TryGetValue(key, out T? value))
        {
            return value;
        }

        var generation = _generations.GetValueOrDefault(key);
        value = await read(state, ct);
        if (value is not null)
        {
            lock (_gate)
            {
                if (_generations.GetValueOrDefault(key) == generation)
                {
                    cache.Set(key, value, lifetime);
                }
            }
        }

        return value;
    }

    public void Drop(string key)
    {
        lock (_gate)
        {
            _generations.AddOrUpdate(key, 1, (_, g) => g + 1);
            cache.Remove(key);
        }
    }
}
