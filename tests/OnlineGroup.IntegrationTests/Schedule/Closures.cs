using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OnlineGroup.IntegrationTests.Infrastructure;
using OnlineGroup.Server.Schedule;
using static OnlineGroup.IntegrationTests.Schedule.ScheduleTesting;

namespace OnlineGroup.IntegrationTests.Schedule;

/// <summary>Holidays and absences: sessions overlapping a closure do not open, and say why.</summary>
public sealed class Closures : IAsyncLifetime
{
    // Tuesday 12 January 2027, an hour before its Tuesday session (it has Thursday sessions too).
    private readonly OnlineGroupApp _app = new(new FakeTimeProvider(T("2027-01-12T17:00Z")));
    private LiveGroup _group = null!;

    public async Task InitializeAsync()
    {
        _group = await _app.LiveGroupAsync(youngPeople: 1, open: false);
        await _app.PutWeeklyAsync(_group.ModeratorToken, _group.GroupId,
            new { day = "Tuesday", start = "18:00", end = "20:00" }, new { day = "Thursday", start = "18:00", end = "20:00" });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<ClosureCreated> CloseAsync(string from, string to, string reason)
    {
        using var http = _app.Http(_group.ModeratorToken);
        return await (await http.PostAsJsonAsync($"/api/groups/{_group.GroupId}/closures", new { from, to, reason })).ReadAsync<ClosureCreated>();
    }

    [Fact]
    public async Task ASessionOverlappingAClosureIsListedAsCancelledWithItsReasonAndTheOthersStillRun()
    {
        await CloseAsync("2027-01-14T00:00:00Z", "2027-01-15T00:00:00Z", "Facilitator away");

        var sessions = await _app.SessionsAsync(_group.Young[0].Token, _group.GroupId, "2027-01-11T00:00:00Z", "2027-01-18T00:00:00Z");

        sessions.Should().Equal(
            new Session(T("2027-01-12T18:00Z"), T("2027-01-12T20:00Z"), "weekly", false, null),
            new Session(T("2027-01-14T18:00Z"), T("2027-01-14T20:00Z"), "weekly", true, "Facilitator away"));
    }

    [Fact]
    public async Task DuringAClosureTheGroupStaysShutItsStatusSaysWhyAndPointsToHelp()
    {
        await CloseAsync("2027-01-11T00:00:00Z", "2027-01-18T00:00:00Z", "School half term");
        await using var sam = await ChatClient.ConnectAsync(_app, _group.Young[0].Token);

        _app.Time.Advance(TimeSpan.FromHours(1)); // 18:00, when the session would have opened
        var join = await sam.JoinAsync(_group.GroupId);
        join.Admitted.Should().BeFalse();
        join.Reason.Should().Be("closed");
        join.NextSession!.Value.GetProperty("startsAt").GetDateTimeOffset().Should().Be(T("2027-01-19T18:00Z"));

        var status = await _app.StatusAsync(_group.Young[0].Token, _group.GroupId);
        status.State.Should().Be("closed");
        status.Closure!.Value.GetProperty("reason").GetString().Should().Be("School half term");
        status.NextSession!.StartsAt.Should().Be(T("2027-01-19T18:00Z"));
        status.Message.Should().NotBeNullOrEmpty();
        status.SupportContacts.Select(c => c.Name).Should().Contain(["Childline", "Samaritans", "Shout"]);
        status.SupportContacts.Should().Contain(c => c.Phone == "999");
    }

    [Fact]
    public async Task AClosureCanBeListedAndDeletedAndTheSessionRunsAgainBothOnTheAuditTrail()
    {
        var closure = await CloseAsync("2027-01-12T17:00:00Z", "2027-01-12T21:00:00Z", "Staff training");
        using var http = _app.Http(_group.ModeratorToken);
        (await (await http.GetAsync($"/api/groups/{_group.GroupId}/closures")).ReadAsync<List<ClosureCreated>>())
            .Should().ContainSingle().Which.Should().Be(closure);

        (await http.DeleteAsync($"/api/groups/{_group.GroupId}/closures/{closure.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var sessions = await _app.SessionsAsync(_group.ModeratorToken, _group.GroupId, "2027-01-12T00:00:00Z", "2027-01-13T00:00:00Z");
        sessions.Should().ContainSingle().Which.Cancelled.Should().BeFalse();
        (await http.DeleteAsync($"/api/groups/{_group.GroupId}/closures/{closure.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _app.AuditAsync(_group.AdminToken, _group.GroupId)).Select(a => a.Action)
            .Should().ContainInOrder("closure.created", "closure.deleted");
    }

    [Fact]
    public async Task AClosureRecordedDuringASessionClosesTheGroupAtOnce()
    {
        _app.Time.Advance(TimeSpan.FromHours(1.5)); // 18:30, mid-session
        // The clock records the 18:00 open as its trigger would (Quartz fires on its own thread, and under load it
        // fired after the closure had been recorded: a session never recorded open has no close to announce).
        await _app.Services.GetRequiredService<SessionClock>().SyncAsync(_group.GroupId);
        await using var sam = await ChatClient.ConnectAsync(_app, _group.Young[0].Token);
        (await sam.JoinAsync(_group.GroupId)).Admitted.Should().BeTrue();

        await CloseAsync("2027-01-12T18:30:00Z", "2027-01-13T00:00:00Z", "Facilitator unwell");

        (await sam.NextAsync<SessionClosed>("SessionClosed")).NextSession!.StartsAt.Should().Be(T("2027-01-14T18:00Z"));
        (await sam.SendAsync(_group.GroupId, "what happened?")).Reason.Should().Be("closed");
    }

    [Fact]
    public async Task YoungPeopleCanReadClosuresButNotMakeThem()
    {
        using var http = _app.Http(_group.Young[0].Token);

        (await http.GetAsync($"/api/groups/{_group.GroupId}/closures")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await http.PostAsJsonAsync($"/api/groups/{_group.GroupId}/closures", new { from = "2027-01-12T00:00:00Z", to = "2027-01-13T00:00:00Z", reason = "no" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
