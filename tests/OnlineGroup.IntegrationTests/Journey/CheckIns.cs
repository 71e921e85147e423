using System.Net;
using System.Xml.Linq;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Journey;

public sealed class CheckIns : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new();
    private LiveGroup _group = null!;
    private Goal _goal = null!;

    public async Task InitializeAsync()
    {
        _group = await _app.LiveGroupAsync(youngPeople: 2);
        var aims = await _app.GetAsync<List<Aim>>(_group.Young[0].Token, Path("/aims"));
        _goal = await _app.PostAsync<Goal>(_group.Young[0].Token, Path("/goals"), new { aimId = aims[0].AimId, text = "Ask for help <before> it gets bad & say so" });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static readonly TimeSpan Step = TimeSpan.FromMinutes(40);

    private string Path(string rest = "") => $"/api/groups/{_group.GroupId}{rest}";

    private string Progress => Path($"/members/{_group.Young[0].MemberId}/progress");

    private async Task CheckInAsync(params int[] scores)
    {
        foreach (var score in scores)
        {
            (await _app.PostAsync(_group.Young[0].Token, Path("/checkins"), new { goalId = _goal.GoalId, score, note = score < 3 ? "rough week" : null }))
                .ShouldBe(HttpStatusCode.Created);
            // Later the same evening (sign-ins last three hours; the exit tests move the clock by weeks).
            _app.Time.Advance(Step);
        }
    }

    [Fact]
    public async Task CheckInsAddUpToTheProgressDataInOrder()
    {
        var start = _app.Time.GetUtcNow();
        await CheckInAsync(2, 3, 4);

        var progress = await _app.GetAsync<ProgressData>(_group.Young[0].Token, Progress);

        progress.DisplayName.Should().Be("Sam");
        var goal = progress.Goals.Should().ContainSingle().Subject;
        goal.Aim.Should().Be("Better help seeking");
        goal.CheckIns.Select(c => (c.Score, c.Note)).Should().Equal((2, "rough week"), (3, null), (4, null));
        goal.CheckIns.Select(c => c.At).Should().Equal(start, start + Step, start + Step + Step);
        (await _app.GetAsync<List<Goal>>(_group.Young[0].Token, Path("/goals"))).Single().LatestScore.Should().Be(4);
    }

    [Fact]
    public async Task TheChartIsAnAccessibleSvgForTheYoungPersonAndTheirStaff()
    {
        await CheckInAsync(1, 3, 5);

        foreach (var token in new[] { _group.Young[0].Token, _group.ModeratorToken, _group.LeadToken })
        {
            var response = await _app.GetAsync(token, Progress + ".svg");
            response.ShouldBe(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.Should().Be("image/svg+xml");
            var svg = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
            XNamespace ns = "http://www.w3.org/2000/svg";
            svg.Attribute("role")!.Value.Should().Be("img");
            svg.Element(ns + "title")!.Value.Should().Be("Progress for Sam in Evening group");
            var desc = svg.Element(ns + "desc")!.Value;
            desc.Should().Contain("Ask for help <before> it gets bad & say so", "the goal's words are escaped, not dropped")
                .And.Contain("going from 1 to 5 (up)").And.Contain("Scores in order: 1, 3, 5");
            svg.Descendants(ns + "text").Select(t => t.Value).Should().Contain(["1", "3", "5"], "each point says its score, so colour is never needed");
        }
    }

    [Fact]
    public async Task AnotherYoungPersonInTheSameGroupCannotSeeSomeonesProgress()
    {
        await CheckInAsync(3);

        (await _app.GetAsync(_group.Young[1].Token, Progress)).ShouldBe(HttpStatusCode.Forbidden);
        (await _app.GetAsync(_group.Young[1].Token, Progress + ".svg")).ShouldBe(HttpStatusCode.Forbidden);
        (await _app.GetAsync<List<Goal>>(_group.Young[1].Token, Path($"/goals?memberId={_group.Young[0].MemberId}")))
            .Should().BeEmpty("a young person's goal list is always their own");
    }

    [Fact]
    public async Task ScoresOutsideOneToFiveAndOtherPeoplesGoalsAreRefused()
    {
        var tooHigh = await _app.PostAsync(_group.Young[0].Token, Path("/checkins"), new { goalId = _goal.GoalId, score = 6 });
        tooHigh.ShouldBe(HttpStatusCode.BadRequest);
        (await tooHigh.DetailAsync()).Should().Contain("from 1 (not well) to 5 (really well)");
        (await _app.PostAsync(_group.Young[0].Token, Path("/checkins"), new { goalId = _goal.GoalId, score = 0 })).ShouldBe(HttpStatusCode.BadRequest);
        (await _app.PostAsync(_group.Young[1].Token, Path("/checkins"), new { goalId = _goal.GoalId, score = 3 })).ShouldBe(HttpStatusCode.BadRequest);
        (await _app.GetAsync<ProgressData>(_group.ModeratorToken, Progress)).Goals.Single().CheckIns.Should().BeEmpty();
    }
}
