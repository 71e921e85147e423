using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OnlineGroup.IntegrationTests.Infrastructure;
using OnlineGroup.Server.Safeguarding;

namespace OnlineGroup.IntegrationTests.Safeguarding;

/// <summary>
/// A high or critical concern nobody acknowledges goes to the deputy leads after AcknowledgeWithin
/// (5 minutes), then to all safeguarding staff after another; a restart never skips a level.
/// </summary>
public sealed class ConcernDeadlines
{
    private static readonly TimeSpan Within = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task AnUnacknowledgedHighConcernGoesToTheDeputyThenToAllSafeguardingStaff()
    {
        await using var app = SafeguardingTestApp.Create();
        var group = await app.LiveGroupAsync(youngPeople: 1);
        var (_, deputyToken) = await app.SafeguardingStaffAsync(group, "deputyLead");
        var (_, elsewhereToken) = await app.SafeguardingStaffAsync(group, duty: null);
        await using var lead = await ChatClient.ConnectAsync(app, group.LeadToken);
        await using var deputy = await ChatClient.ConnectAsync(app, deputyToken);
        await using var elsewhere = await ChatClient.ConnectAsync(app, elsewhereToken);
        await using var sam = await app.JoinedAsync(group.Young[0].Token, group.GroupId);

        await sam.SendAsync(group.GroupId, "[hold][high] tonight is the night");
        var raised = await lead.NextConcernRaisedAsync();

        app.Time.Advance(Within - TimeSpan.FromSeconds(10));
        var early = await sam.SendAsync(group.GroupId, "[flag][low] sentinel before the deadline");
        (await lead.NextConcernRaisedAsync()).MessageId.Should().Be(early.MessageId);
        lead.Drain("ConcernUpdated").Should().BeEmpty("nothing is re-escalated before the deadline");

        app.Time.Advance(TimeSpan.FromSeconds(10));
        var atDeputy = await deputy.NextConcernUpdatedAsync();
        atDeputy.Should().BeEquivalentTo(new { raised.ConcernId, EscalationLevel = 1, Status = "raised" });
        deputy.Drain("ConcernRaised").Should().BeEmpty("deputies hear of a concern when it is re-escalated to them");
        (await lead.NextConcernUpdatedAsync()).EscalationLevel.Should().Be(1, "the lead sees it move on");

        app.Time.Advance(Within);
        var atElsewhere = await elsewhere.NextConcernUpdatedAsync();
        atElsewhere.Should().BeEquivalentTo(new { raised.ConcernId, EscalationLevel = 2 },
            "the first word other safeguarding staff hear of it is level 2");
        (await deputy.NextConcernUpdatedAsync()).EscalationLevel.Should().Be(2);
        (await lead.NextConcernUpdatedAsync()).EscalationLevel.Should().Be(2);

        // At level 2 any safeguarding staff member can see and acknowledge it.
        using var http = app.Http(elsewhereToken);
        (await http.PostAsync($"/api/concerns/{raised.ConcernId}/acknowledge", null)).EnsureSuccessStatusCode();
        (await lead.NextConcernUpdatedAsync()).Status.Should().Be("acknowledged");
    }

    [Fact]
    public async Task AcknowledgingStopsReEscalation()
    {
        await using var app = SafeguardingTestApp.Create();
        var group = await app.LiveGroupAsync(youngPeople: 1);
        var (_, deputyToken) = await app.SafeguardingStaffAsync(group, "deputyLead");
        await using var lead = await ChatClient.ConnectAsync(app, group.LeadToken);
        await using var deputy = await ChatClient.ConnectAsync(app, deputyToken);
        await using var sam = await app.JoinedAsync(group.Young[0].Token, group.GroupId);

        await sam.SendAsync(group.GroupId, "[hold][critical] first");
        var first = await lead.NextConcernRaisedAsync();
        await lead.Connection.InvokeAsync("AcknowledgeConcern", first.ConcernId);
        (await lead.NextConcernUpdatedAsync()).Should().BeEquivalentTo(new { first.ConcernId, Status = "acknowledged", EscalationLevel = 0 });

        app.Time.Advance(Within + TimeSpan.FromMinutes(1));
        // Sentinel: a second, unacknowledged concern re-escalates; the first would have reached the deputy before it.
        await sam.SendAsync(group.GroupId, "[hold][high] second");
        var second = await lead.NextConcernRaisedAsync();
        app.Time.Advance(Within);

        (await deputy.NextConcernUpdatedAsync()).ConcernId.Should().Be(second.ConcernId);
        using var http = app.Http(group.LeadToken);
        var detail = await (await http.GetAsync($"/api/concerns/{first.ConcernId}")).ReadAsync<JsonElement>();
        detail.GetProperty("concern").GetProperty("escalationLevel").GetInt32().Should().Be(0);
        detail.GetProperty("concern").GetProperty("status").GetString().Should().Be("acknowledged");
    }

