using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OnlineGroup.IntegrationTests.Infrastructure;
using ChatMetrics = OnlineGroup.Server.Chat.ChatMetrics;

namespace OnlineGroup.IntegrationTests.Chat;

public sealed class Sending : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new();
    private LiveGroup _group = null!;
    private ChatClient _sam = null!;
    private ChatClient _alex = null!;

    public async Task InitializeAsync()
    {
        _group = await _app.LiveGroupAsync(youngPeople: 2);
        _sam = await ChatClient.ConnectAsync(_app, _group.Young[0].Token);
        _alex = await ChatClient.ConnectAsync(_app, _group.Young[1].Token);
        (await _sam.JoinAsync(_group.GroupId)).Admitted.Should().BeTrue();
        (await _alex.JoinAsync(_group.GroupId)).Admitted.Should().BeTrue();
    }

    public async Task DisposeAsync()
    {
        await _sam.DisposeAsync();
        await _alex.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task TwoMembersExchangeMessagesSeeingOnlyDisplayNames()
    {
        var sent = await _sam.SendAsync(_group.GroupId, "hi, is anyone else here tonight?");
        sent.Status.Should().Be("published");
        sent.Seq.Should().Be(1);

        var atAlex = await _alex.NextMessageAsync();
        atAlex.Text.Should().Be("hi, is anyone else here tonight?");
        atAlex.AuthorName.Should().Be("Sam");
        atAlex.AuthorId.Should().Be(_group.Young[0].MemberId, "peers see a member id, never an account or username");
        atAlex.MessageId.Should().Be(sent.MessageId);

        var reply = await _alex.SendAsync(_group.GroupId, "yeah i'm here");
        reply.Seq.Should().Be(2);
        var atSam = await _sam.NextAsync<Message>("MessagePublished");
        atSam.Text.Should().Be("hi, is anyone else here tonight?", "the sender sees their own message broadcast too");
        (await _sam.NextMessageAsync()).Should().Match<Message>(m => m.Text == "yeah i'm here" && m.AuthorName == "Alex" && m.Seq == 2);
    }

    [Fact]
    public async Task AnOperatorCanSeeHowManyMessagesWereStoredInHowManyCommitsAndHowLongTheyWaited()
    {
        // Only this server's meter: other tests' servers run in the same process.
        var factory = _app.Services.GetRequiredService<IMeterFactory>();
        var totals = new Dictionary<string, long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ChatMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => { lock (totals) { totals[instrument.Name] = totals.GetValueOrDefault(instrument.Name) + value; } });
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => { lock (totals) { totals[instrument.Name] = totals.GetValueOrDefault(instrument.Name) + value; } });
        var commitTimes = new List<double>();
        var queueTimes = new List<double>();
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            lock (totals)
            {
                (instrument.Name == "onlinegroup.writer.queue.duration" ? queueTimes : commitTimes).Add(value);
            }
        });
        listener.Start();

        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => _sam.SendAsync(_group.GroupId, $"message {i}")));
        await _sam.SendAsync(_group.GroupId, "message 0", "resent-id");
        await _sam.SendAsync(_group.GroupId, "message 0", "resent-id");

        lock (totals)
        {
            totals["onlinegroup.writer.messages"].Should().Be(6, "a resend is answered from what was stored, not stored again");
            totals["onlinegroup.writer.batch_size"].Should().Be(6);
            totals["onlinegroup.writer.commits"].Should().BeInRange(1, 6);
            commitTimes.Should().HaveCount((int)totals["onlinegroup.writer.commits"], "each commit reports how long it took")
                .And.OnlyContain(seconds => seconds > 0 && seconds < 30);
            queueTimes.Should().HaveCount(7, "every message handed to the writer, resends too, reports how long it waited for it")
                .And.OnlyContain(seconds => seconds >= 0 && seconds < 30);
        }
    }

    [Fact]
    public async Task ResendingTheSameClientMessageIdReturnsTheFirstAnswerAndIsNotBroadcastTwice()
    {
        var first = await _sam.SendAsync(_group.GroupId, "did my message go?", "client-id-1");
        var again = await _sam.SendAsync(_group.GroupId, "did my message go?", "client-id-1");

        again.Should().BeEquivalentTo(first);
        await _sam.SendAsync(_group.GroupId, "sentinel");
        (await _alex.NextMessageAsync()).MessageId.Should().Be(first.MessageId);
        (await _alex.NextMessageAsync()).Text.Should().Be("sentinel", "the resend was not broadcast a second time");
        (await _alex.HistoryAsync(_group.GroupId, 0)).Select(m => m.Text).Should().Equal("did my message go?", "sentinel");
    }

    [Fact]
    public async Task TheSameClientMessageIdWithDifferentTextIsAConflictNotASecondMessage()
    {
        await _sam.SendAsync(_group.GroupId, "first words", "client-id-2");
        var clash = await _sam.SendAsync(_group.GroupId, "other words", "client-id-2");

        clash.Status.Should().Be("rejected");
        clash.Reason.Should().Be("conflict");
        (await _sam.HistoryAsync(_group.GroupId, 0)).Select(m => m.Text).Should().Equal("first words");
    }

    [Fact]
    public async Task BlankAndOverlongMessagesAreRejectedAndNothingIsStored()
    {
        (await _sam.SendAsync(_group.GroupId, "   \n ")).Should().BeEquivalentTo(new SendResult("rejected", null, null, "empty"));
        (await _sam.SendAsync(_group.GroupId, new string('a', 2001))).Should().BeEquivalentTo(new SendResult("rejected", null, null, "tooLong"));
        (await _sam.SendAsync(_group.GroupId, new string('b', 2000))).Status.Should().Be("published");

        (await _sam.HistoryAsync(_group.GroupId, 0)).Should().ContainSingle().Which.Text.Should().HaveLength(2000);
    }

    [Fact]
    public async Task TextIsStoredAndDeliveredExactlyAsTyped()
    {
        const string typed = "<b>not bold</b> & \"quotes\" 'é' 😀\n  two spaces";
        await _sam.SendAsync(_group.GroupId, typed);

        (await _alex.NextMessageAsync()).Text.Should().Be(typed);
        (await _alex.HistoryAsync(_group.GroupId, 0)).Single().Text.Should().Be(typed);
    }

    [Fact]
    public async Task ConcurrentSendersGetUniqueGapFreeSeqDeliveredInOrder()
    {
        var more = new List<ChatClient>();
        for (var i = 0; i < 3; i++)
        {
            var yp = await _app.YoungPersonAsync(_group.AdminToken, _group.GroupId, "Extra" + i);
            var client = await ChatClient.ConnectAsync(_app, yp.Token);
            await client.JoinAsync(_group.GroupId);
            more.Add(client);
        }

        var senders = more.Append(_sam).ToList();
        var answers = await Task.WhenAll(senders.SelectMany(c => Enumerable.Range(0, 15).Select(i => c.SendAsync(_group.GroupId, "msg " + i))));

        answers.Select(a => a.Seq!.Value).Order().Should().Equal(Enumerable.Range(1, 60).Select(i => (long)i));
        var received = new List<long>();
        for (var i = 0; i < 60; i++)
        {
            received.Add((await _alex.NextMessageAsync()).Seq);
        }

        received.Should().Equal(Enumerable.Range(1, 60).Select(i => (long)i), "broadcasts go out in commit order");
        foreach (var client in more)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task ResendsAmongABusyFlowGetTheirFirstAnswersAndNothingIsStoredTwice()
    {
        // A reconnecting phone resends what it never saw answered while others keep talking: the writer
        // commits the new messages of the same batch and answers each resend as first stored.
        var senders = new List<ChatClient> { _sam };
        for (var i = 0; i < 3; i++)
        {
            var yp = await _app.YoungPersonAsync(_group.AdminToken, _group.GroupId, "Busy" + i);
            var client = await ChatClient.ConnectAsync(_app, yp.Token);
            await client.JoinAsync(_group.GroupId);
            senders.Add(client);
        }

        var first = await Task.WhenAll(senders.SelectMany((c, k) => Enumerable.Range(0, 5).Select(i => c.SendAsync(_group.GroupId, $"first {k}.{i}", $"id-{k}-{i}"))));
        var second = await Task.WhenAll(senders.SelectMany((c, k) => Enumerable.Range(0, 5).SelectMany(i => new[]
        {
            c.SendAsync(_group.GroupId, $"first {k}.{i}", $"id-{k}-{i}"),
            c.SendAsync(_group.GroupId, $"second {k}.{i}", $"new-{k}-{i}"),
        })));
        var clash = await _alex.SendAsync(_group.GroupId, "my words", "alex-1");
        var clashAgain = await _alex.SendAsync(_group.GroupId, "other words", "alex-1");

        var resent = second.Where((_, i) => i % 2 == 0).ToList();
        resent.Should().BeEquivalentTo(first, o => o.WithStrictOrdering(), "each resend is answered as it was first stored");
        second.Where((_, i) => i % 2 == 1).Select(a => a.Seq!.Value).Order().Should().Equal(Enumerable.Range(21, 20).Select(i => (long)i));
        clash.Seq.Should().Be(41);
        clashAgain.Should().BeEquivalentTo(new SendResult("rejected", null, null, "conflict"));

        var history = await _alex.HistoryAsync(_group.GroupId, 0);
        history.Select(m => m.Seq).Should().Equal(Enumerable.Range(1, 41).Select(i => (long)i));
        history.Select(m => m.Text).Should().OnlyHaveUniqueItems();
        var broadcast = new List<long>();
        for (var i = 0; i < 41; i++)
        {
            broadcast.Add((await _alex.NextMessageAsync()).Seq);
        }

        await _sam.SendAsync(_group.GroupId, "sentinel");
        (await _alex.NextMessageAsync()).Text.Should().Be("sentinel", "no resend was broadcast a second time");
        broadcast.Should().Equal(Enumerable.Range(1, 41).Select(i => (long)i));
        foreach (var client in senders.Skip(1))
        {
            await client.DisposeAsync();
        }
    }
}
