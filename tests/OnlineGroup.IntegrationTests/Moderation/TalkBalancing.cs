using Microsoft.AspNetCore.SignalR.Client;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Moderation;

public sealed class TalkBalancing(ModerationApp fixture) : IClassFixture<ModerationApp>
{
    private readonly OnlineGroupApp _app = fixture.App;

    [Fact]
    public async Task EachMembersShareOfTheSessionShowsADominantVoiceAndAQuietOne()
    {
        await using var room = await Room.OpenAsync(_app);
        for (var i = 0; i < 6; i++)
        {
            await room.Sam.SendAsync(room.Id, "sam " + i);
        }

        await room.Alex.SendAsync(room.Id, "alex");
        await room.Alex.SendAsync(room.Id, "alex again");
        await room.Moderator.SendAsync(room.Id, "staff do not count");

        var balance = await room.Moderator.Connection.InvokeAsync<List<TalkShareLine>>("GetTalkBalance", room.Id);

        balance.Should().Equal(
            new TalkShareLine(room.SamId, "Sam", 6, 0.75),
            new TalkShareLine(room.AlexId, "Alex", 2, 0.25),
            new TalkShareLine(room.RobinId, "Robin", 0, 0));
    }

    [Fact]
    public async Task TheBalanceKeepsCountingAfterItIsFirstReadAndCountsEachMessageOnce()
    {
        await using var room = await Room.OpenAsync(_app, Room.Premoderated);
        var held = await room.Robin.SendAsync(room.Id, "held then approved");
        await room.Moderator.Connection.InvokeAsync("ApproveMessage", room.Id, held.MessageId);
        (await room.Moderator.Connection.InvokeAsync<List<TalkShareLine>>("GetTalkBalance", room.Id))
            .Single(s => s.MemberId == room.RobinId).Messages.Should().Be(1);

        var again = await room.Sam.SendAsync(room.Id, "me too");
        await room.Moderator.Connection.InvokeAsync("ApproveMessage", room.Id, again.MessageId);
        await room.Robin.SendAsync(room.Id, "a held one that is never approved");

        var balance = await room.Moderator.Connection.InvokeAsync<List<TalkShareLine>>("GetTalkBalance", room.Id);
        balance.Select(s => (s.DisplayName, s.Messages)).Should().BeEquivalentTo([("Robin", 1), ("Sam", 1), ("Alex", 0)]);
        balance.Where(s => s.Messages > 0).Should().OnlyContain(s => s.Share == 0.5);
    }
}
