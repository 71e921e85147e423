using Microsoft.AspNetCore.SignalR.Client;
using OnlineGroup.IntegrationTests.Infrastructure;
using HubException = Microsoft.AspNetCore.SignalR.HubException;

namespace OnlineGroup.IntegrationTests.Moderation;

public sealed class Pausing(ModerationApp fixture) : IClassFixture<ModerationApp>
{
    private readonly OnlineGroupApp _app = fixture.App;

    [Fact]
    public async Task APauseStopsYoungPeoplePostingButNotStaffAndEveryoneIsTold()
    {
        await using var room = await Room.OpenAsync(_app);

        await room.Moderator.Connection.InvokeAsync("PauseGroup", room.Id, "Things are getting heated; let's take a breath");

        foreach (var client in room.Young.Append(room.Moderator))
        {
            (await client.NextAsync<GroupState>("GroupStateChanged")).Should().Match<GroupState>(s =>
                s.GroupId == room.Id && s.State == "paused" && s.SlowModeSeconds == 0 && s.ClosesAt != null);
        }

        (await room.Sam.SendAsync(room.Id, "but i wanted to say something")).Should().BeEquivalentTo(new SendResult("rejected", null, null, "paused"));
        (await room.Moderator.SendAsync(room.Id, "Pausing for a moment, everyone. Back soon.")).Status.Should().Be("published");
        (await room.Alex.NextMessageAsync()).Text.Should().Be("Pausing for a moment, everyone. Back soon.", "nothing from Sam got through before the moderator's message");
    }

    [Fact]
    public async Task ResumingLetsYoungPeoplePostAgain()
    {
        await using var room = await Room.OpenAsync(_app);
        await room.Moderator.Connection.InvokeAsync("PauseGroup", room.Id, "a break");
        await room.Sam.NextAsync<GroupState>("GroupStateChanged");

        await room.Moderator.Connection.InvokeAsync("ResumeGroup", room.Id);

        (await room.Sam.NextAsync<GroupState>("GroupStateChanged")).State.Should().Be("open");
        (await room.Robin.NextAsync<GroupState>("GroupStateChanged")).State.Should().Be("paused");
        (await room.Robin.NextAsync<GroupState>("GroupStateChanged")).State.Should().Be("open");
        (await room.Sam.SendAsync(room.Id, "ok i'm back")).Status.Should().Be("published");
        (await room.Alex.NextMessageAsync()).Text.Should().Be("ok i'm back");
    }

    [Fact]
    public async Task AYoungPersonWhoJoinsDuringAPauseIsLetInToReadAndToldItIsPaused()
    {
        await using var room = await Room.OpenAsync(_app);
        await room.Sam.SendAsync(room.Id, "hello before the pause");
        await room.Moderator.Connection.InvokeAsync("PauseGroup", room.Id, "a break");
        var late = await _app.YoungPersonAsync(room.Group.AdminToken, room.Id, "Kai");
        await using var kai = await ChatClient.ConnectAsync(_app, late.Token);

        var join = await kai.JoinAsync(room.Id);

        join.Admitted.Should().BeTrue();
        join.State.Should().Be("paused");
        join.History.Select(m => m.Text).Should().Equal("hello before the pause");
        (await kai.SendAsync(room.Id, "hi all")).Reason.Should().Be("paused");
    }

    [Fact]
    public async Task PausingTwiceOrResumingAnOpenGroupIsRefusedAndRecordedOnce()
    {
        await using var room = await Room.OpenAsync(_app);
        var resume = () => room.Moderator.Connection.InvokeAsync("ResumeGroup", room.Id);
        (await resume.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("not paused");

        await room.Moderator.Connection.InvokeAsync("PauseGroup", room.Id, "first");
        var again = () => room.Moderator.Connection.InvokeAsync("PauseGroup", room.Id, "second");
        (await again.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("already paused");
        var noReason = () => room.Moderator.Connection.InvokeAsync("PauseGroup", room.Id, "  ");

        (await noReason.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("reason");
        (await room.AuditAsync()).Where(a => a.Action.StartsWith("group.", StringComparison.Ordinal)).Select(a => (a.Action, a.Reason))
            .Should().Equal(("group.created", null), ("group.paused", "first"));
    }

    [Fact]
    public async Task APausedGroupIsStillPausedAfterARestart()
    {
        var dataFolder = TestPaths.NewFolder("restart");
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        string groupId, samToken;
        await using (var first = new OnlineGroupApp(time, dataFolder))
        {
            await using var room = await Room.OpenAsync(first);
            await room.Moderator.Connection.InvokeAsync("PauseGroup", room.Id, "overnight incident review");
            (groupId, samToken) = (room.Id, room.Group.Young[0].Token);
        }

        await using var second = new OnlineGroupApp(time, dataFolder);
        await using var sam = await ChatClient.ConnectAsync(second, samToken);
        (await sam.JoinAsync(groupId)).State.Should().Be("paused");
        (await sam.SendAsync(groupId, "is it back?")).Reason.Should().Be("paused");
    }
}
