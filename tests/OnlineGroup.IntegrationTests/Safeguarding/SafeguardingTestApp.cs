using Microsoft.Extensions.Time.Testing;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Safeguarding;

/// <summary>What clients receive about concerns and support (the contract's payloads).</summary>
public sealed record ConcernPayload(string ConcernId, string GroupId, string Severity, IReadOnlyList<string> Categories, string Status,
    string? MessageId, string? MemberId, DateTimeOffset RaisedAt, int EscalationLevel);

public sealed record Contact(string Name, string? Phone, string? Text, string? Url, string? Hours);

public sealed record SupportOffer(string GroupId, string Text, IReadOnlyList<Contact> SupportContacts);

public sealed record Created(string ConcernId);

/// <summary>The server with the deterministic <see cref="TestScanner"/>, short webhook retry waits, and optionally a receiver.</summary>
public static class SafeguardingTestApp
{
    public static OnlineGroupApp Create(FakeTimeProvider? time = null, string? dataFolder = null, WebhookReceiver? webhook = null,
        IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Safeguarding:Webhook:RetryDelay"] = "00:00:00.020",
            ["Safeguarding:Webhook:AttemptTimeout"] = "00:00:05",
            ["Safeguarding:Webhook:BreakDuration"] = "00:00:01",
        };
        if (webhook is not null)
        {
            all["Safeguarding:WebhookUrl"] = webhook.Url.ToString();
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new OnlineGroupApp(time, dataFolder, all, services: TestScanner.Use);
    }

    public static Task<ConcernPayload> NextConcernRaisedAsync(this ChatClient client) => client.NextAsync<ConcernPayload>("ConcernRaised");

    public static Task<ConcernPayload> NextConcernUpdatedAsync(this ChatClient client) => client.NextAsync<ConcernPayload>("ConcernUpdated");

    /// <summary>A safeguarding account holding the given duty in the group (or none), and its token.</summary>
    public static async Task<(string Id, string Token)> SafeguardingStaffAsync(this OnlineGroupApp app, LiveGroup group, string? duty)
    {
        var (id, token) = await app.StaffAsync(group.AdminToken, "safeguarding");
        if (duty is not null)
        {
            await app.AssignAsync(group.AdminToken, group.GroupId, id, duty);
        }

        return (id, token);
    }

    public static async Task<ChatClient> JoinedAsync(this OnlineGroupApp app, string token, string groupId)
    {
        var client = await ChatClient.ConnectAsync(app, token);
        (await client.JoinAsync(groupId)).Admitted.Should().BeTrue();
        return client;
    }
}
