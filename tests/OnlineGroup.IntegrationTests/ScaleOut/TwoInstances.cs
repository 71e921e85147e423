using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OnlineGroup.IntegrationTests.Infrastructure;
using OnlineGroup.IntegrationTests.Moderation;
using StackExchange.Redis;

namespace OnlineGroup.IntegrationTests.ScaleOut;

/// <summary>Two instances behind one proxy: people on different instances are in the same group.</summary>
public sealed class TwoInstances
{
    [Fact]
    public async Task AModeratorOnOneInstanceAndAYoungPersonOnTheOtherTalkBothWays()
    {
        await using var cluster = await Cluster.StartAsync();
        var group = await cluster.A.LiveGroupAsync(youngPeople: 1);
        await using var moderator = await ChatClient.ConnectAsync(cluster.A, group.ModeratorToken);
        await moderator.JoinAsync(group.GroupId);
        await Cluster.ModeratorsPresentAsync(cluster.B, group.GroupId, 1);

        await using var sam = await ChatClient.ConnectAsync(cluster.B, group.Young[0].Token);
        (await sam.JoinAsync(group.GroupId)).Admitted.Should().BeTrue();

        (await moderator.SendAsync(group.GroupId, "Welcome, Sam")).Status.Should().Be("published");
        (await sam.NextMessageAsync()).Text.Should().Be("Welcome, Sam");
        (await sam.SendAsync(group.GroupId, "hi, thanks")).Status.Should().Be("published");
        (await moderator.NextMessageAsync()).Text.Should().Be("Welcome, Sam");
        (await moderator.NextMessageAsync()).Should().Match<Message>(m => m.Text == "hi, thanks" && m.Seq == 2);
    }

    [Fact]
    public async Task WhenTheModeratorLeavesTheOtherInstanceNoLongerCountsThem()
    {
        await using var cluster = await Cluster.StartAsync();
        var group = await cluster.A.LiveGroupAsync(youngPeople: 0);
        var moderator = await ChatClient.ConnectAsync(cluster.A, group.ModeratorToken);
        await moderator.JoinAsync(group.GroupId);
        await Cluster.ModeratorsPresentAsync(cluster.B, group.GroupId, 1);

        await moderator.DisposeAsync();

        await Cluster.ModeratorsPresentAsync(cluster.B, group.GroupId, 0);
    }

    [Fact]
    public async Task AModeratorOnAnInstanceThatStopsAnsweringStopsCountingAfterTheExpiry()
    {
        await using var cluster = await Cluster.StartAsync(new Dictionary<string, string?>
        {
            ["ScaleOut:Heartbeat"] = "00:00:01",
            ["ScaleOut:InstanceExpiry"] = "00:00:02",
        });
        var group = await cluster.A.LiveGroupAsync(youngPeople: 0);

        // A third instance that crashed without saying goodbye: its presence and a heartbeat that is not renewed.
        var redis = cluster.B.Services.GetRequiredService<IConnectionMultiplexer>();
        var crashed = "crashed-" + Guid.NewGuid().ToString("N");
        await redis.GetDatabase().StringSetAsync("onlinegroup:instance:" + crashed, "1", TimeSpan.FromSeconds(2));
        await redis.GetDatabase().HashSetAsync("onlinegroup:presence:" + group.GroupId, crashed, group.ModeratorId);
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal("onlinegroup:presence"), group.GroupId + "|" + crashed);
        await Cluster.ModeratorsPresentAsync(cluster.B, group.GroupId, 1);

