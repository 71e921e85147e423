using Microsoft.AspNetCore.SignalR.Client;
using OnlineGroup.IntegrationTests.Infrastructure;
using HubException = Microsoft.AspNetCore.SignalR.HubException;

namespace OnlineGroup.IntegrationTests.Moderation;

public sealed class SlowMode(ModerationApp fixture) : IClassFixture<ModerationApp>
{
    private readonly OnlineGroupApp _app = fixture.App;

    [Fact]
    public async Task RejectsASecondMessageWithinTheWindowAndEveryoneIsToldTheSetting()
    {
        await using var room = await Room.OpenAsync(_app);

        await room.Moderator.Connection.InvokeAsync("SetSlowMode", room.Id, 30);

        foreach (var client in room.Young.Append(room.Moderator))
        {
            (await client.NextAsync<GroupState>("GroupStateChanged")).Should().Match<GroupState>(s => s.State == "open" && s.SlowModeSeconds == 30);
        }

        (await room.Sam.SendAsync(room.Id, "one")).Status.Should().Be("published");
        (await room.Sam.SendAsync(room.Id, "two")).Should().BeEquivalentTo(new SendResult("rejected", null, null, "slowMode"));
        (await room.Alex.SendAsync(room.Id, "my first")).Status.Should().Be("published", "the wait is per person");
        _app.Time.Advance(TimeSpan.FromSeconds(29));
        (await room.Sam.SendAsync(room.Id, "two, again")).Reason.Should().Be("slowMode");
        _app.Time.Advance(TimeSpan.FromSeconds(1));
        (await room.Sam.SendAsync(room.Id, "two, at last")).Status.Should().Be("published");
    }

    [Fact]
    public async Task StaffAreNotSlowedDown()
    {
        await using var room = await Room.OpenAsync(_app);
        await room.Moderator.Connection.InvokeAsync("SetSlowMode", room.Id, 300);

        for (var i = 0; i < 3; i++)
        {
            (await room.Moderator.SendAsync(room.Id, "staff " + i)).Status.Should().Be("published");
        }
    }

    [Fact]
    public async Task TurningItOffLetsMessagesFlowAgain()
    {
        await using var room = await Room.OpenAsync(_app);
        await room.Moderator.Connection.InvokeAsync("SetSlowMode", room.Id, 60);
        await room.Sam.SendAsync(room.Id, "one");

        await room.Moderator.Connection.InvokeAsync("SetSlowMode", room.Id, 0);

        (await room.Robin.NextAsync<GroupState>("GroupStateChanged")).SlowModeSeconds.Should().Be(60);
        (await room.Robin.NextAsync<GroupState>("GroupStateChanged")).SlowModeSeconds.Should().Be(0);
        (await room.Sam.SendAsync(room.Id, "two")).Status.Should().Be("published");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(301)]
    public async Task SecondsOutsideZeroToThreeHundredAreRefusedAndNothingChanges(int seconds)
    {
        await using var room = await Room.OpenAsync(_app);
        var set = () => room.Moderator.Connection.InvokeAsync("SetSlowMode", room.Id, seconds);

        (await set.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("0 to 300 seconds");
        (await room.Sam.SendAsync(room.Id, "one")).Status.Should().Be("published");
        (await room.Sam.SendAsync(room.Id, "two")).Status.Should().Be("published");
    }
}
