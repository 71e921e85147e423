using System.Text.Json;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Safeguarding;

/// <summary>A concern keeps the conversation around it as it stood when it was raised.</summary>
public sealed class ConcernTranscripts
{
    [Fact]
    public async Task TheTranscriptHoldsTheTenVisibleMessagesBeforeItAndItselfFrozenWhenRaised()
    {
        await using var app = SafeguardingTestApp.Create();
        var group = await app.LiveGroupAsync(youngPeople: 2);
        await using var lead = await ChatClient.ConnectAsync(app, group.LeadToken);
        await using var sam = await app.JoinedAsync(group.Young[0].Token, group.GroupId);
        await using var alex = await app.JoinedAsync(group.Young[1].Token, group.GroupId);
        for (var i = 1; i <= 12; i++)
        {
            await alex.SendAsync(group.GroupId, "before " + i);
        }

        await sam.SendAsync(group.GroupId, "[hold] not shown to peers");
        var sent = await sam.SendAsync(group.GroupId, "[flag][high] the one of concern");
        await lead.NextConcernRaisedAsync();
        var raised = await lead.NextConcernRaisedAsync();
        await alex.SendAsync(group.GroupId, "said after it");

        var lines = (await DetailAsync(app, group.LeadToken, raised.ConcernId)).GetProperty("transcript").EnumerateArray().ToList();
        lines.Select(l => l.GetProperty("text").GetString()).Should().Equal(
            Enumerable.Range(3, 10).Select(i => "before " + i).Append("[flag][high] the one of concern"),
            "the last ten visible messages before it (not the held one), then the message itself, and nothing said later");
        lines[^1].GetProperty("ofConcern").GetBoolean().Should().BeTrue();
        lines[^1].GetProperty("messageId").GetString().Should().Be(sent.MessageId);
        lines[^1].GetProperty("seq").GetInt64().Should().Be(sent.Seq!.Value);
        lines[0].GetProperty("authorName").GetString().Should().Be("Alex");
    }

    [Fact]
    public async Task AfterARestartTheTranscriptIsReadFromTheDatabase()
    {
        var folder = TestPaths.NewFolder("transcript");
        LiveGroup group;
        await using (var before = SafeguardingTestApp.Create(dataFolder: folder))
        {
            group = await before.LiveGroupAsync(youngPeople: 2);
            await using var alex = await before.JoinedAsync(group.Young[1].Token, group.GroupId);
            await alex.SendAsync(group.GroupId, "said before the restart");
            await alex.SendAsync(group.GroupId, "and this");
        }

        await using var after = SafeguardingTestApp.Create(dataFolder: folder);
        await using var lead = await ChatClient.ConnectAsync(after, group.LeadToken);
        await using var sam = await after.JoinedAsync(group.Young[0].Token, group.GroupId);
        await sam.SendAsync(group.GroupId, "[flag] first thing after the restart");
        var raised = await lead.NextConcernRaisedAsync();

        (await DetailAsync(after, group.LeadToken, raised.ConcernId)).GetProperty("transcript").EnumerateArray()
            .Select(l => l.GetProperty("text").GetString())
            .Should().Equal("said before the restart", "and this", "[flag] first thing after the restart");
    }

    private static async Task<JsonElement> DetailAsync(OnlineGroupApp app, string token, string concernId)
    {
        using var http = app.Http(token);
        return await (await http.GetAsync($"/api/concerns/{concernId}")).ReadAsync<JsonElement>();
    }
}
