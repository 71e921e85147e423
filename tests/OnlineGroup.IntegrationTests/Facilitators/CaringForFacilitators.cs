using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Time.Testing;
using OnlineGroup.IntegrationTests.Infrastructure;
using OnlineGroup.IntegrationTests.Readiness;

namespace OnlineGroup.IntegrationTests.Facilitators;

/// <summary>Debriefs, hours and supervision: seen by the facilitator's supervisor, never by other facilitators.</summary>
public sealed class CaringForFacilitators : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new(new FakeTimeProvider(ReadinessSteps.NextWednesdayNoon()),
        settings: new Dictionary<string, string?> { ["Facilitators:WeeklyHoursWarning"] = "1.5" });
    private LiveGroup _group = null!;
    private string _otherModeratorId = null!;
    private string _otherModerator = null!;
    private string _supervisor = null!;

    public async Task InitializeAsync()
    {
        _group = await _app.LiveGroupAsync(youngPeople: 0);
        (_otherModeratorId, _otherModerator) = await _app.CoFacilitatorAsync(_group);
        var (supervisorId, supervisor) = await _app.StaffAsync(_group.AdminToken, "moderator", "Dana (supervisor)");
        await _app.AssignAsync(_group.AdminToken, _group.GroupId, supervisorId, "supervisor");
        _supervisor = supervisor;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task TheSupervisorSeesADebriefAndOtherModeratorsCannot()
    {
        using var moderator = _app.Http(_group.ModeratorToken);
        var debrief = await (await moderator.PostAsJsonAsync("/api/debriefs", new
        {
            groupId = _group.GroupId,
            sessionStartsAt = _app.Time.GetUtcNow().AddHours(-2),
            wellbeing = 2,
            handover = "Kai went quiet after 19:30; worth a gentle check-in next week.",
            needsSupervision = true,
        })).ReadAsync<JsonElement>();

        using var supervisor = _app.Http(_supervisor);
        var seen = await supervisor.GetFromJsonAsync<List<JsonElement>>($"/api/debriefs?groupId={_group.GroupId}");
        seen.Should().ContainSingle().Which.GetProperty("debriefId").GetString().Should().Be(debrief.GetProperty("debriefId").GetString());
        seen![0].GetProperty("wellbeing").GetInt32().Should().Be(2);
        seen[0].GetProperty("handover").GetString().Should().Contain("gentle check-in");
        var requests = await supervisor.GetFromJsonAsync<List<JsonElement>>($"/api/facilitators/supervision-requests?groupId={_group.GroupId}");
        requests.Should().ContainSingle().Which.GetProperty("userId").GetString().Should().Be(_group.ModeratorId);

        using var other = _app.Http(_otherModerator);
        var refused = await other.GetAsync($"/api/debriefs?groupId={_group.GroupId}");
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await refused.ProblemDetailAsync()).Should().Contain("private to each facilitator and the group's supervisor");
        (await other.GetAsync("/api/facilitators/supervision-requests")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var trail = await other.GetFromJsonAsync<List<JsonElement>>($"/api/groups/{_group.GroupId}/audit");
        trail!.Select(a => a.GetProperty("action").GetString()).Should().NotContain(a => a!.StartsWith("debrief", StringComparison.Ordinal) || a.StartsWith("supervision", StringComparison.Ordinal),
            "the group's audit trail is open to all its staff");
    }

    [Fact]
    public async Task TheSupervisorSeesEachModeratorsHoursThisWeekWithAGentleWarningAboveTheLimit()
    {
        await using (var chat = await ChatClient.ConnectAsync(_app, _group.ModeratorToken))
        {
            (await chat.JoinAsync(_group.GroupId)).Admitted.Should().BeTrue();
            await using var second = await ChatClient.ConnectAsync(_app, _group.ModeratorToken);
            await second.JoinAsync(_group.GroupId); // a second tab counts once
            _app.Time.Advance(TimeSpan.FromHours(2));
            await second.Connection.InvokeAsync("LeaveGroup", _group.GroupId);
            await chat.Connection.InvokeAsync("LeaveGroup", _group.GroupId);
        }

        using var supervisor = _app.Http(_supervisor);
        var report = await supervisor.GetFromJsonAsync<JsonElement>("/api/facilitators/hours");

        report.GetProperty("warningAbove").GetDouble().Should().Be(1.5);
        var people = report.GetProperty("facilitators").EnumerateArray().ToDictionary(f => f.GetProperty("userId").GetString()!);
        var worked = people[_group.ModeratorId];
        worked.GetProperty("hours").GetDouble().Should().Be(2.0);
        worked.GetProperty("aboveWarning").GetBoolean().Should().BeTrue();
        worked.GetProperty("warning").GetString().Should().Contain("2 hours with groups this week, more than the 1.5 suggested");
        worked.GetProperty("groups").EnumerateArray().Single().GetProperty("week").GetString().Should()
            .Be(System.Globalization.ISOWeek.GetYear(_app.Time.GetUtcNow().UtcDateTime) + "-W" + System.Globalization.ISOWeek.GetWeekOfYear(_app.Time.GetUtcNow().UtcDateTime).ToString("00", System.Globalization.CultureInfo.InvariantCulture));
        people[_otherModeratorId].GetProperty("hours").GetDouble().Should().Be(0);
        people[_otherModeratorId].GetProperty("aboveWarning").GetBoolean().Should().BeFalse();

        using var other = _app.Http(_otherModerator);
        (await other.GetAsync("/api/facilitators/hours")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AModeratorSeesTheirOwnHoursAndIsAskedForADebriefAfterASession()
    {
        await using (var chat = await ChatClient.ConnectAsync(_app, _group.ModeratorToken))
        {
            await chat.JoinAsync(_group.GroupId);
            _app.Time.Advance(TimeSpan.FromMinutes(90));
            await chat.Connection.InvokeAsync("LeaveGroup", _group.GroupId);
        }

        using var moderator = _app.Http(_group.ModeratorToken);
        var mine = await moderator.GetFromJsonAsync<JsonElement>("/api/facilitators/me");
        mine.GetProperty("hours").GetProperty("hours").GetDouble().Should().Be(1.5);
        mine.GetProperty("hours").GetProperty("aboveWarning").GetBoolean().Should().BeFalse("1.5 hours is not above 1.5");
        var due = mine.GetProperty("debriefsDue").EnumerateArray().Should().ContainSingle().Subject;
        due.GetProperty("groupId").GetString().Should().Be(_group.GroupId);
        due.GetProperty("minutes").GetInt32().Should().Be(90);

        (await moderator.PostAsJsonAsync("/api/debriefs", new { groupId = _group.GroupId, wellbeing = 4 })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await moderator.GetFromJsonAsync<JsonElement>("/api/facilitators/me")).GetProperty("debriefsDue").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task ADebriefNeedsAWellbeingFrom1To5AndOnlyTheGroupsModeratorsGiveOne()
    {
        using var moderator = _app.Http(_group.ModeratorToken);
        var missing = await moderator.PostAsJsonAsync("/api/debriefs", new { groupId = _group.GroupId, handover = "all fine" });
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await missing.ProblemDetailAsync()).Should().Contain("1 (struggling) to 5 (fine)");

        var (_, stranger) = await _app.StaffAsync(_group.AdminToken, "moderator");
        using var http = _app.Http(stranger);
        (await http.PostAsJsonAsync("/api/debriefs", new { groupId = _group.GroupId, wellbeing = 3 })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AModeratorCanAskForSupervisionOnItsOwnAndTheSupervisorMarksItDone()
    {
        using var moderator = _app.Http(_otherModerator);
        var asked = await (await moderator.PostAsJsonAsync("/api/facilitators/supervision-requests", new { groupId = _group.GroupId, note = "A hard week." }))
            .ReadAsync<JsonElement>();

        using var supervisor = _app.Http(_supervisor);
        var id = asked.GetProperty("requestId").GetString();
        (await supervisor.GetFromJsonAsync<List<JsonElement>>("/api/facilitators/supervision-requests")).Should().ContainSingle();
        (await supervisor.PostAsync($"/api/facilitators/supervision-requests/{id}/resolve", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await supervisor.GetFromJsonAsync<List<JsonElement>>("/api/facilitators/supervision-requests")).Should().BeEmpty("only open requests are listed by default");
        (await moderator.GetFromJsonAsync<JsonElement>("/api/facilitators/me")).GetProperty("openSupervisionRequests").GetArrayLength().Should().Be(0);
    }
}
