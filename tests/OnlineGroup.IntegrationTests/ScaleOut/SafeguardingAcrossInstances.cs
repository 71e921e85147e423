using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnlineGroup.IntegrationTests.Infrastructure;
using OnlineGroup.IntegrationTests.Safeguarding;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Safeguarding;
using Xunit.Abstractions;

namespace OnlineGroup.IntegrationTests.ScaleOut;

/// <summary>
/// Safeguarding on two instances: a concern raised on one reaches leads on the other once; each outbound
/// notification is posted by one instance (claimed, with a lease another instance takes over when it runs
/// out); a missed deadline is re-escalated once although every instance watches it.
/// </summary>
public sealed class SafeguardingAcrossInstances(ITestOutputHelper output)
{
    [Fact]
    public async Task AConcernRaisedOnOneInstanceReachesALeadConnectedOnlyToTheOtherExactlyOnce()
    {
        // The real scan, as shipped.
        await using var cluster = await Cluster.StartAsync();
        var group = await cluster.A.LiveGroupAsync(youngPeople: 1);
        await using var lead = await ChatClient.ConnectAsync(cluster.A, group.LeadToken); // connected only, never joins
        await using var sam = await cluster.B.JoinedAsync(group.Young[0].Token, group.GroupId);

        var worry = await sam.SendAsync(group.GroupId, "I want to die");

        var raised = await lead.NextConcernRaisedAsync();
        raised.Should().BeEquivalentTo(new { GroupId = group.GroupId, MessageId = worry.MessageId, MemberId = group.Young[0].MemberId, Status = "raised", EscalationLevel = 0 });
        // Sentinel: the next concern is the next event the lead hears of; the first did not come twice.
        var again = await sam.SendAsync(group.GroupId, "honestly I want to die");
        (await lead.NextConcernRaisedAsync()).MessageId.Should().Be(again.MessageId);
    }

    [Fact]
    public async Task EachNotificationIsPostedOnceWhileBothInstancesDeliverTheSharedOutbox()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var cluster = await Cluster.StartAsync(Webhook(receiver.Url), services: TestScanner.Use);
        var group = await cluster.A.LiveGroupAsync(youngPeople: 4);
        var young = new List<ChatClient>();
        for (var i = 0; i < 4; i++)
        {
            young.Add(await (i % 2 == 0 ? cluster.A : cluster.B).JoinedAsync(group.Young[i].Token, group.GroupId));
        }

