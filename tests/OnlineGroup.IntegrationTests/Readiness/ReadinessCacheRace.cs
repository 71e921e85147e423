using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Time.Testing;
using OnlineGroup.IntegrationTests.Infrastructure;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Readiness;

namespace OnlineGroup.IntegrationTests.Readiness;

/// <summary>
/// The gate reads readiness from memory. A read that began before a sign-off committed (the room's
/// announcement after the assessment was saved, say) must not put its older answer back after the
/// sign-off dropped it: young people would be kept out of a signed-off group for the cache's lifetime.
/// Found by ReadinessOnPostgres failing 1 run in 3 on CI.
/// </summary>
public sealed class ReadinessCacheRace
{
    [Fact]
    public async Task AReadThatStartedBeforeASignOffDoesNotHideItAfterwards()
    {
        await using var app = new OnlineGroupApp(new FakeTimeProvider(ReadinessSteps.NextWednesdayNoon()),
            settings: new Dictionary<string, string?> { ["Groups:RequireReadiness"] = "true" });
        var group = await app.LiveGroupAsync(youngPeople: 0);
        var (coId, _) = await app.CoFacilitatorAsync(group);
        await app.PutReadinessAsync(group.ModeratorToken, group.GroupId, ReadinessSteps.Complete(group.ModeratorId, coId));

        var pause = new PauseAfterFirstQuery();
        var directory = new ReadinessDirectory(new MemoryCache(new MemoryCacheOptions()), new Contexts(app.DatabasePath, pause));
        var early = directory.GetAsync(group.GroupId).AsTask();
        await pause.Reached.WaitAsync(TimeSpan.FromSeconds(30));

        await app.SignOffAsync(group.LeadToken, group.GroupId);
        directory.Invalidate(group.GroupId);
        pause.Release();

        (await early).IsSignedOff(app.Time.GetUtcNow()).Should().BeFalse("it read the assessment before the lead signed it off");
        (await directory.GetAsync(group.GroupId)).IsSignedOff(app.Time.GetUtcNow())
            .Should().BeTrue("the sign-off came after that read began, so its answer was not kept");
    }

    private sealed class Contexts(string databasePath, IInterceptor pause) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite($"Data Source={databasePath}").AddInterceptors(pause).Options);
    }

    /// <summary>Holds the first query after it has read its snapshot of the database, until released.</summary>
    private sealed class PauseAfterFirstQuery : DbCommandInterceptor
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _queries;

        public Task Reached => _reached.Task;

        public void Release() => _release.TrySetResult();

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _queries) == 1)
            {
                _reached.TrySetResult();
                await _release.Task;
            }

            return result;
        }
    }
}
