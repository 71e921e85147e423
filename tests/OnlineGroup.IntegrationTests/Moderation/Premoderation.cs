using Microsoft.AspNetCore.SignalR.Client;
using OnlineGroup.IntegrationTests.Infrastructure;
using HubException = Microsoft.AspNetCore.SignalR.HubException;

namespace OnlineGroup.IntegrationTests.Moderation;

public sealed class Premoderation(ModerationApp fixture) : IClassFixture<ModerationApp>
{
    private readonly OnlineGroupApp _app = fixture.App;

    [Fact]
    public async Task AnApprovedMessageReachesEveryoneWithTheNextGapFreeSeq()
    {
        await using var room = await Room.OpenAsync(_app, Room.Premoderated);
        var first = await room.Moderator.SendAsync(room.Id, "Welcome, everyone");
        var held = await room.Sam.SendAsync(room.Id, "can i talk about my week?");
        held.Status.Should().Be("held");
        held.Seq.Should().BeNull("seq is handed out only when a message is published");
        (await room.Moderator.NextAsync<HeldMessage>("MessageHeld")).MessageId.Should().Be(held.MessageId);
        var between = await room.Moderator.SendAsync(room.Id, "Take your time");

        await room.Moderator.Connection.InvokeAsync("ApproveMessage", room.Id, held.MessageId);

        foreach (var client in room.Young)
        {
            var texts = new[] { await client.NextMessageAsync(), await client.NextMessageAsync(), await client.NextMessageAsync() };
            texts.Select(m => (m.Text, m.Seq)).Should().Equal(("Welcome, everyone", 1L), ("Take your time", 2L), ("can i talk about my week?", 3L));
        }

        (await room.Alex.HistoryAsync(room.Id, 0)).Select(m => m.Seq).Should().Equal(1L, 2L, 3L);
        first.Seq.Should().Be(1);
        between.Seq.Should().Be(2);
        (await room.Robin.SendAsync(room.Id, "me next")).Status.Should().Be("held");
    }

    [Fact]
    public async Task UntilApprovedAHeldMessageReachesOnlyStaff()
    {
        await using var room = await Room.OpenAsync(_app, Room.Premoderated);
        await room.Sam.SendAsync(room.Id, "waiting for a moderator");
        (await room.Moderator.NextAsync<HeldMessage>("MessageHeld")).Should().Match<HeldMessage>(h =>
            h.Text == "waiting for a moderator" && h.AuthorName == "Sam" && h.Reason == "premoderated");

        await room.Moderator.SendAsync(room.Id, "sentinel");

        (await room.Alex.NextMessageAsync()).Text.Should().Be("sentinel");
        room.Alex.Drain("MessageHeld").Should().BeEmpty();
        (await room.Alex.HistoryAsync(room.Id, 0)).Select(m => m.Text).Should().Equal("sentinel");
    }

