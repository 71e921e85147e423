using Microsoft.AspNetCore.SignalR.Client;
using OnlineGroup.IntegrationTests.Infrastructure;
using HubException = Microsoft.AspNetCore.SignalR.HubException;

namespace OnlineGroup.IntegrationTests.Moderation;

public sealed class Muting(ModerationApp fixture) : IClassFixture<ModerationApp>
{
    private readonly OnlineGroupApp _app = fixture.App;

    [Fact]
    public async Task AMutedMemberCannotPostUntilTheMuteLiftsItselfWhileOthersCarryOn()
    {
        await using var room = await Room.OpenAsync(_app);
        var mutedAt = _app.Time.GetUtcNow();

        await room.Moderator.Connection.InvokeAsync("MuteMember", room.Id, room.SamId, 10, "Please give others a chance to speak");

        var notice = await room.Sam.NextAsync<MutedNotice>("Muted");
        notice.Should().Be(new MutedNotice(room.Id, mutedAt.AddMinutes(10), "Please give others a chance to speak"));
        (await room.Sam.SendAsync(room.Id, "but")).Reason.Should().Be("muted");
        (await room.Alex.SendAsync(room.Id, "thanks, my turn")).Status.Should().Be("published");

        _app.Time.Advance(TimeSpan.FromMinutes(9));
        (await room.Sam.SendAsync(room.Id, "now?")).Reason.Should().Be("muted");

        _app.Time.Advance(TimeSpan.FromMinutes(1));
        (await room.Sam.SendAsync(room.Id, "sorry everyone")).Status.Should().Be("published");
        (await room.Robin.NextMessageAsync()).Text.Should().Be("thanks, my turn");
        (await room.Robin.NextMessageAsync()).Text.Should().Be("sorry everyone", "nothing Sam sent while muted got through");
    }

    [Fact]
    public async Task OnlyTheMutedMemberIsTold()
    {
        await using var room = await Room.OpenAsync(_app);

        await room.Moderator.Connection.InvokeAsync("MuteMember", room.Id, room.SamId, 5, "cool off");

        (await room.Sam.NextAsync<MutedNotice>("Muted")).GroupId.Should().Be(room.Id);
        await room.Moderator.SendAsync(room.Id, "sentinel");
        (await room.Alex.NextMessageAsync()).Text.Should().Be("sentinel");
        room.Alex.Drain("Muted").Should().BeEmpty();
    }

    [Fact]
    public async Task UnmutingLetsThemPostAgainAndTellsThemTheMuteEndedNow()
    {
        await using var room = await Room.OpenAsync(_app);
        await room.Moderator.Connection.InvokeAsync("MuteMember", room.Id, room.SamId, 30, "cool off");
        await room.Sam.NextAsync<MutedNotice>("Muted");
        _app.Time.Advance(TimeSpan.FromMinutes(2));

        await room.Moderator.Connection.InvokeAsync("UnmuteMember", room.Id, room.SamId);

        (await room.Sam.NextAsync<MutedNotice>("Muted")).Should().Be(new MutedNotice(room.Id, _app.Time.GetUtcNow(), null));
        (await room.Sam.SendAsync(room.Id, "thank you")).Status.Should().Be("published");
        var again = () => room.Moderator.Connection.InvokeAsync("UnmuteMember", room.Id, room.SamId);
        (await again.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("not muted");
    }

    [Fact]
    public async Task AMutedMemberCanStillAskForAModerator()
    {
        await using var room = await Room.OpenAsync(_app);
        await room.Moderator.Connection.InvokeAsync("MuteMember", room.Id, room.SamId, 10, "cool off");

        await room.Sam.Connection.InvokeAsync("RequestModerator", room.Id, "i'm not ok, can someone talk to me");

        (await room.Moderator.NextAsync<ModeratorRequest>("ModeratorRequested")).Should().Be(
            new ModeratorRequest(room.Id, room.SamId, "Sam", "i'm not ok, can someone talk to me"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1441)]
    public async Task AMuteOutsideOneMinuteToADayIsRefused(int minutes)
    {
        await using var room = await Room.OpenAsync(_app);
        var mute = () => room.Moderator.Connection.InvokeAsync("MuteMember", room.Id, room.SamId, minutes, "cool off");

        (await mute.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("1 to 1440 minutes");
        (await room.Sam.SendAsync(room.Id, "fine")).Status.Should().Be("published");
    }
}
