using System.Net.Http.Json;
using System.Text.Json;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Safeguarding;

/// <summary>Concerns on PostgreSQL, chosen by configuration alone: raised with the message, re-escalated on time, listed and decided.</summary>
public sealed class ConcernsOnPostgres
{
    [Fact]
    public async Task AConcernIsRaisedReEscalatedListedAndAcknowledgedOnPostgres()
    {
        var database = await TestServices.NewPostgresDatabaseAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = SafeguardingTestApp.Create(webhook: receiver, settings: new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = database,
        });
        var group = await app.LiveGroupAsync(youngPeople: 2);
        var (_, deputyToken) = await app.SafeguardingStaffAsync(group, "deputyLead");
        await using var lead = await ChatClient.ConnectAsync(app, group.LeadToken);
        await using var deputy = await ChatClient.ConnectAsync(app, deputyToken);
        await using var sam = await app.JoinedAsync(group.Young[0].Token, group.GroupId);
        await using var alex = await app.JoinedAsync(group.Young[1].Token, group.GroupId);
        await alex.SendAsync(group.GroupId, "hello");

        var held = await sam.SendAsync(group.GroupId, "[hold][high] on postgres");
        var raised = await lead.NextConcernRaisedAsync();
        (await receiver.NextAcceptedAsync()).ConcernId.Should().Be(raised.ConcernId);
        app.Time.Advance(TimeSpan.FromMinutes(5));
        (await deputy.NextConcernUpdatedAsync()).EscalationLevel.Should().Be(1);
        (await receiver.NextAcceptedAsync()).Event.Should().Be("concern.escalated");

        using var http = app.Http(group.LeadToken);
        var listed = await http.GetFromJsonAsync<List<JsonElement>>("/api/concerns");
        listed!.Single().GetProperty("messageId").GetString().Should().Be(held.MessageId);
        var acknowledged = await (await http.PostAsync($"/api/concerns/{raised.ConcernId}/acknowledge", null)).ReadAsync<JsonElement>();
        acknowledged.GetProperty("concern").GetProperty("status").GetString().Should().Be("acknowledged");
        acknowledged.GetProperty("transcript").EnumerateArray().Select(l => l.GetProperty("text").GetString()).Should().Equal("hello", "[hold][high] on postgres");
        acknowledged.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).Should().Equal("raised", "escalated", "acknowledged");
    }
}
