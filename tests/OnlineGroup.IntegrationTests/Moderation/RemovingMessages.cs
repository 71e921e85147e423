using Microsoft.AspNetCore.SignalR.Client;
using OnlineGroup.IntegrationTests.Infrastructure;
using HubException = Microsoft.AspNetCore.SignalR.HubException;

namespace OnlineGroup.IntegrationTests.Moderation;

public sealed class RemovingMessages(ModerationApp fixture) : IClassFixture<ModerationApp>
{
    private readonly OnlineGroupApp _app = fixture.App;

    [Fact]
    public async Task ARemovedMessageDisappearsForEveryoneConnectedAndFromTheirHistory()
    {
        await using var room = await Room.OpenAsync(_app);
        await room.Sam.SendAsync(room.Id, "first");
        var hurtful = await room.Alex.SendAsync(room.Id, "something hurtful about Robin");
        await room.Sam.SendAsync(room.Id, "third");

        await room.Moderator.Connection.InvokeAsync("RemoveMessage", room.Id, hurtful.MessageId, "Unkind about another member");

        foreach (var client in room.Young.Append(room.Moderator))
        {
            (await client.NextAsync<RemovedNotice>("MessageRemoved")).Should().Be(new RemovedNotice(room.Id, hurtful.MessageId!));
        }

        (await room.Robin.HistoryAsync(room.Id, 0)).Select(m => m.Text).Should().Equal("first", "third");
        await using var late = await ChatClient.ConnectAsync(_app, room.Group.Young[1].Token);
        (await late.JoinAsync(room.Id)).History.Select(m => m.Text).Should().Equal("first", "third");
    }

    [Fact]
    public async Task StaffStillSeeTheRemovedMessageWithWhoRemovedItAndWhy()
    {
        await using var room = await Room.OpenAsync(_app);
        // (Contact details would be held by the scan before any moderator saw them; this is ordinary talk.)
        var sent = await room.Alex.SendAsync(room.Id, "meant to post this in my other chat, sorry");
        await room.Moderator.Connection.InvokeAsync("RemoveMessage", room.Id, sent.MessageId, "Posted in the wrong place");
        await using var lead = await ChatClient.ConnectAsync(_app, room.Group.LeadToken);

        var history = await lead.Connection.InvokeAsync<List<StaffMessage>>("GetStaffHistory", room.Id, 0L);

        var kept = history.Should().ContainSingle().Subject;
        kept.Text.Should().Be("meant to post this in my other chat, sorry");
        kept.Status.Should().Be("removed");
        kept.Seq.Should().Be(sent.Seq);
        kept.RemovedBy.Should().Be(room.Group.ModeratorId);
        kept.RemovedReason.Should().Be("Posted in the wrong place");
        kept.RemovedAt.Should().Be(_app.Time.GetUtcNow());
    }

    [Fact]
    public async Task RemovingTwiceIsRefusedAndSeqCarriesOnWithoutReuse()
    {
        await using var room = await Room.OpenAsync(_app);
        var sent = await room.Sam.SendAsync(room.Id, "oops");
        await room.Moderator.Connection.InvokeAsync("RemoveMessage", room.Id, sent.MessageId, "posted by mistake");

        var again = () => room.Moderator.Connection.InvokeAsync("RemoveMessage", room.Id, sent.MessageId, "again");

        (await again.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("already been removed");
        (await room.Sam.SendAsync(room.Id, "next")).Seq.Should().Be(sent.Seq + 1);
        (await room.AuditAsync()).Where(a => a.Action == "message.removed").Should().ContainSingle();
    }
}
