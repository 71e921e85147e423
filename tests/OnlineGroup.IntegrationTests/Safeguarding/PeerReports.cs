using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using OnlineGroup.IntegrationTests.Infrastructure;
using HubException = Microsoft.AspNetCore.SignalR.HubException;

namespace OnlineGroup.IntegrationTests.Safeguarding;

/// <summary>"I'm worried about someone": a young person reports a message; the one reported never learns who.</summary>
public sealed class PeerReports : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = SafeguardingTestApp.Create();
    private LiveGroup _group = null!;
    private ChatClient _sam = null!;
    private ChatClient _alex = null!;
    private ChatClient _lead = null!;

    public async Task InitializeAsync()
    {
        _group = await _app.LiveGroupAsync(youngPeople: 2);
        _lead = await ChatClient.ConnectAsync(_app, _group.LeadToken);
        _sam = await _app.JoinedAsync(_group.Young[0].Token, _group.GroupId);
        _alex = await _app.JoinedAsync(_group.Young[1].Token, _group.GroupId);
    }

    public async Task DisposeAsync()
    {
        await _sam.DisposeAsync();
        await _alex.DisposeAsync();
        await _lead.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task AReportReachesTheLeadAndTheReportedYoungPersonHearsNothing()
    {
        var said = await _sam.SendAsync(_group.GroupId, "nobody would notice if i was gone");
        await _alex.NextMessageAsync();

        var report = await _alex.Connection.InvokeAsync<Created>("ReportMessage", _group.GroupId, said.MessageId, "I'm worried about Sam");

        var raised = await _lead.NextConcernRaisedAsync();
        raised.ConcernId.Should().Be(report.ConcernId);
        raised.MessageId.Should().Be(said.MessageId);
        raised.MemberId.Should().Be(_group.Young[0].MemberId, "the concern is about Sam");
        raised.Severity.Should().Be("high", "a young person's worry about another carries the acknowledgement deadline");
        raised.Categories.Should().Equal("peerReport");

        // Sentinel: anything sent to Sam about the report would have arrived before this message.
        await _alex.SendAsync(_group.GroupId, "sentinel");
        (await _sam.NextMessageAsync()).Text.Should().Be("nobody would notice if i was gone");
        (await _sam.NextMessageAsync()).Text.Should().Be("sentinel");
        foreach (var kind in new[] { "ConcernRaised", "ConcernUpdated", "SupportOffered", "PrivateMessage", "MessageRemoved" })
        {
            _sam.Drain(kind).Should().BeEmpty($"Sam is told nothing of the report ({kind})");
        }
    }

    [Fact]
    public async Task OnlyStaffSeeWhoReportedAndWhy()
    {
        var said = await _sam.SendAsync(_group.GroupId, "i can't cope");
        var report = await _alex.Connection.InvokeAsync<Created>("ReportMessage", _group.GroupId, said.MessageId, "worried");

        using var lead = _app.Http(_group.LeadToken);
        var detail = await (await lead.GetAsync($"/api/concerns/{report.ConcernId}")).ReadAsync<JsonElement>();
        detail.GetProperty("raisedBy").GetProperty("memberId").GetString().Should().Be(_group.Young[1].MemberId);
        detail.GetProperty("raisedBy").GetProperty("displayName").GetString().Should().Be("Alex");
        detail.GetProperty("reportReason").GetString().Should().Be("worried");

        using var sam = _app.Http(_group.Young[0].Token);
        (await sam.GetAsync($"/api/concerns/{report.ConcernId}")).StatusCode.Should().Be(System.Net.HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ReportingTheSameMessageAgainAnswersTheSameConcern()
    {
        var said = await _sam.SendAsync(_group.GroupId, "whatever");
        var first = await _alex.Connection.InvokeAsync<Created>("ReportMessage", _group.GroupId, said.MessageId, "");
        var again = await _alex.Connection.InvokeAsync<Created>("ReportMessage", _group.GroupId, said.MessageId, "still worried");

        again.ConcernId.Should().Be(first.ConcernId);
        var sentinel = await _sam.SendAsync(_group.GroupId, "[flag] sentinel");
        (await _lead.NextConcernRaisedAsync()).ConcernId.Should().Be(first.ConcernId);
        (await _lead.NextConcernRaisedAsync()).MessageId.Should().Be(sentinel.MessageId, "the second report raised nothing new");
    }

    [Fact]
    public async Task AYoungPersonCannotReportAMessageOfAGroupTheyAreNotInOrOneNeverShown()
    {
        var held = await _sam.SendAsync(_group.GroupId, "[hold] kept from peers");
        var notShown = () => _alex.Connection.InvokeAsync<Created>("ReportMessage", _group.GroupId, held.MessageId, "");
        (await notShown.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("no message with that id");

        var other = await _app.LiveGroupAsync(youngPeople: 1);
        await using var kai = await _app.JoinedAsync(other.Young[0].Token, other.GroupId);
        var theirs = await kai.SendAsync(other.GroupId, "in another group");
        var elsewhere = () => _alex.Connection.InvokeAsync<Created>("ReportMessage", other.GroupId, theirs.MessageId, "");
        (await elsewhere.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("Join the group first");
    }

    [Fact]
    public async Task StaffCannotUseTheYoungPeoplesReportButEscalateInstead()
    {
        var said = await _sam.SendAsync(_group.GroupId, "hi");
        await using var moderator = await _app.JoinedAsync(_group.ModeratorToken, _group.GroupId);

        var report = () => moderator.Connection.InvokeAsync<Created>("ReportMessage", _group.GroupId, said.MessageId, "");
        (await report.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("unauthorized");
    }
}
