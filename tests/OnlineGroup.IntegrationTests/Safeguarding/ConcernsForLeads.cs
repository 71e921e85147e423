using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Safeguarding;

/// <summary>REST for safeguarding leads: who may see and decide on concerns, their lifecycle, and its audit trail.</summary>
public sealed class ConcernsForLeads : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = SafeguardingTestApp.Create();
    private LiveGroup _group = null!;
    private ChatClient _sam = null!;
    private ChatClient _lead = null!;

    public async Task InitializeAsync()
    {
        _group = await _app.LiveGroupAsync(youngPeople: 2);
        _lead = await ChatClient.ConnectAsync(_app, _group.LeadToken);
        _sam = await _app.JoinedAsync(_group.Young[0].Token, _group.GroupId);
    }

    public async Task DisposeAsync()
    {
        await _sam.DisposeAsync();
        await _lead.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task AYoungPersonGets403FromEveryConcernEndpoint()
    {
        var concernId = await RaiseAsync("[hold][high] x");
        using var http = _app.Http(_group.Young[1].Token);

        (await http.GetAsync("/api/concerns")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await http.GetAsync($"/api/concerns/{concernId}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await http.PostAsync($"/api/concerns/{concernId}/acknowledge", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await http.PostAsJsonAsync($"/api/concerns/{concernId}/notes", new { text = "x" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await http.PostAsJsonAsync($"/api/concerns/{concernId}/resolve", new { outcome = "x" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await http.PostAsJsonAsync("/api/safeguarding/scan", new { text = "[hold] x" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await DetailAsync(concernId)).GetProperty("concern").GetProperty("status").GetString().Should().Be("raised", "nothing changed");
    }

    [Fact]
    public async Task StaffOfAnotherGroupGet404AsIfItDidNotExistAndSeeNoneOfItsConcerns()
    {
        var concernId = await RaiseAsync("[hold][high] x");
        var other = await _app.LiveGroupAsync(youngPeople: 0);

        foreach (var token in new[] { other.ModeratorToken, other.LeadToken })
        {
            using var http = _app.Http(token);
            (await http.GetAsync($"/api/concerns/{concernId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await http.GetFromJsonAsync<List<JsonElement>>("/api/concerns"))!.Should().BeEmpty();
        }

        using var otherLead = _app.Http(other.LeadToken);
        (await otherLead.PostAsync($"/api/concerns/{concernId}/acknowledge", null)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await DetailAsync(concernId)).GetProperty("concern").GetProperty("status").GetString().Should().Be("raised");
    }

    [Fact]
    public async Task TheGroupsModeratorReadsItsConcernsButOnlySafeguardingStaffDecide()
    {
        var concernId = await RaiseAsync("[hold][high] x");
        using var moderator = _app.Http(_group.ModeratorToken);

        (await moderator.GetFromJsonAsync<List<JsonElement>>("/api/concerns"))!.Single().GetProperty("concernId").GetString().Should().Be(concernId);
        (await moderator.GetAsync($"/api/concerns/{concernId}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await moderator.PostAsync($"/api/concerns/{concernId}/acknowledge", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await moderator.PostAsJsonAsync($"/api/concerns/{concernId}/resolve", new { outcome = "x" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ALeadAcknowledgesAddsANoteAndResolvesWithEveryStepInTheHistoryAndTheAuditTrail()
    {
        var concernId = await RaiseAsync("[hold][high] i feel unsafe at home");
        using var lead = _app.Http(_group.LeadToken);

        var acknowledged = await (await lead.PostAsync($"/api/concerns/{concernId}/acknowledge", null)).ReadAsync<JsonElement>();
        acknowledged.GetProperty("concern").GetProperty("status").GetString().Should().Be("acknowledged");
        acknowledged.GetProperty("concern").GetProperty("dueAt").ValueKind.Should().Be(JsonValueKind.Null, "an acknowledged concern is not re-escalated");
        (await _lead.NextConcernUpdatedAsync()).Status.Should().Be("acknowledged");

        await (await lead.PostAsJsonAsync($"/api/concerns/{concernId}/notes", new { text = "Called the school's DSL; parent contacted." })).ReadAsync<JsonElement>();
        var resolved = await (await lead.PostAsJsonAsync($"/api/concerns/{concernId}/resolve", new { outcome = "Referred to early help." })).ReadAsync<JsonElement>();

        resolved.GetProperty("concern").GetProperty("status").GetString().Should().Be("resolved");
        resolved.GetProperty("outcome").GetString().Should().Be("Referred to early help.");
        resolved.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("kind").GetString())
            .Should().Equal("raised", "acknowledged", "note", "resolved");
        resolved.GetProperty("history")[2].GetProperty("text").GetString().Should().Contain("DSL");
        (await lead.PostAsJsonAsync($"/api/concerns/{concernId}/resolve", new { outcome = "again" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await lead.PostAsJsonAsync($"/api/concerns/{concernId}/notes", new { text = "" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        using var admin = _app.Http(_group.AdminToken);
        var audit = (await admin.GetFromJsonAsync<List<JsonElement>>($"/api/groups/{_group.GroupId}/audit"))!
            .Where(a => a.GetProperty("targetId").GetString() == concernId)
            .Select(a => (a.GetProperty("action").GetString(), a.GetProperty("actorId").GetString()))
            .ToList();
        audit.Should().ContainInOrder(
            ("concern.raised", "system"),
            ("concern.acknowledged", _group.LeadId),
            ("concern.noted", _group.LeadId),
            ("concern.resolved", _group.LeadId));
        var auditText = string.Join(" ", (await admin.GetFromJsonAsync<List<JsonElement>>($"/api/groups/{_group.GroupId}/audit"))!.Select(a => a.GetRawText()));
        auditText.Should().NotContain("unsafe at home", "the audit trail records decisions, never a young person's words")
            .And.NotContain("DSL", "nor the text of staff notes");
    }

    [Fact]
    public async Task ViewingTheListAndAConcernIsOnTheAuditTrail()
    {
        var concernId = await RaiseAsync("[flag] x");
        using var lead = _app.Http(_group.LeadToken);
        await lead.GetFromJsonAsync<List<JsonElement>>("/api/concerns");
        await lead.GetAsync($"/api/concerns/{concernId}");

        using var admin = _app.Http(_group.AdminToken);
        var actions = (await admin.GetFromJsonAsync<List<JsonElement>>($"/api/groups/{_group.GroupId}/audit"))!
            .Where(a => a.GetProperty("actorId").GetString() == _group.LeadId)
            .Select(a => a.GetProperty("action").GetString());
        actions.Should().Equal("concerns.listed", "concern.viewed");
    }

    [Fact]
    public async Task TheListIsNewestFirstAndFiltersByStatus()
    {
        var first = await RaiseAsync("[flag] one");
        _app.Time.Advance(TimeSpan.FromSeconds(1));
        var second = await RaiseAsync("[flag] two");
        _app.Time.Advance(TimeSpan.FromSeconds(1));
        var third = await RaiseAsync("[flag] three");
        using var lead = _app.Http(_group.LeadToken);
        (await lead.PostAsJsonAsync($"/api/concerns/{second}/resolve", new { outcome = "talked it through" })).EnsureSuccessStatusCode();

        async Task<IEnumerable<string?>> Ids(string query) =>
            (await lead.GetFromJsonAsync<List<JsonElement>>("/api/concerns" + query))!.Select(c => c.GetProperty("concernId").GetString());

        (await Ids("")).Should().Equal(third, first);
        (await Ids("?status=open")).Should().Equal(third, first);
        (await Ids("?status=resolved")).Should().Equal(second);
        (await Ids("?status=all")).Should().Equal(third, second, first);
        (await lead.GetAsync("/api/concerns?status=sideways")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var summary = (await lead.GetFromJsonAsync<List<JsonElement>>("/api/concerns"))![0];
        summary.GetProperty("memberName").GetString().Should().Be("Sam");
        summary.GetProperty("groupName").GetString().Should().Be("Evening group");
    }

    [Fact]
    public async Task AConcernShowsTheYoungPersonsEarlierConcernsAsARiskTimeline()
    {
        var earlier = await RaiseAsync("[flag][low] first");
        _app.Time.Advance(TimeSpan.FromMinutes(1));
        var alsoEarlier = await RaiseAsync("[hold][high] second");
        _app.Time.Advance(TimeSpan.FromMinutes(1));
        await using var alex = await _app.JoinedAsync(_group.Young[1].Token, _group.GroupId);
        await alex.SendAsync(_group.GroupId, "[flag] about someone else");
        await _lead.NextConcernRaisedAsync();
        var latest = await RaiseAsync("[block][critical] third");

        var timeline = (await DetailAsync(latest)).GetProperty("riskTimeline").EnumerateArray().ToList();
        timeline.Select(t => t.GetProperty("concernId").GetString()).Should().Equal(alsoEarlier, earlier);
        timeline.Select(t => t.GetProperty("severity").GetString()).Should().Equal("high", "low");
        timeline[0].EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo("concernId", "groupId", "severity", "status", "raisedAt", "escalationLevel");
    }

    [Fact]
    public async Task TheRuleTesterAnswersWithTheSameScanAsTheHub()
    {
        using var moderator = _app.Http(_group.ModeratorToken);
        var answer = await (await moderator.PostAsJsonAsync("/api/safeguarding/scan", new { text = "[hold][critical] test words" })).ReadAsync<JsonElement>();

        answer.GetProperty("action").GetString().Should().Be("hold");
        answer.GetProperty("severity").GetString().Should().Be("critical");
        answer.GetProperty("categories").EnumerateArray().Select(c => c.GetString()).Should().Equal("test");
        var allowed = await (await moderator.PostAsJsonAsync("/api/safeguarding/scan", new { text = "hello" })).ReadAsync<JsonElement>();
        allowed.GetProperty("action").GetString().Should().Be("allow");
        allowed.GetProperty("severity").GetString().Should().Be("none");
        (await moderator.PostAsJsonAsync("/api/safeguarding/scan", new { text = "" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var none = _app.Http(_group.LeadToken);
        (await none.GetFromJsonAsync<List<JsonElement>>("/api/concerns"))!.Should().BeEmpty("testing a rule raises no concern");
    }

    private async Task<string> RaiseAsync(string text)
    {
        var sent = await _sam.SendAsync(_group.GroupId, text);
        var raised = await _lead.NextConcernRaisedAsync();
        raised.MessageId.Should().Be(sent.MessageId);
        return raised.ConcernId;
    }

    private async Task<JsonElement> DetailAsync(string concernId)
    {
        using var http = _app.Http(_group.LeadToken);
        return await (await http.GetAsync($"/api/concerns/{concernId}")).ReadAsync<JsonElement>();
    }
}
