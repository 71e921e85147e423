using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Safeguarding;

/// <summary>A concern's words (the message, a report's reason, staff notes and outcomes) never reach the logs.</summary>
public sealed class ConcernLogHygiene
{
    [Fact]
    public async Task RaisingReportingEscalatingAndResolvingLeaveNoWordsInTheLogs()
    {
        var logs = TestPaths.NewFolder("logs");
        string[] secrets = ["flagged-words-5521", "report-reason-8830", "escalation-note-1193", "lead-note-4417", "outcome-words-2208"];
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 1);
        await using (var app = SafeguardingTestApp.Create(webhook: receiver, settings: new Dictionary<string, string?>
        {
            ["Serilog:WriteTo:0:Args:path"] = Path.Combine(logs, "server-.json"),
            ["Serilog:MinimumLevel:Default"] = "Verbose",
            ["Serilog:MinimumLevel:Override:Microsoft"] = "Debug",
        }))
        {
            var group = await app.LiveGroupAsync(youngPeople: 2);
            await using var lead = await ChatClient.ConnectAsync(app, group.LeadToken);
            await using var moderator = await ChatClient.ConnectAsync(app, group.ModeratorToken);
            await using var sam = await app.JoinedAsync(group.Young[0].Token, group.GroupId);
            await using var alex = await app.JoinedAsync(group.Young[1].Token, group.GroupId);

            var flagged = await sam.SendAsync(group.GroupId, "[flag][high] " + secrets[0]);
            var raised = await lead.NextConcernRaisedAsync();
            await receiver.NextAcceptedAsync();
            await alex.Connection.InvokeAsync<Created>("ReportMessage", group.GroupId, flagged.MessageId, secrets[1]);
            await moderator.Connection.InvokeAsync<Created>("EscalateMessage", group.GroupId, flagged.MessageId, "high", secrets[2]);
            using var http = app.Http(group.LeadToken);
            (await http.PostAsJsonAsync($"/api/concerns/{raised.ConcernId}/notes", new { text = secrets[3] })).EnsureSuccessStatusCode();
            (await http.PostAsJsonAsync($"/api/concerns/{raised.ConcernId}/resolve", new { outcome = secrets[4] })).EnsureSuccessStatusCode();
            (await http.GetAsync($"/api/concerns/{raised.ConcernId}")).EnsureSuccessStatusCode();
            using var staff = app.Http(group.ModeratorToken);
            (await staff.PostAsJsonAsync("/api/safeguarding/scan", new { text = "[hold] " + secrets[0] })).EnsureSuccessStatusCode();
            await receiver.NextAcceptedAsync();
            await receiver.NextAcceptedAsync();
        }

        var lines = Directory.GetFiles(logs, "*.json").SelectMany(File.ReadAllLines).ToList();
        lines.Should().Contain(l => l.Contains("\"Id\":5211,", StringComparison.Ordinal), "the server did log each concern (by id), so silence is not why nothing leaked");
        lines.Should().Contain(l => l.Contains("\"Id\":5204,", StringComparison.Ordinal), "and each notification delivered");
        lines.Where(l => secrets.Any(s => l.Contains(s, StringComparison.Ordinal))).Should().BeEmpty();
    }
}
