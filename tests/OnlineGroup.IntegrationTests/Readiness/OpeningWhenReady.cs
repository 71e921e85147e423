using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Time.Testing;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Readiness;

/// <summary>With Groups:RequireReadiness on, young people come in only while a signed-off risk assessment holds.</summary>
public sealed class OpeningWhenReady : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> RequireReadiness = new() { ["Groups:RequireReadiness"] = "true" };
    private readonly OnlineGroupApp _app = new(new FakeTimeProvider(ReadinessSteps.NextWednesdayNoon()), settings: RequireReadiness);
    private LiveGroup _group = null!;

    public async Task InitializeAsync() => _group = await _app.LiveGroupAsync(youngPeople: 1);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AGroupWithoutASignedOffRiskAssessmentDoesNotOpenToYoungPeople()
    {
        await using var sam = await ChatClient.ConnectAsync(_app, _group.Young[0].Token);
        var join = await sam.JoinAsync(_group.GroupId);

        join.Admitted.Should().BeFalse("the session is open by the calendar, but nobody has signed off the risk assessment");
        join.Reason.Should().Be("notReady");
        join.State.Should().Be("closed");
        (await sam.SendAsync(_group.GroupId, "hello?")).Reason.Should().Be("notJoined");

        await using var moderator = await ChatClient.ConnectAsync(_app, _group.ModeratorToken);
        (await moderator.JoinAsync(_group.GroupId)).Admitted.Should().BeTrue("staff come in to prepare");
        var readiness = await _app.GetReadinessAsync(_group.ModeratorToken, _group.GroupId);
        readiness.GetProperty("ready").GetBoolean().Should().BeFalse();
        readiness.Missing().Should().Contain([
            "No response planned for 'technical outage'.",
            "No house rules written.",
            "Not signed off yet: a safeguarding lead for the group must sign off the risk assessment.",
        ]);
        readiness.GetProperty("assessment").GetProperty("scenarios").EnumerateArray().Select(s => s.GetProperty("scenario").GetString())
            .Should().Equal(ReadinessSteps.StandardScenarios, "staff start from the standard worst cases");
    }

    [Fact]
    public async Task AModeratorsPauseDoesNotLetYoungPeopleIntoAGroupThatIsNotReady()
    {
        await using var moderator = await ChatClient.ConnectAsync(_app, _group.ModeratorToken);
        await moderator.JoinAsync(_group.GroupId);
        await moderator.Connection.InvokeAsync("PauseGroup", _group.GroupId, "settling in");

        await using var sam = await ChatClient.ConnectAsync(_app, _group.Young[0].Token);
        var join = await sam.JoinAsync(_group.GroupId);

        join.Admitted.Should().BeFalse("a paused group lets its young people in to read, but only a ready one");
        join.Reason.Should().Be("notReady");
    }

    [Fact]
    public async Task YoungPeopleWaitingOutsideAreToldTheMomentTheLeadSignsOff()
    {
        await using var sam = await ChatClient.ConnectAsync(_app, _group.Young[0].Token);
        (await sam.JoinAsync(_group.GroupId)).Reason.Should().Be("notReady");
        var (coId, _) = await _app.CoFacilitatorAsync(_group);
        await _app.PutReadinessAsync(_group.ModeratorToken, _group.GroupId, ReadinessSteps.Complete(_group.ModeratorId, coId));
        await _app.AgreeToHouseRulesAsync(_group.Young[0].Token, _group.GroupId);

        await _app.SignOffAsync(_group.LeadToken, _group.GroupId);

        var changed = await sam.NextAsync<System.Text.Json.JsonElement>("GroupStateChanged");
        while (changed.GetProperty("state").GetString() != "open")
        {
            changed = await sam.NextAsync<System.Text.Json.JsonElement>("GroupStateChanged");
        }

        (await sam.JoinAsync(_group.GroupId)).Admitted.Should().BeTrue();
    }

    [Fact]
    public async Task TheGroupOpensOnceItsSafeguardingLeadSignsItOff()
    {
        await using var sam = await ChatClient.ConnectAsync(_app, _group.Young[0].Token);
        (await sam.JoinAsync(_group.GroupId)).Reason.Should().Be("notReady");

        var (coId, _) = await _app.CoFacilitatorAsync(_group);
        var saved = await _app.PutReadinessAsync(_group.ModeratorToken, _group.GroupId, ReadinessSteps.Complete(_group.ModeratorId, coId));
        saved.Missing().Should().Equal(["Not signed off yet: a safeguarding lead for the group must sign off the risk assessment."]);
        (await sam.JoinAsync(_group.GroupId)).Reason.Should().Be("mustAgree", "Sam joined before the house rules were written");
        await _app.AgreeToHouseRulesAsync(_group.Young[0].Token, _group.GroupId);
        (await sam.JoinAsync(_group.GroupId)).Reason.Should().Be("notReady", "a complete assessment still needs the lead's sign-off");

        var signed = await _app.SignOffAsync(_group.LeadToken, _group.GroupId);
        signed.GetProperty("ready").GetBoolean().Should().BeTrue();
        signed.Missing().Should().BeEmpty();
        signed.GetProperty("signOff").GetProperty("signedOffBy").GetString().Should().Be(_group.LeadId);

        var join = await sam.JoinAsync(_group.GroupId);
        join.Admitted.Should().BeTrue();
        join.State.Should().Be("open");
        (await sam.SendAsync(_group.GroupId, "hi everyone")).Status.Should().Be("published");
    }

    [Fact]
    public async Task EditingAfterSignOffVoidsItAndYoungPeopleAreKeptOutUntilSignedAgain()
    {
        var (coId, _) = await _app.CoFacilitatorAsync(_group);
        var assessment = ReadinessSteps.Complete(_group.ModeratorId, coId);
        await _app.PutReadinessAsync(_group.ModeratorToken, _group.GroupId, assessment);
        await _app.SignOffAsync(_group.LeadToken, _group.GroupId);
        await _app.AgreeToHouseRulesAsync(_group.Young[0].Token, _group.GroupId);

        var unchanged = await _app.PutReadinessAsync(_group.ModeratorToken, _group.GroupId, assessment);
        unchanged.GetProperty("ready").GetBoolean().Should().BeTrue("saving the same assessment again changes nothing");

        assessment["supervision"] = "Fortnightly supervision with the school counsellor.";
        using (var http = _app.Http(_group.ModeratorToken))
        {
            var refused = await http.PutAsJsonAsync($"/api/groups/{_group.GroupId}/readiness", assessment);
            refused.StatusCode.Should().Be(HttpStatusCode.Conflict, "the session is in progress: voiding now would shut young people out of it");
            (await refused.ProblemDetailAsync()).Should().Contain("confirmVoid");
        }

        (await _app.GetReadinessAsync(_group.ModeratorToken, _group.GroupId)).GetProperty("ready").GetBoolean().Should().BeTrue("nothing was saved");
        assessment["confirmVoid"] = true;
        var edited = await _app.PutReadinessAsync(_group.ModeratorToken, _group.GroupId, assessment);

        edited.GetProperty("ready").GetBoolean().Should().BeFalse();
        edited.GetProperty("signOff").GetProperty("current").GetBoolean().Should().BeFalse();
        var today = DateOnly.FromDateTime(_app.Time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        edited.Missing().Should().Equal([$"The sign-off was voided by an edit on {today}: a safeguarding lead must sign it off again."]);
        await using var sam = await ChatClient.ConnectAsync(_app, _group.Young[0].Token);
        (await sam.JoinAsync(_group.GroupId)).Reason.Should().Be("notReady");

        await _app.SignOffAsync(_group.LeadToken, _group.GroupId);
        (await sam.JoinAsync(_group.GroupId)).Admitted.Should().BeTrue();

        using var admin = _app.Http(_group.AdminToken);
        var audit = await admin.GetFromJsonAsync<List<System.Text.Json.JsonElement>>($"/api/groups/{_group.GroupId}/audit");
        audit!.Select(a => a.GetProperty("action").GetString()).Where(a => a!.StartsWith("readiness.", StringComparison.Ordinal)).Should().Equal(
            "readiness.updated", "readiness.signedOff", "readiness.updated", "readiness.signOffVoided", "readiness.signedOff");
    }

    [Fact]
    public async Task APassedReviewDateClosesTheGroupToYoungPeopleAgainWithAClearReason()
    {
        var tomorrow = DateOnly.FromDateTime(_app.Time.GetUtcNow().UtcDateTime).AddDays(1); // London is on UTC or an hour ahead: still tomorrow there
        await _app.MakeReadyAsync(_group, reviewBy: tomorrow);
        var username = "yp" + Guid.NewGuid().ToString("N")[..8];
        var river = await _app.AddMemberAsync(_group.AdminToken, _group.GroupId, "River");
        await _app.RedeemAsync(river.InviteCode, username);
        await using (var before = await ChatClient.ConnectAsync(_app, (await _app.LoginAsync(username, "young-password-1")).AccessToken))
        {
            (await before.JoinAsync(_group.GroupId)).Admitted.Should().BeTrue();
        }

        _app.Time.Advance(TimeSpan.FromDays(1));
        var admin = (await _app.AdminAsync()).AccessToken;
        await _app.OpenSessionNowAsync(admin, _group.GroupId);
        await using var after = await ChatClient.ConnectAsync(_app, (await _app.LoginAsync(username, "young-password-1")).AccessToken);
        var join = await after.JoinAsync(_group.GroupId);

        join.Admitted.Should().BeFalse();
        join.Reason.Should().Be("notReady");
        var readiness = await _app.GetReadinessAsync(admin, _group.GroupId);
        readiness.Missing().Should().Equal([
            $"Review date passed on {tomorrow:yyyy-MM-dd}: a safeguarding lead must review the risk assessment and sign it off again.",
        ]);
        readiness.GetProperty("signOff").GetProperty("current").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task AnIncompleteAssessmentCannotBeSignedOffAndTheLeadIsToldWhatIsMissing()
    {
        var (coId, _) = await _app.CoFacilitatorAsync(_group);
        var assessment = ReadinessSteps.Complete(_group.ModeratorId, coId);
        assessment["scenarios"] = ReadinessSteps.StandardScenarios.Where(s => s != "technical outage")
            .Select(s => new { scenario = s, response = "planned" })
            .Append(new { scenario = "a young person is bullied at school by another member", response = "" })
            .ToArray();
        await _app.PutReadinessAsync(_group.ModeratorToken, _group.GroupId, assessment);

        var refused = await _app.TrySignOffAsync(_group.LeadToken, _group.GroupId);

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var detail = await refused.ProblemDetailAsync();
        detail.Should().Contain("No response planned for 'technical outage'.")
            .And.Contain("No response planned for 'a young person is bullied at school by another member'.");
        (await _app.GetReadinessAsync(_group.LeadToken, _group.GroupId)).GetProperty("ready").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task ASaveOverSomeoneElsesNewerEditIsRefused()
    {
        var (coId, _) = await _app.CoFacilitatorAsync(_group);
        var first = ReadinessSteps.Complete(_group.ModeratorId, coId);
        first["version"] = 0;
        await _app.PutReadinessAsync(_group.ModeratorToken, _group.GroupId, first);

        using var http = _app.Http(_group.LeadToken);
        var stale = await http.PutAsJsonAsync($"/api/groups/{_group.GroupId}/readiness", first);

        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await stale.ProblemDetailAsync()).Should().Contain("Reload it");
    }
}