    [Fact]
    public async Task RunningTheDeadlineCheckAgainChangesNothing()
    {
        await using var app = SafeguardingTestApp.Create();
        var group = await app.LiveGroupAsync(youngPeople: 1);
        await using var lead = await ChatClient.ConnectAsync(app, group.LeadToken);
        await using var sam = await app.JoinedAsync(group.Young[0].Token, group.GroupId);
        await sam.SendAsync(group.GroupId, "[hold][high] x");
        var raised = await lead.NextConcernRaisedAsync();
        var concerns = app.Services.GetRequiredService<ConcernService>();

        (await concerns.EscalateOverdueAsync()).Should().Be(0, "nothing is due yet");
        app.Time.Advance(Within);
        (await lead.NextConcernUpdatedAsync()).EscalationLevel.Should().Be(1);
        (await concerns.EscalateOverdueAsync()).Should().Be(0, "the same deadline never escalates twice");

        using var http = app.Http(group.LeadToken);
        var detail = await (await http.GetAsync($"/api/concerns/{raised.ConcernId}")).ReadAsync<JsonElement>();
        detail.GetProperty("history").EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "escalated").Should().Be(1);
        detail.GetProperty("notifications").EnumerateArray().Select(n => n.GetProperty("kind").GetString())
            .Should().Equal("concern.raised", "concern.escalated");
    }

    [Fact]
    public async Task LowAndMediumConcernsCarryNoDeadline()
    {
        await using var app = SafeguardingTestApp.Create();
        var group = await app.LiveGroupAsync(youngPeople: 1);
        var (_, deputyToken) = await app.SafeguardingStaffAsync(group, "deputyLead");
        await using var deputy = await ChatClient.ConnectAsync(app, deputyToken);
        await using var sam = await app.JoinedAsync(group.Young[0].Token, group.GroupId);

        await sam.SendAsync(group.GroupId, "[flag][medium] meh");
        app.Time.Advance(Within * 3);
        await sam.SendAsync(group.GroupId, "[flag][high] sentinel");
        app.Time.Advance(Within);

        var updated = await deputy.NextConcernUpdatedAsync();
        updated.Severity.Should().Be("high", "the medium concern was never re-escalated; the high one was");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    public async Task ARestartBeforeAtOrAfterTheDeadlineNeverSkipsTheReEscalation(int minutesPastDeadlineAtRestart)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var folder = TestPaths.NewFolder("deadline");
        await using var receiver = await WebhookReceiver.StartAsync();
        LiveGroup group;
        string concernId;
        await using (var before = SafeguardingTestApp.Create(clock, folder, receiver))
        {
            group = await before.LiveGroupAsync(youngPeople: 1);
            await using var sam = await before.JoinedAsync(group.Young[0].Token, group.GroupId);
            await sam.SendAsync(group.GroupId, "[hold][high] please someone");
            var raised = await receiver.NextAcceptedAsync();
            raised.Event.Should().Be("concern.raised");
            concernId = raised.ConcernId;
        }

        clock.Advance(Within + TimeSpan.FromMinutes(minutesPastDeadlineAtRestart));
        await using var after = SafeguardingTestApp.Create(clock, folder, receiver);
        _ = after.Services; // started: a deadline already passed is caught up now
        if (minutesPastDeadlineAtRestart < 0)
        {
            clock.Advance(TimeSpan.FromMinutes(-minutesPastDeadlineAtRestart));
        }

        var escalated = await receiver.NextAcceptedAsync();
        escalated.Should().Match<Received>(r => r.Event == "concern.escalated" && r.ConcernId == concernId && r.EscalationLevel == 1);
        using var http = after.Http(group.LeadToken);
        var detail = await (await http.GetAsync($"/api/concerns/{concernId}")).ReadAsync<JsonElement>();
        detail.GetProperty("concern").GetProperty("escalationLevel").GetInt32().Should().Be(1);
        detail.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).Should().Equal("raised", "escalated");
    }

    [Fact]
    public async Task AServerDownAcrossBothDeadlinesEscalatesThroughEachLevelOnStart()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var folder = TestPaths.NewFolder("deadline");
        await using var receiver = await WebhookReceiver.StartAsync();
        LiveGroup group;
        await using (var before = SafeguardingTestApp.Create(clock, folder, receiver))
        {
            group = await before.LiveGroupAsync(youngPeople: 1);
            await using var sam = await before.JoinedAsync(group.Young[0].Token, group.GroupId);
            await sam.SendAsync(group.GroupId, "[block][critical] help");
            await receiver.NextAcceptedAsync();
        }

        clock.Advance(Within * 3);
        await using var after = SafeguardingTestApp.Create(clock, folder, receiver);
        _ = after.Services;

        var levels = new[] { await receiver.NextAcceptedAsync(), await receiver.NextAcceptedAsync() };
        levels.Select(r => (r.Event, r.EscalationLevel)).Should().Equal(("concern.escalated", 1), ("concern.escalated", 2));
        levels.Select(r => r.IdempotencyKey).Should().OnlyHaveUniqueItems("each level is its own notification");
        using var http = after.Http(group.AdminToken);
        var open = await http.GetFromJsonAsync<List<JsonElement>>("/api/concerns?status=open");
        open!.Single().GetProperty("escalationLevel").GetInt32().Should().Be(2);
        open!.Single().GetProperty("dueAt").ValueKind.Should().Be(JsonValueKind.Null, "there is no level beyond all safeguarding staff");
    }
}
