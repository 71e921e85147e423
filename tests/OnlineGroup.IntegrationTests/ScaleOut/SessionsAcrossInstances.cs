using Microsoft.Extensions.Time.Testing;
using OnlineGroup.IntegrationTests.Infrastructure;
using OnlineGroup.IntegrationTests.Schedule;
using static OnlineGroup.IntegrationTests.Schedule.ScheduleTesting;

namespace OnlineGroup.IntegrationTests.ScaleOut;

/// <summary>Opening times on two instances: Quartz's clustered store runs each group's clock once, wherever it runs.</summary>
public sealed class SessionsAcrossInstances
{
    // Tuesday 12 January 2027, half an hour before a Tuesday 18:00 to 20:00 session (London is on UTC in winter).
    private static readonly DateTimeOffset Start = T("2027-01-12T17:30Z");

    [Fact]
    public async Task ASessionOpensAndClosesOnceWithPeopleOnBothInstances()
    {
        await using var cluster = await Cluster.StartAsync(now: Start);
        var group = await cluster.A.LiveGroupAsync(youngPeople: 1, open: false);
        await cluster.A.PutWeeklyAsync(group.ModeratorToken, group.GroupId, new { day = "Tuesday", start = "18:00", end = "20:00" });
        await using var moderator = await ChatClient.ConnectAsync(cluster.A, group.ModeratorToken);
        await moderator.JoinAsync(group.GroupId);
        await Cluster.ModeratorsPresentAsync(cluster.B, group.GroupId, 1);
        await using var sam = await ChatClient.ConnectAsync(cluster.B, group.Young[0].Token);
        (await sam.JoinAsync(group.GroupId)).Reason.Should().Be("closed");

        cluster.Time.Advance(TimeSpan.FromMinutes(30));
        await sam.NextStateAsync("open");
        (await sam.JoinAsync(group.GroupId)).Admitted.Should().BeTrue("the moderator on the other instance is present");
        (await sam.SendAsync(group.GroupId, "hi")).Status.Should().Be("published");

        cluster.Time.Advance(TimeSpan.FromHours(2));
        await NextWhileTheClockRunsAsync<SessionClosed>(sam, "SessionClosed", cluster.Time);
        await sam.NextStateAsync("closed");
        (await moderator.SendAsync(group.GroupId, "thanks all")).Status.Should().Be("published");
        (await sam.NextMessageAsync()).Text.Should().Be("hi");
        (await sam.NextMessageAsync()).Text.Should().Be("thanks all");

        sam.Drain("SessionClosed").Should().BeEmpty("the close was announced once, not once per instance");
        var audit = await cluster.B.AuditAsync(group.AdminToken, group.GroupId);
        audit.Select(a => a.Action).Where(a => a.StartsWith("session.", StringComparison.Ordinal))
            .Should().Equal(["session.opened", "session.closed"], "each open and close is recorded once in the cluster");
    }

    [Fact]
    public async Task WhenTheInstanceThatSetTheSessionStopsTheOtherStillClosesIt()
    {
        await using var cluster = await Cluster.StartAsync(now: Start);
        var group = await cluster.A.LiveGroupAsync(youngPeople: 1, open: false);
        await cluster.A.PutWeeklyAsync(group.ModeratorToken, group.GroupId, new { day = "Tuesday", start = "18:00", end = "20:00" });
        await using var moderator = await ChatClient.ConnectAsync(cluster.B, group.ModeratorToken);
        await moderator.JoinAsync(group.GroupId);
        await using var sam = await ChatClient.ConnectAsync(cluster.B, group.Young[0].Token);
        await sam.JoinAsync(group.GroupId);

        await cluster.StopAAsync();

        cluster.Time.Advance(TimeSpan.FromMinutes(30));
        await sam.NextStateAsync("open");
        cluster.Time.Advance(TimeSpan.FromHours(2));
        (await NextWhileTheClockRunsAsync<SessionClosed>(sam, "SessionClosed", cluster.Time)).GroupId.Should().Be(group.GroupId);
        var audit = await cluster.B.AuditAsync(group.AdminToken, group.GroupId);
        audit.Select(a => a.Action).Where(a => a.StartsWith("session.", StringComparison.Ordinal))
            .Should().Equal("session.opened", "session.closed");
    }

    /// <summary>
    /// Waits for an event while the fake clock keeps moving, five minutes every half second, as real time
    /// would. One jump is not enough: Quartz's scheduler thread on the other instance may have read the
    /// clock just before the jump and set its wait after it, and then sleeps until a moment the jump had
    /// already passed (seen on CI: after the jump the other instance fired nothing for 60 s).
    /// </summary>
    private static async Task<T> NextWhileTheClockRunsAsync<T>(ChatClient client, string eventName, FakeTimeProvider time)
    {
        var next = client.NextAsync<T>(eventName, TimeSpan.FromSeconds(60));
        while (await Task.WhenAny(next, Task.Delay(TimeSpan.FromMilliseconds(500))) != next)
        {
            time.Advance(TimeSpan.FromMinutes(5));
        }

        return await next;
    }
}
