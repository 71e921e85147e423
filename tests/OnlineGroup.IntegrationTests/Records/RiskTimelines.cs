using System.Net;
using OnlineGroup.IntegrationTests.Infrastructure;
using OnlineGroup.IntegrationTests.Journey;
using OnlineGroup.Server.Records;

namespace OnlineGroup.IntegrationTests.Records;

public sealed class RiskTimelines : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new(services: MarkerScanner.Use);
    private LiveGroup _group = null!;

    public async Task InitializeAsync() => _group = await _app.LiveGroupAsync(youngPeople: 2);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private string Timeline(int who) => $"/api/groups/{_group.GroupId}/members/{_group.Young[who].MemberId}/timeline";

    [Fact]
    public async Task StaffSeeRiskBuildUpForOneYoungPersonAcrossSessionsInOrder()
    {
        await using var sam = await ChatClient.ConnectAsync(_app, _group.Young[0].Token);
        await using var alex = await ChatClient.ConnectAsync(_app, _group.Young[1].Token);
        await sam.JoinAsync(_group.GroupId);
        await alex.JoinAsync(_group.GroupId);
        await sam.SendAsync(_group.GroupId, "fine thanks");
        await sam.SendAsync(_group.GroupId, "[flag] not sleeping much");
        await alex.SendAsync(_group.GroupId, "[flag] alex's own worry");
        _app.Time.Advance(TimeSpan.FromDays(7));
        var admin = (await _app.AdminAsync()).AccessToken;
        await _app.OpenSessionNowAsync(admin, _group.GroupId);
        await sam.SendAsync(_group.GroupId, "[hold] thinking about it again");
        _app.Time.Advance(TimeSpan.FromDays(7));
        admin = (await _app.AdminAsync()).AccessToken;
        await _app.OpenSessionNowAsync(admin, _group.GroupId);
        await sam.SendAsync(_group.GroupId, "[block] worse");

        var timeline = await _app.GetAsync<TimelineDto>(admin, Timeline(0));

        timeline.DisplayName.Should().Be("Sam");
        timeline.Entries.Select(e => (e.Kind, e.Status, e.Text)).Should().Equal(
            ("message", "published", "[flag] not sleeping much"),
            ("message", "held", "[hold] thinking about it again"),
            ("message", "blocked", "[block] worse"));
        timeline.Entries.Select(e => e.At).Should().BeInAscendingOrder();
        timeline.Entries.Should().OnlyContain(e => e.Severity == "medium" && e.Categories.Contains("test"));
    }

    [Fact]
    public async Task OnlyTheGroupsStaffSeeAYoungPersonsTimeline()
    {
        var (_, outsider) = await _app.StaffAsync(_group.AdminToken, "moderator");

        (await _app.GetAsync(_group.ModeratorToken, Timeline(0))).ShouldBe(HttpStatusCode.OK);
        (await _app.GetAsync(_group.LeadToken, Timeline(0))).ShouldBe(HttpStatusCode.OK);
        (await _app.GetAsync(_group.Young[1].Token, Timeline(0))).ShouldBe(HttpStatusCode.Forbidden);
        (await _app.GetAsync(_group.Young[0].Token, Timeline(0))).ShouldBe(HttpStatusCode.Forbidden);
        (await _app.GetAsync(outsider, Timeline(0))).ShouldBe(HttpStatusCode.Forbidden);
    }
}
