using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Safeguarding;

/// <summary>
/// The outbox: each concern raised or escalated is POSTed to Safeguarding:WebhookUrl with an
/// Idempotency-Key that is the same on every retry, until the receiver accepts it, across outages and restarts.
/// </summary>
public sealed class ConcernNotifications
{
    [Fact]
    public async Task AFailingReceiverGetsTheSameIdempotencyKeyOnEveryRetryAndAcceptsItOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 2);
        await using var app = SafeguardingTestApp.Create(webhook: receiver);
        var group = await app.LiveGroupAsync(youngPeople: 1);
        await using var lead = await ChatClient.ConnectAsync(app, group.LeadToken);
        await using var sam = await app.JoinedAsync(group.Young[0].Token, group.GroupId);

        await sam.SendAsync(group.GroupId, "[hold][high] i want it to stop");
        var raised = await lead.NextConcernRaisedAsync();
        var accepted = await receiver.NextAcceptedAsync();

        accepted.ConcernId.Should().Be(raised.ConcernId);
        var attempts = receiver.All.ToList();
        attempts.Select(r => r.Status).Should().Equal(503, 503, 200);
        attempts.Select(r => r.IdempotencyKey).Distinct().Should().ContainSingle().Which.Should().NotBeNullOrEmpty();
        attempts.Select(r => r.Body).Distinct().Should().ContainSingle("every retry sends the same notification");

        // Sentinel: the next concern's notification comes next; the first was not sent again.
        await sam.SendAsync(group.GroupId, "[flag] sentinel");
        (await receiver.NextAcceptedAsync()).ConcernId.Should().NotBe(raised.ConcernId);
        receiver.All.Count(r => r.IdempotencyKey == accepted.IdempotencyKey && r.Status == 200).Should().Be(1);
    }

    [Fact]
    public async Task TheNotificationCarriesIdsSeverityAndALinkButNeverTheMessageTextOrNames()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = SafeguardingTestApp.Create(webhook: receiver);
        var group = await app.LiveGroupAsync(youngPeople: 1);
        await using var lead = await ChatClient.ConnectAsync(app, group.LeadToken);
        await using var sam = await app.JoinedAsync(group.Young[0].Token, group.GroupId);

        await sam.SendAsync(group.GroupId, "[block][critical] my secret words");
        var raised = await lead.NextConcernRaisedAsync();
        var received = await receiver.NextAcceptedAsync();

        var json = received.Json;
        json.GetProperty("event").GetString().Should().Be("concern.raised");
        json.GetProperty("concernId").GetString().Should().Be(raised.ConcernId);
        json.GetProperty("groupId").GetString().Should().Be(group.GroupId);
        json.GetProperty("severity").GetString().Should().Be("critical");
        json.GetProperty("categories").EnumerateArray().Select(c => c.GetString()).Should().Equal("test");
        json.GetProperty("escalationLevel").GetInt32().Should().Be(0);
        json.GetProperty("raisedAt").GetDateTimeOffset().Should().Be(raised.RaisedAt);
        json.GetProperty("link").GetString().Should().Be("/safeguarding?concern=" + raised.ConcernId);
        json.GetProperty("notificationId").GetString().Should().Be(received.IdempotencyKey);
        received.Body.Should().NotContain("secret words").And.NotContain("Sam").And.NotContain("Evening group");
        received.Signature.Should().BeNull("no secret is configured");
    }

    [Fact]
    public async Task WithASecretEachNotificationIsSignedSoTheReceiverCanTrustIt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = SafeguardingTestApp.Create(webhook: receiver, settings: new Dictionary<string, string?>
        {
            ["Safeguarding:WebhookSecret"] = "shared-secret-for-tests",
        });
        var group = await app.LiveGroupAsync(youngPeople: 1);
        await using var sam = await app.JoinedAsync(group.Young[0].Token, group.GroupId);

        await sam.SendAsync(group.GroupId, "[flag] x");
        var received = await receiver.NextAcceptedAsync();

        var expected = "sha256=" + Convert.ToHexStringLower(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes("shared-secret-for-tests"), Encoding.UTF8.GetBytes(received.Body)));
        received.Signature.Should().Be(expected);
    }

    [Fact]
    public async Task ANotificationCommittedWhileTheReceiverIsDownArrivesAfterTheServerRestartsOncePerKey()
    {
        var folder = TestPaths.NewFolder("outbox");
        await using var receiver = WebhookReceiver.Reserve(); // down: nothing listens at its address yet
        LiveGroup group;
        string concernId;
        await using (var before = SafeguardingTestApp.Create(dataFolder: folder, webhook: receiver))
        {
            group = await before.LiveGroupAsync(youngPeople: 1);
            await using var lead = await ChatClient.ConnectAsync(before, group.LeadToken);
            await using var sam = await before.JoinedAsync(group.Young[0].Token, group.GroupId);
            (await sam.SendAsync(group.GroupId, "[hold][high] nobody is listening")).Status.Should().Be("held");
            concernId = (await lead.NextConcernRaisedAsync()).ConcernId;
        } // the server stops with the notification committed and undelivered

        await receiver.StartAsync();
        await using var after = SafeguardingTestApp.Create(dataFolder: folder, webhook: receiver);
        _ = after.Services;

        var delivered = await receiver.NextAcceptedAsync();
        delivered.ConcernId.Should().Be(concernId);
        delivered.Event.Should().Be("concern.raised");

        // Sentinel: a new concern after the restart is notified next, and nothing was accepted twice.
        await using var samAgain = await after.JoinedAsync(group.Young[0].Token, group.GroupId);
        await samAgain.SendAsync(group.GroupId, "[flag] after the restart");
        (await receiver.NextAcceptedAsync()).ConcernId.Should().NotBe(concernId);
        receiver.All.Where(r => r.Status == 200).GroupBy(r => r.IdempotencyKey).Should().OnlyContain(g => g.Count() == 1);

        using var http = after.Http(group.LeadToken);
        var detail = await (await http.GetAsync($"/api/concerns/{concernId}")).ReadAsync<JsonElement>();
        var notification = detail.GetProperty("notifications").EnumerateArray().Single();
        notification.GetProperty("deliveredAt").ValueKind.Should().NotBe(JsonValueKind.Null);
    }
}
