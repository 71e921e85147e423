using Microsoft.AspNetCore.SignalR.Client;
using OnlineGroup.IntegrationTests.Infrastructure;
using HubException = Microsoft.AspNetCore.SignalR.HubException;

namespace OnlineGroup.IntegrationTests.Moderation;

public sealed class Backchannel(ModerationApp fixture) : IClassFixture<ModerationApp>
{
    private readonly OnlineGroupApp _app = fixture.App;

    [Fact]
    public async Task ARequestForAModeratorReachesTheGroupsStaffOnly()
    {
        await using var room = await Room.OpenAsync(_app);
        await using var lead = await ChatClient.ConnectAsync(_app, room.Group.LeadToken);
        await lead.JoinAsync(room.Id);

        await room.Alex.Connection.InvokeAsync("RequestModerator", room.Id, "someone is messaging me outside the group");

        var expected = new ModeratorRequest(room.Id, room.AlexId, "Alex", "someone is messaging me outside the group");
        (await room.Moderator.NextAsync<ModeratorRequest>("ModeratorRequested")).Should().Be(expected);
        (await lead.NextAsync<ModeratorRequest>("ModeratorRequested")).Should().Be(expected);
        await room.Moderator.SendAsync(room.Id, "sentinel");
        foreach (var peer in new[] { room.Sam, room.Robin, room.Alex })
        {
            (await peer.NextMessageAsync()).Text.Should().Be("sentinel");
            peer.Drain("ModeratorRequested").Should().BeEmpty();
        }
    }

    [Fact]
    public async Task APrivateMessageReachesThatMemberAndTheStaffOnly()
    {
        await using var room = await Room.OpenAsync(_app);
        await using var second = await room.ModeratorAsync();

        await room.Moderator.Connection.InvokeAsync("SendPrivateMessage", room.Id, room.RobinId, "Robin, are you OK? You've gone quiet.");

        var atRobin = await room.Robin.NextAsync<PrivateNotice>("PrivateMessage");
        atRobin.Should().Match<PrivateNotice>(p => p.MemberId == room.RobinId && p.Text == "Robin, are you OK? You've gone quiet." && p.SentAt == _app.Time.GetUtcNow());
        (await second.NextAsync<PrivateNotice>("PrivateMessage")).Should().Be(atRobin);
        await room.Moderator.SendAsync(room.Id, "sentinel");
        foreach (var peer in new[] { room.Sam, room.Alex })
        {
            (await peer.NextMessageAsync()).Text.Should().Be("sentinel");
            peer.Drain("PrivateMessage").Should().BeEmpty();
        }
    }

    [Fact]
    public async Task StaffWhoJoinLateCanCatchUpOnRequestsAndPrivateMessages()
    {
        await using var room = await Room.OpenAsync(_app);
        await room.Sam.Connection.InvokeAsync("RequestModerator", room.Id, "can we talk");
        await room.Moderator.Connection.InvokeAsync("SendPrivateMessage", room.Id, room.SamId, "of course, I'm here");

        await using var late = await room.ModeratorAsync();
        var record = await late.Connection.InvokeAsync<List<BackchannelLine>>("GetBackchannel", room.Id);

        record.Select(b => (b.Kind, b.MemberId, b.Text)).Should().BeEquivalentTo([
            ("moderatorRequest", room.SamId, "can we talk"),
            ("privateMessage", room.SamId, "of course, I'm here"),
        ]);
    }

    [Fact]
    public async Task AYoungPersonMustBeInTheRoomToAskAndCannotSendPrivateMessages()
    {
        await using var room = await Room.OpenAsync(_app);
        var outsider = await _app.YoungPersonAsync(room.Group.AdminToken, room.Id, "Noor");
        await using var noor = await ChatClient.ConnectAsync(_app, outsider.Token);

        var ask = () => noor.Connection.InvokeAsync("RequestModerator", room.Id, "hello?");
        (await ask.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("Join the group first");
        var whisper = () => room.Sam.Connection.InvokeAsync("SendPrivateMessage", room.Id, room.AlexId, "psst");
        (await whisper.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("unauthorized");
        var staffAsking = () => room.Moderator.Connection.InvokeAsync("RequestModerator", room.Id, "hmm");
        (await staffAsking.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("unauthorized");
    }
}
