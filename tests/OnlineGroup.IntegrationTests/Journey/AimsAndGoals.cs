using System.Net;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Journey;

public sealed class AimsAndGoals : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new();
    private LiveGroup _group = null!;

    public async Task InitializeAsync() => _group = await _app.LiveGroupAsync(youngPeople: 2);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private string Path(string rest = "") => $"/api/groups/{_group.GroupId}{rest}";

    [Fact]
    public async Task ANewGroupStartsWithTheDefaultAimsThatItsYoungPeopleCanRead()
    {
        var aims = await _app.GetAsync<List<Aim>>(_group.Young[0].Token, Path("/aims"));

        aims.Select(a => a.Text).Should().Equal(
            "Better help seeking", "Exploring emotions safely", "Managing crisis moments in a healthier way", "Recognising and managing triggers");
        aims.Select(a => a.Position).Should().Equal(1, 2, 3, 4);
    }

    [Fact]
    public async Task StaffEditTheAimsAndGoalsStayUnderTheAimsTheyKeep()
    {
        var aims = await _app.GetAsync<List<Aim>>(_group.ModeratorToken, Path("/aims"));
        var goal = await _app.PostAsync<Goal>(_group.Young[0].Token, Path("/goals"), new { aimId = aims[0].AimId, text = "Tell my mum when I'm struggling" });

        using var http = _app.Http(_group.ModeratorToken);
        var put = await http.PutAsync(Path("/aims"), System.Net.Http.Json.JsonContent.Create(new
        {
            aims = new object[]
            {
                new { aimId = aims[1].AimId, text = aims[1].Text },
                new { aimId = aims[0].AimId, text = "Asking for help early" },
                new { text = "Building friendships that are good for us" },
            },
        }));
        var edited = await put.ReadAsync<List<Aim>>();

        edited.Select(a => a.Text).Should().Equal("Exploring emotions safely", "Asking for help early", "Building friendships that are good for us");
        (await _app.GetAsync<List<Aim>>(_group.Young[1].Token, Path("/aims"))).Should().BeEquivalentTo(edited);
        (await _app.GetAsync<List<Goal>>(_group.Young[0].Token, Path("/goals"))).Should().ContainSingle()
            .Which.Should().Match<Goal>(g => g.GoalId == goal.GoalId && g.Aim == "Asking for help early");
        (await _app.AuditAsync(_group.AdminToken, _group.GroupId, "aims.updated")).Should().ContainSingle();
    }

    [Fact]
    public async Task YoungPeopleCannotChangeTheGroupsAims()
    {
        using var http = _app.Http(_group.Young[0].Token);
        var put = await http.PutAsync(Path("/aims"), System.Net.Http.Json.JsonContent.Create(new { aims = new[] { new { text = "Mine" } } }));

        put.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task EachYoungPersonSetsGoalsUnderTheAimsAndSeesOnlyTheirOwn()
    {
        var aims = await _app.GetAsync<List<Aim>>(_group.Young[0].Token, Path("/aims"));
        await _app.PostAsync<Goal>(_group.Young[0].Token, Path("/goals"), new { aimId = aims[0].AimId, text = "Text Childline instead of bottling it up" });
        await _app.PostAsync<Goal>(_group.Young[0].Token, Path("/goals"), new { aimId = aims[3].AimId, text = "Notice what sets me off at school" });
        await _app.PostAsync<Goal>(_group.Young[1].Token, Path("/goals"), new { aimId = aims[1].AimId, text = "Name one feeling each day" });

        var sams = await _app.GetAsync<List<Goal>>(_group.Young[0].Token, Path("/goals"));
        var alexs = await _app.GetAsync<List<Goal>>(_group.Young[1].Token, Path("/goals"));

        sams.Select(g => (g.Aim, g.Text)).Should().Equal(
            ("Better help seeking", "Text Childline instead of bottling it up"), ("Recognising and managing triggers", "Notice what sets me off at school"));
        alexs.Should().ContainSingle().Which.Text.Should().Be("Name one feeling each day");
        (await _app.GetAsync<List<Goal>>(_group.ModeratorToken, Path($"/goals?memberId={_group.Young[1].MemberId}"))).Should().BeEquivalentTo(alexs);
    }

    [Fact]
    public async Task AGoalNeedsOneOfTheGroupsAimsAndWordsOfItsOwn()
    {
        (await _app.PostAsync(_group.Young[0].Token, Path("/goals"), new { aimId = "not-an-aim", text = "Something" })).ShouldBe(HttpStatusCode.BadRequest);
        var aims = await _app.GetAsync<List<Aim>>(_group.Young[0].Token, Path("/aims"));
        (await _app.PostAsync(_group.Young[0].Token, Path("/goals"), new { aimId = aims[0].AimId, text = "  " })).ShouldBe(HttpStatusCode.BadRequest);
        (await _app.PostAsync(_group.ModeratorToken, Path("/goals"), new { aimId = aims[0].AimId, text = "Staff do not set goals" })).ShouldBe(HttpStatusCode.Forbidden);
    }
}
