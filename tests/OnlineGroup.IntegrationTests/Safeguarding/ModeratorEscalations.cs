using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using OnlineGroup.IntegrationTests.Infrastructure;
using HubException = Microsoft.AspNetCore.SignalR.HubException;

namespace OnlineGroup.IntegrationTests.Safeguarding;

/// <summary>A moderator escalates a message to the group's safeguarding staff.</summary>
public sealed class ModeratorEscalations : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = SafeguardingTestApp.Create();
    private LiveGroup _group = null!;
    private ChatClient _sam = null!;
    private ChatClient _moderator = null!;
    private ChatClient _lead = null!;

    public async Task InitializeAsync()
    {
        _group = await _app.LiveGroupAsync(youngPeople: 1);
        _lead = await ChatClient.ConnectAsync(_app, _group.LeadToken);
        _moderator = await ChatClient.ConnectAsync(_app, _group.ModeratorToken);
        _sam = await _app.JoinedAsync(_group.Young[0].Token, _group.GroupId);
    }

    public async Task DisposeAsync()
    {
        await _sam.DisposeAsync();
        await _moderator.DisposeAsync();
        await _lead.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task AModeratorsEscalationReachesTheLeadWithItsSeverityAndNote()
    {
        var said = await _sam.SendAsync(_group.GroupId, "i have a plan");

        var created = await _moderator.Connection.InvokeAsync<Created>("EscalateMessage", _group.GroupId, said.MessageId, "critical", "Sam mentioned a plan; I am with them in private chat");

        var raised = await _lead.NextConcernRaisedAsync();
        raised.Should().BeEquivalentTo(new { created.ConcernId, Severity = "critical", MessageId = said.MessageId, MemberId = _group.Young[0].MemberId, EscalationLevel = 0 });
        (await _moderator.NextConcernRaisedAsync()).ConcernId.Should().Be(created.ConcernId, "the group's moderators see it too");

        using var http = _app.Http(_group.LeadToken);
        var detail = await (await http.GetAsync($"/api/concerns/{created.ConcernId}")).ReadAsync<JsonElement>();
        detail.GetProperty("concern").GetProperty("source").GetString().Should().Be("moderator");
        var raisedEntry = detail.GetProperty("history")[0];
        raisedEntry.GetProperty("kind").GetString().Should().Be("raised");
        raisedEntry.GetProperty("actorId").GetString().Should().Be(_group.ModeratorId);
        raisedEntry.GetProperty("text").GetString().Should().Contain("a plan");
        _sam.Drain("ConcernRaised").Should().BeEmpty();
    }

    [Fact]
    public async Task AnEscalationNeedsAKnownSeverityAndAModeratorOfThatGroup()
    {
        var said = await _sam.SendAsync(_group.GroupId, "hmm");
        var badSeverity = () => _moderator.Connection.InvokeAsync<Created>("EscalateMessage", _group.GroupId, said.MessageId, "urgent", "");
        (await badSeverity.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("low, medium, high or critical");

        var other = await _app.LiveGroupAsync(youngPeople: 0);
        await using var otherModerator = await ChatClient.ConnectAsync(_app, other.ModeratorToken);
        var notTheirs = () => otherModerator.Connection.InvokeAsync<Created>("EscalateMessage", _group.GroupId, said.MessageId, "high", "");
        (await notTheirs.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("do not moderate this group");

        var young = () => _sam.Connection.InvokeAsync<Created>("EscalateMessage", _group.GroupId, said.MessageId, "high", "");
        (await young.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("unauthorized");

        var sentinel = await _sam.SendAsync(_group.GroupId, "[flag] sentinel");
        (await _lead.NextConcernRaisedAsync()).MessageId.Should().Be(sentinel.MessageId, "none of the refused escalations raised a concern");
    }
}
