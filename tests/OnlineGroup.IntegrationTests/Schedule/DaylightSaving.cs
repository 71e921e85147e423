using System.Net.Http.Json;
using OnlineGroup.IntegrationTests.Infrastructure;
using static OnlineGroup.IntegrationTests.Schedule.ScheduleTesting;

namespace OnlineGroup.IntegrationTests.Schedule;

/// <summary>Weekly sessions keep their local time in the group's zone when the clocks change.</summary>
public sealed class DaylightSaving : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new();
    private LiveGroup _group = null!;

    public async Task InitializeAsync()
    {
        _group = await _app.LiveGroupAsync(youngPeople: 1, open: false);
        await _app.PutWeeklyAsync(_group.ModeratorToken, _group.GroupId, new { day = "Sunday", start = "18:00", end = "20:00" });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ASunday1800SessionInLondonMovesInUtcWhenTheClocksGoForwardAndBackIn2027()
    {
        var spring = await _app.SessionsAsync(_group.Young[0].Token, _group.GroupId, "2027-03-20T00:00:00Z", "2027-03-29T00:00:00Z");
        var autumn = await _app.SessionsAsync(_group.Young[0].Token, _group.GroupId, "2027-10-23T00:00:00Z", "2027-11-01T00:00:00Z");

        spring.Should().Equal(
            new Session(T("2027-03-21T18:00Z"), T("2027-03-21T20:00Z"), "weekly", false, null),
            new Session(T("2027-03-28T17:00Z"), T("2027-03-28T19:00Z"), "weekly", false, null));
        autumn.Should().Equal(
            new Session(T("2027-10-24T17:00Z"), T("2027-10-24T19:00Z"), "weekly", false, null),
            new Session(T("2027-10-31T18:00Z"), T("2027-10-31T20:00Z"), "weekly", false, null));
    }

    [Fact]
    public async Task TheSameLocalTimeInAnotherZoneFollowsThatZonesOwnClockChanges()
    {
        using var http = _app.Http(_group.ModeratorToken);
        (await http.PutAsJsonAsync($"/api/groups/{_group.GroupId}/schedule",
            new { timeZone = "America/New_York", weekly = new[] { new { day = "Sunday", start = "18:00", end = "20:00" } } })).EnsureSuccessStatusCode();

        // New York moves its clocks on 14 March 2027, two weeks before London.
        var sessions = await _app.SessionsAsync(_group.Young[0].Token, _group.GroupId, "2027-03-07T00:00:00Z", "2027-03-16T00:00:00Z");

        sessions.Select(s => s.StartsAt).Should().Equal(T("2027-03-07T23:00Z"), T("2027-03-14T22:00Z"));
    }
}