    [Fact]
    public async Task ARejectedMessageIsToldKindlyToItsAuthorOnlyAndNeverToPeers()
    {
        await using var room = await Room.OpenAsync(_app, Room.Premoderated);
        var held = await room.Sam.SendAsync(room.Id, "names a school and a teacher");

        await room.Moderator.Connection.InvokeAsync("RejectMessage", room.Id, held.MessageId, "Identifies a school");

        var notice = await room.Sam.NextAsync<RejectedNotice>("MessageRejected");
        notice.MessageId.Should().Be(held.MessageId);
        notice.Text.Should().Contain("wasn't shared").And.Contain("moderator privately").And.NotContain("Identifies a school",
            "the moderator's reason is for the record, not for the child");
        (await room.Moderator.NextAsync<RemovedNotice>("MessageRemoved")).MessageId.Should().Be(held.MessageId, "it leaves every moderator's queue");
        await room.Moderator.SendAsync(room.Id, "sentinel");
        foreach (var peer in new[] { room.Alex, room.Robin })
        {
            (await peer.NextMessageAsync()).Text.Should().Be("sentinel");
            peer.Drain("MessageRejected").Should().BeEmpty();
            peer.Drain("MessageRemoved").Should().BeEmpty();
        }

        (await room.Moderator.Connection.InvokeAsync<List<HeldMessage>>("GetHeldMessages", room.Id)).Should().BeEmpty();
        var approve = () => room.Moderator.Connection.InvokeAsync("ApproveMessage", room.Id, held.MessageId);
        (await approve.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("already been rejected");
    }

    [Fact]
    public async Task AModeratorWhoJoinsLateSeesTheMessagesStillWaiting()
    {
        await using var room = await Room.OpenAsync(_app, Room.Premoderated);
        var a = await room.Sam.SendAsync(room.Id, "one");
        var b = await room.Alex.SendAsync(room.Id, "two");
        var c = await room.Robin.SendAsync(room.Id, "three");
        await room.Moderator.Connection.InvokeAsync("ApproveMessage", room.Id, b.MessageId);

        await using var late = await room.ModeratorAsync();
        var waiting = await late.Connection.InvokeAsync<List<HeldMessage>>("GetHeldMessages", room.Id);

        waiting.Select(h => h.MessageId).Should().BeEquivalentTo([a.MessageId, c.MessageId]);
        waiting.Should().OnlyContain(h => h.Status == "held");
    }

    [Fact]
    public async Task TwoModeratorsApprovingAtOncePublishItOnce()
    {
        await using var room = await Room.OpenAsync(_app, Room.Premoderated);
        await using var second = await room.ModeratorAsync();
        var held = await room.Sam.SendAsync(room.Id, "just once please");

        var attempts = await Task.WhenAll(
            Attempt(room.Moderator.Connection.InvokeAsync("ApproveMessage", room.Id, held.MessageId)),
            Attempt(second.Connection.InvokeAsync("ApproveMessage", room.Id, held.MessageId)));

        attempts.Count(ok => ok).Should().Be(1);
        await room.Moderator.SendAsync(room.Id, "sentinel");
        (await room.Alex.NextMessageAsync()).Should().Match<Message>(m => m.Text == "just once please" && m.Seq == 1);
        (await room.Alex.NextMessageAsync()).Should().Match<Message>(m => m.Text == "sentinel" && m.Seq == 2);
        (await room.AuditAsync()).Where(e => e.Action == "message.approved").Should().ContainSingle();
    }

    [Fact]
    public async Task ApprovalsAmongAFlowOfMessagesKeepSeqUniqueAndGapFree()
    {
        await using var room = await Room.OpenAsync(_app, Room.Premoderated);
        await using var second = await room.ModeratorAsync();
        var held = new List<string>();
        foreach (var client in room.Young)
        {
            for (var i = 0; i < 3; i++)
            {
                held.Add((await client.SendAsync(room.Id, "held " + i)).MessageId!);
            }
        }

        // Two connections, so approvals and new messages really do reach the writer together.
        var approvals = Task.WhenAll(held.Select(id => room.Moderator.Connection.InvokeAsync("ApproveMessage", room.Id, id)));
        var sends = Task.WhenAll(Enumerable.Range(0, 6).Select(i => second.SendAsync(room.Id, "staff " + i)));
        await Task.WhenAll(approvals, sends);

        var seen = new List<long>();
        for (var i = 0; i < 15; i++)
        {
            seen.Add((await room.Robin.NextMessageAsync()).Seq);
        }

        seen.Should().Equal(Enumerable.Range(1, 15).Select(i => (long)i), "approved messages take their place in one gap-free order");
        (await room.Robin.HistoryAsync(room.Id, 0)).Select(m => m.Seq).Should().Equal(seen);
        (await sends).Select(r => r.Seq!.Value).Should().OnlyHaveUniqueItems().And.BeSubsetOf(seen);
    }

    private static async Task<bool> Attempt(Task call)
    {
        try
        {
            await call;
            return true;
        }
        catch (HubException)
        {
            return false;
        }
    }
}