        try
        {
            // Twenty worries at once, half on each instance: each commit wakes its instance's outbox, whose pass
            // also finds the rows the other instance has just committed.
            var sent = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => young[i % 4].SendAsync(group.GroupId, $"[flag] worry {i}")));
            sent.Should().OnlyContain(s => s.Status == "published");
            var concerns = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < 20; i++)
            {
                concerns.Add((await receiver.NextAcceptedAsync()).ConcernId);
            }

            // Sentinels from each instance, after every pass that could still be sending a twin.
            await young[0].SendAsync(group.GroupId, "[flag] sentinel on A");
            await young[1].SendAsync(group.GroupId, "[flag] sentinel on B");
            await receiver.NextAcceptedAsync();
            await receiver.NextAcceptedAsync();

            concerns.Should().HaveCount(20);
            receiver.All.Should().HaveCount(22, "each notification was posted once, by one instance")
                .And.OnlyContain(r => r.Status == 200 && !r.Repeat);
            await using var db = await cluster.B.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            var byInstance = await db.ConcernNotifications.GroupBy(n => n.ClaimedBy).Select(g => g.Count()).ToListAsync();
            output.WriteLine($"notifications delivered per instance: {string.Join(", ", byInstance)}");
        }
        finally
        {
            foreach (var client in young)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ANotificationOnTheWireWhenItsInstanceIsStoppedIsDeliveredByTheOther()
    {
        await using var receiver = await HoldingReceiver.StartAsync();
        await using var cluster = await Cluster.StartAsync(Webhook(receiver.Url), services: TestScanner.Use);
        var group = await cluster.A.LiveGroupAsync(youngPeople: 1);
        await using var lead = await ChatClient.ConnectAsync(cluster.B, group.LeadToken);
        await using var sam = await cluster.A.JoinedAsync(group.Young[0].Token, group.GroupId);
        await sam.SendAsync(group.GroupId, "[hold] the receiver is slow tonight");
        var raised = await lead.NextConcernRaisedAsync();
        var key = await receiver.Held; // A claimed the notification and is waiting for the receiver's answer

        await cluster.StopAAsync(); // A gives up on the answer after its grace and hands the row back
        await receiver.Abandoned;
        cluster.Time.Advance(TimeSpan.FromSeconds(5)); // B's next poll, well inside A's lease

        var delivered = await receiver.NextAcceptedAsync();
        delivered.ConcernId.Should().Be(raised.ConcernId);
        delivered.IdempotencyKey.Should().Be(key, "it is the same notification, so a receiver that did act on the first POST drops it");
    }

    [Fact]
    public async Task AClaimHeldByAnInstanceThatStoppedAnsweringIsTakenOverWhenItsLeaseRunsOut()
    {
        await using var receiver = await HoldingReceiver.StartAsync();
        // A long attempt timeout: A stays on the wire, as an instance that froze or lost its network would.
        await using var cluster = await Cluster.StartAsync(Webhook(receiver.Url, attemptTimeout: "00:01:00"), services: TestScanner.Use);
        var group = await cluster.A.LiveGroupAsync(youngPeople: 2);
        await using var lead = await ChatClient.ConnectAsync(cluster.B, group.LeadToken);
        await using var sam = await cluster.A.JoinedAsync(group.Young[0].Token, group.GroupId);
        await using var alex = await cluster.B.JoinedAsync(group.Young[1].Token, group.GroupId);
        await sam.SendAsync(group.GroupId, "[hold] first, on A");
        var first = await lead.NextConcernRaisedAsync();
        var key = await receiver.Held;

        await alex.SendAsync(group.GroupId, "[flag] second, on B");
        var second = await lead.NextConcernRaisedAsync();
        (await receiver.NextAcceptedAsync()).ConcernId.Should().Be(second.ConcernId, "B leaves alone a row that A's claim still covers");

        var lease = cluster.B.Services.GetRequiredService<ConcernOutbox>().ClaimLease;
        cluster.Time.Advance(lease + TimeSpan.FromSeconds(5));

        var takenOver = await receiver.NextAcceptedAsync();
        takenOver.ConcernId.Should().Be(first.ConcernId);
        takenOver.IdempotencyKey.Should().Be(key);
    }

    [Fact]
    public async Task AnOverdueConcernIsReEscalatedOnceAlthoughBothInstancesWatchItsDeadline()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // A deadline shorter than the outbox's claim lease: the clock jumps by less than a lease at a time, so an
        // instance recording a delivery the receiver has just accepted is never overtaken by the other (a jump past
        // the lease is the "instance stopped answering" case, tested above).
        var settings = Webhook(receiver.Url);
        settings["Safeguarding:AcknowledgeWithin"] = "00:01:00";
        await using var cluster = await Cluster.StartAsync(settings, services: TestScanner.Use);
        var group = await cluster.A.LiveGroupAsync(youngPeople: 1);
        var (_, deputyToken) = await cluster.A.SafeguardingStaffAsync(group, "deputyLead");
        await using var lead = await ChatClient.ConnectAsync(cluster.A, group.LeadToken);
        await using var deputy = await ChatClient.ConnectAsync(cluster.A, deputyToken);
        await using var sam = await cluster.B.JoinedAsync(group.Young[0].Token, group.GroupId);
        await sam.SendAsync(group.GroupId, "[hold][high] nobody has answered me");
        var raised = await lead.NextConcernRaisedAsync();
        (await receiver.NextAcceptedAsync()).Event.Should().Be("concern.raised");

        cluster.Time.Advance(TimeSpan.FromMinutes(1)); // both instances' deadline checks find it overdue at the same tick

        (await deputy.NextConcernUpdatedAsync()).EscalationLevel.Should().Be(1);
        (await receiver.NextAcceptedAsync()).Should().Match<Received>(r => r.Event == "concern.escalated" && r.EscalationLevel == 1);
        cluster.Time.Advance(TimeSpan.FromMinutes(1));
        (await deputy.NextConcernUpdatedAsync()).EscalationLevel.Should().Be(2, "level 1 reached the deputy once, so the next update is level 2");
        (await receiver.NextAcceptedAsync()).EscalationLevel.Should().Be(2);

        using var http = cluster.B.Http(group.LeadToken);
        var detail = await (await http.GetAsync($"/api/concerns/{raised.ConcernId}")).ReadAsync<JsonElement>();
        detail.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).Should().Equal("raised", "escalated", "escalated");
        // Three notifications, each accepted once. The test's clock passes a claim's lease (two jumps of a minute)
        // within milliseconds, so an instance that had the receiver's 200 but had not yet recorded it can be
        // overtaken and the other posts it again: under the same Idempotency-Key, which the receiver drops (CI at
        // d2f79a2 saw this once for concern.raised). A second escalation would carry a new key and fail here.
        var accepted = receiver.All.Where(r => !r.Repeat).ToList();
        accepted.Select(r => (r.Event, r.EscalationLevel)).Should().Equal(("concern.raised", 0), ("concern.escalated", 1), ("concern.escalated", 2));
        receiver.All.Where(r => r.Repeat && !accepted.Exists(a => a.IdempotencyKey == r.IdempotencyKey)).Should().BeEmpty();
    }

    private static Dictionary<string, string?> Webhook(Uri url, string attemptTimeout = "00:00:05") => new()
    {
        ["Safeguarding:WebhookUrl"] = url.ToString(),
        ["Safeguarding:Webhook:RetryDelay"] = "00:00:00.020",
        ["Safeguarding:Webhook:AttemptTimeout"] = attemptTimeout,
        ["Safeguarding:Webhook:BreakDuration"] = "00:00:01",
    };
}