        await Cluster.ModeratorsPresentAsync(cluster.B, group.GroupId, 0);
    }

    [Fact]
    public async Task APauseOnOneInstanceStopsYoungPeopleOnTheOtherAndResumingLetsThemBackIn()
    {
        await using var cluster = await Cluster.StartAsync();
        var group = await cluster.A.LiveGroupAsync(youngPeople: 2);
        await using var moderator = await ChatClient.ConnectAsync(cluster.A, group.ModeratorToken);
        await moderator.JoinAsync(group.GroupId);
        await Cluster.ModeratorsPresentAsync(cluster.B, group.GroupId, 1);
        await using var sam = await ChatClient.ConnectAsync(cluster.B, group.Young[0].Token);
        await using var alex = await ChatClient.ConnectAsync(cluster.A, group.Young[1].Token);
        await sam.JoinAsync(group.GroupId);
        await alex.JoinAsync(group.GroupId);
        // Sam's instance has read the group's moderation state (not paused) and keeps it in memory.
        (await sam.SendAsync(group.GroupId, "before")).Status.Should().Be("published");

        await moderator.Connection.InvokeAsync("PauseGroup", group.GroupId, "a break");

        (await sam.NextAsync<GroupState>("GroupStateChanged")).State.Should().Be("paused");
        (await sam.SendAsync(group.GroupId, "during the pause")).Should().BeEquivalentTo(new SendResult("rejected", null, null, "paused"));

        await moderator.Connection.InvokeAsync("ResumeGroup", group.GroupId);

        (await sam.NextAsync<GroupState>("GroupStateChanged")).State.Should().Be("open");
        (await sam.SendAsync(group.GroupId, "after")).Status.Should().Be("published");
        (await alex.NextMessageAsync()).Text.Should().Be("before");
        (await alex.NextMessageAsync()).Text.Should().Be("after", "nothing sent during the pause reached anyone");
    }

    [Fact]
    public async Task AMessageRemovedOnOneInstanceDisappearsForPeopleOnTheOther()
    {
        await using var cluster = await Cluster.StartAsync();
        var group = await cluster.A.LiveGroupAsync(youngPeople: 2);
        await using var moderator = await ChatClient.ConnectAsync(cluster.B, group.ModeratorToken);
        await moderator.JoinAsync(group.GroupId);
        await Cluster.ModeratorsPresentAsync(cluster.A, group.GroupId, 1);
        await using var sam = await ChatClient.ConnectAsync(cluster.A, group.Young[0].Token);
        await using var alex = await ChatClient.ConnectAsync(cluster.A, group.Young[1].Token);
        await sam.JoinAsync(group.GroupId);
        await alex.JoinAsync(group.GroupId);
        var hurtful = await sam.SendAsync(group.GroupId, "something unkind");
        (await moderator.NextMessageAsync()).MessageId.Should().Be(hurtful.MessageId);

        await moderator.Connection.InvokeAsync("RemoveMessage", group.GroupId, hurtful.MessageId, "Unkind about another member");

        (await alex.NextAsync<RemovedNotice>("MessageRemoved")).Should().Be(new RemovedNotice(group.GroupId, hurtful.MessageId!));
        (await alex.HistoryAsync(group.GroupId, 0)).Should().NotContain(m => m.MessageId == hurtful.MessageId);
    }

    [Fact]
    public async Task AMuteOnOneInstanceSilencesTheMemberOnTheOtherAtOnce()
    {
        await using var cluster = await Cluster.StartAsync();
        var group = await cluster.A.LiveGroupAsync(youngPeople: 1);
        await using var moderator = await ChatClient.ConnectAsync(cluster.A, group.ModeratorToken);
        await moderator.JoinAsync(group.GroupId);
        await Cluster.ModeratorsPresentAsync(cluster.B, group.GroupId, 1);
        await using var sam = await ChatClient.ConnectAsync(cluster.B, group.Young[0].Token);
        await sam.JoinAsync(group.GroupId);
        (await sam.SendAsync(group.GroupId, "before")).Status.Should().Be("published");

        await moderator.Connection.InvokeAsync("MuteMember", group.GroupId, group.Young[0].MemberId, 10, "cool off");

        await sam.NextAsync<System.Text.Json.JsonElement>("Muted");
        (await sam.SendAsync(group.GroupId, "muted?")).Should().BeEquivalentTo(new SendResult("rejected", null, null, "muted"));
    }

    [Fact]
    public async Task SlowModeHoldsOnePersonToOneMessageAWindowAcrossBothInstances()
    {
        await using var cluster = await Cluster.StartAsync();
        var group = await cluster.A.LiveGroupAsync(youngPeople: 1);
        await using var moderator = await ChatClient.ConnectAsync(cluster.A, group.ModeratorToken);
        await moderator.JoinAsync(group.GroupId);
        // One young person in two tabs that the proxy sent to different instances.
        await using var onA = await ChatClient.ConnectAsync(cluster.A, group.Young[0].Token);
        await using var onB = await ChatClient.ConnectAsync(cluster.B, group.Young[0].Token);
        await onA.JoinAsync(group.GroupId);
        await onB.JoinAsync(group.GroupId);

        await moderator.Connection.InvokeAsync("SetSlowMode", group.GroupId, 30);

        (await onA.SendAsync(group.GroupId, "first")).Status.Should().Be("published");
        (await onB.SendAsync(group.GroupId, "second, from the other tab")).Should().BeEquivalentTo(new SendResult("rejected", null, null, "slowMode"));
        cluster.Time.Advance(TimeSpan.FromSeconds(30));
        (await onB.SendAsync(group.GroupId, "after the wait")).Status.Should().Be("published");
    }

    [Fact]
    public async Task AResendThatReachesTheOtherInstanceGetsTheFirstAnswerAndIsNotPostedTwice()
    {
        await using var cluster = await Cluster.StartAsync();
        var group = await cluster.A.LiveGroupAsync(youngPeople: 2);
        await using var alex = await ChatClient.ConnectAsync(cluster.A, group.Young[1].Token);
        await alex.JoinAsync(group.GroupId);
        await using var sam = await ChatClient.ConnectAsync(cluster.A, group.Young[0].Token);
        await sam.JoinAsync(group.GroupId);
        var first = await sam.SendAsync(group.GroupId, "did this send?", "phone-1");

        // The phone lost its connection before the answer and reconnected through the proxy to B.
        await using var samAgain = await ChatClient.ConnectAsync(cluster.B, group.Young[0].Token);
        await samAgain.JoinAsync(group.GroupId);
        var resend = await samAgain.SendAsync(group.GroupId, "did this send?", "phone-1");

        resend.Should().BeEquivalentTo(first);
        await samAgain.SendAsync(group.GroupId, "sentinel");
        (await alex.NextMessageAsync()).Text.Should().Be("did this send?");
        (await alex.NextMessageAsync()).Text.Should().Be("sentinel", "the resend was not posted again");
        (await alex.HistoryAsync(group.GroupId, 0)).Select(m => m.Text).Should().Equal("did this send?", "sentinel");
    }

    [Fact]
    public async Task ConcurrentSendersOnBothInstancesGetUniqueGapFreeSeq()
    {
        await using var cluster = await Cluster.StartAsync();
        var group = await cluster.A.LiveGroupAsync(youngPeople: 4);
        var clients = new List<ChatClient>();
        for (var i = 0; i < 4; i++)
        {
            var client = await ChatClient.ConnectAsync(i % 2 == 0 ? cluster.A : cluster.B, group.Young[i].Token);
            (await client.JoinAsync(group.GroupId)).Admitted.Should().BeTrue();
            clients.Add(client);
        }

        try
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => clients[i % 4].SendAsync(group.GroupId, "m" + i)));

            answers.Should().OnlyContain(a => a.Status == "published");
            answers.Select(a => a.Seq!.Value).Order().Should().Equal(Enumerable.Range(1, 60).Select(i => (long)i));
            var seen = new List<long>();
            for (var i = 0; i < 60; i++)
            {
                seen.Add((await clients[1].NextMessageAsync()).Seq);
            }

            // Each instance publishes its own commits in seq order, but the two streams interleave as Redis
            // delivers them: a client orders by seq (the web client's timeline does), it never misses or repeats one.
            seen.Order().Should().Equal(Enumerable.Range(1, 60).Select(i => (long)i), "a client on B gets every message from both instances exactly once");
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }
}
