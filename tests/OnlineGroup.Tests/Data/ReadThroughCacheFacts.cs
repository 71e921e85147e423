using Microsoft.Extensions.Caching.Memory;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Tests.Data;

public sealed class ReadThroughCacheFacts
{
    private readonly ReadThroughCache _cache = new(new MemoryCache(new MemoryCacheOptions()), "thing:", TimeSpan.FromMinutes(5));
    private int _reads;

    // Every message asks these caches for its group: a kept answer must not cost a database read. (What a hit
    // allocates is measured by the benchmark's allocation trace, on the Release build: docs/benchmarks.md.)
    [Fact]
    public async Task AKeptAnswerIsServedWithoutReadingAgain()
    {
        (await GetAsync("group-1")).Should().Be("answer for group-1");
        for (var i = 0; i < 1_000; i++)
        {
            (await GetAsync("group-1")).Should().Be("answer for group-1");
        }

        (await GetAsync("group-2")).Should().Be("answer for group-2", "each id has its own answer");
        _reads.Should().Be(2);
    }

    [Fact]
    public async Task ADroppedAnswerIsReadAgainAndAnIdNotFoundIsNeverKept()
    {
        await GetAsync("group-1");
        _cache.Drop("group-1");
        await GetAsync("group-1");
        _reads.Should().Be(2, "a dropped answer is read again");

        (await GetAsync("nobody")).Should().BeNull();
        (await GetAsync("nobody")).Should().BeNull();
        _reads.Should().Be(4, "an id that was not found is asked about again, so a group created since counts at once");
    }

    private ValueTask<string?> GetAsync(string id) =>
        _cache.GetAsync(id, (Self: this, Id: id), static (s, _) =>
        {
            s.Self._reads++;
            return Task.FromResult(s.Id == "nobody" ? null : $"answer for {s.Id}");
        }, CancellationToken.None);
}
