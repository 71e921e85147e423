using System.Net;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Readiness;

public sealed class SigningOff : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new(settings: new Dictionary<string, string?> { ["Groups:RequireReadiness"] = "true" });
    private LiveGroup _group = null!;

    public async Task InitializeAsync()
    {
        _group = await _app.LiveGroupAsync(youngPeople: 0);
        var (coId, _) = await _app.CoFacilitatorAsync(_group);
        await _app.PutReadinessAsync(_group.ModeratorToken, _group.GroupId, ReadinessSteps.Complete(_group.ModeratorId, coId));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task OnlyTheGroupsSafeguardingLeadsAndAdminsCanSignOff()
    {
        var (_, otherLead) = await _app.StaffAsync(_group.AdminToken, "safeguarding");
        var (deputyId, deputy) = await _app.StaffAsync(_group.AdminToken, "safeguarding");
        await _app.AssignAsync(_group.AdminToken, _group.GroupId, deputyId, "deputyLead");

        var byModerator = await _app.TrySignOffAsync(_group.ModeratorToken, _group.GroupId);
        byModerator.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await byModerator.ProblemDetailAsync()).Should().Contain("Only a safeguarding lead or deputy lead of this group, or an admin");
        (await _app.TrySignOffAsync(otherLead, _group.GroupId)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "a lead of other groups is not this group's lead");
        (await _app.GetReadinessAsync(_group.AdminToken, _group.GroupId)).GetProperty("ready").GetBoolean().Should().BeFalse("nothing changed");

        (await _app.TrySignOffAsync(_group.LeadToken, _group.GroupId)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _app.TrySignOffAsync(deputy, _group.GroupId)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _app.TrySignOffAsync(_group.AdminToken, _group.GroupId)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _app.GetReadinessAsync(_group.AdminToken, _group.GroupId)).GetProperty("signOff").GetProperty("signedOffBy").GetString()
            .Should().NotBe(_group.LeadId, "the latest sign-off (the admin's) is the one that holds");
    }

    [Fact]
    public async Task AReviewDateInThePastOrMoreThanAYearAheadIsRefused()
    {
        var today = DateOnly.FromDateTime(_app.Time.GetUtcNow().UtcDateTime);

        var past = await _app.TrySignOffAsync(_group.LeadToken, _group.GroupId, today.AddDays(-1));
        var far = await _app.TrySignOffAsync(_group.LeadToken, _group.GroupId, today.AddYears(2));

        past.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await past.ProblemDetailAsync()).Should().Contain("review date");
        far.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task YoungPeopleCannotReadTheAssessment()
    {
        var young = await _app.YoungPersonAsync(_group.AdminToken, _group.GroupId, "Sam");
        using var http = _app.Http(young.Token);

        (await http.GetAsync($"/api/groups/{_group.GroupId}/readiness")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _app.TrySignOffAsync(young.Token, _group.GroupId)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
