using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Chat;

public sealed class Reconnecting
{
    [Fact]
    public async Task AMemberWhoDropsOutGetsExactlyTheMissedMessagesFromHistory()
    {
        await using var app = new OnlineGroupApp();
        var group = await app.LiveGroupAsync(youngPeople: 2);
        await using var sam = await ChatClient.ConnectAsync(app, group.Young[0].Token);
        await sam.JoinAsync(group.GroupId);
        var alex = await ChatClient.ConnectAsync(app, group.Young[1].Token);
        await alex.JoinAsync(group.GroupId);
        for (var i = 1; i <= 3; i++)
        {
            await sam.SendAsync(group.GroupId, "before " + i);
        }

        long lastSeen = 0;
        for (var i = 0; i < 3; i++)
        {
            lastSeen = (await alex.NextMessageAsync()).Seq;
        }

        await alex.DisposeAsync();
        for (var i = 1; i <= 5; i++)
        {
            await sam.SendAsync(group.GroupId, "while away " + i);
        }

        await using var back = await ChatClient.ConnectAsync(app, group.Young[1].Token);
        (await back.JoinAsync(group.GroupId)).Admitted.Should().BeTrue();
        var missed = await back.HistoryAsync(group.GroupId, lastSeen);

        missed.Select(m => m.Text).Should().Equal(Enumerable.Range(1, 5).Select(i => "while away " + i));
        missed.Select(m => m.Seq).Should().Equal(4L, 5L, 6L, 7L, 8L);
    }

    [Fact]
    public async Task AClientThatRejoinsOnTheSameConnectionIsBackInItsGroup()
    {
        await using var app = new OnlineGroupApp();
        var group = await app.LiveGroupAsync(youngPeople: 2);
        await using var sam = await ChatClient.ConnectAsync(app, group.Young[0].Token);
        await sam.JoinAsync(group.GroupId);
        await using var alex = await ChatClient.ConnectAsync(app, group.Young[1].Token);
        await alex.JoinAsync(group.GroupId);

        await alex.Connection.StopAsync();
        await alex.Connection.StartAsync();
        (await alex.SendAsync(group.GroupId, "am i still in?")).Reason.Should().Be("notJoined", "a new connection has joined nothing yet");
        (await alex.JoinAsync(group.GroupId)).Admitted.Should().BeTrue();
        await sam.SendAsync(group.GroupId, "welcome back");

        (await alex.NextMessageAsync()).Text.Should().Be("welcome back");
    }

    [Fact]
    public async Task HistoryAndIdempotencySurviveARestartOnTheSameDatabaseFile()
    {
        var folder = TestPaths.NewFolder("restart");
        LiveGroup group;
        SendResult first;
        await using (var before = new OnlineGroupApp(dataFolder: folder))
        {
            group = await before.LiveGroupAsync(youngPeople: 1);
            await using var sam = await ChatClient.ConnectAsync(before, group.Young[0].Token);
            await sam.JoinAsync(group.GroupId);
            first = await sam.SendAsync(group.GroupId, "said before the restart", "before-restart");
            await sam.SendAsync(group.GroupId, "and this too");
        }

        await using var after = new OnlineGroupApp(dataFolder: folder);
        await using var again = await ChatClient.ConnectAsync(after, group.Young[0].Token);
        var join = await again.JoinAsync(group.GroupId);

        join.History.Select(m => m.Text).Should().Equal("said before the restart", "and this too");
        (await again.SendAsync(group.GroupId, "said before the restart", "before-restart")).Should().BeEquivalentTo(first);
        (await again.SendAsync(group.GroupId, "after")).Seq.Should().Be(3);
        (await again.HistoryAsync(group.GroupId, 0)).Should().HaveCount(3);
    }
}
