using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Chat;

namespace OnlineGroup.Tests.Chat;

public sealed class ConnectionRegistryFacts
{
    // Found by the load benchmark: 1 of 500 young people joining 8 at a time got "An unexpected error
    // occurred invoking 'JoinGroup'" because a presence snapshot was copied while someone else joined.
    [Fact]
    public async Task EveryoneJoiningAtOnceIsAdmittedWhilePresenceIsReadAndCounted()
    {
        var registry = new ConnectionRegistry();
        var snapshots = 0;
        registry.PresenceChanged += groupId =>
        {
            registry.InGroup(groupId).Should().NotBeNull();
            Interlocked.Increment(ref snapshots);
        };

        const int joiners = 12_000;
        using var joined = new CancellationTokenSource();
        // Presence read over and over while everyone comes in (without the fix this fails in 2 of 2 runs).
        var reader = Task.Run(() =>
        {
            while (!joined.IsCancellationRequested)
            {
                registry.InGroup("group").Should().NotBeNull();
            }
        });
        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            for (var i = worker; i < joiners; i += 4)
            {
                var user = new CurrentUser($"account-{i}", Roles.Participant, $"Member {i}");
                registry.Join($"connection-{i}", new JoinedGroup("group", user, $"member-{i}", user.DisplayName, IsGroupStaff: false, IsModerator: i % 100 == 0));
            }
        })));
        await joined.CancelAsync();
        await reader;

        snapshots.Should().Be(joiners);
        registry.InGroup("group").Should().HaveCount(joiners);
        registry.LocalModerators("group").Should().HaveCount(joiners / 100);
    }
}
