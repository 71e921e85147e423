using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Readiness;

/// <summary>Keen and informed: young people read the aims and house rules and agree before their first session.</summary>
public sealed class AgreeingToHouseRules : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new();
    private LiveGroup _group = null!;
    private string _coFacilitatorId = null!;
    private YoungPerson _sam = null!;

    public async Task InitializeAsync()
    {
        _group = await _app.LiveGroupAsync(youngPeople: 0);
        (_coFacilitatorId, _) = await _app.CoFacilitatorAsync(_group);
        await _app.PutReadinessAsync(_group.ModeratorToken, _group.GroupId, ReadinessSteps.Complete(_group.ModeratorId, _coFacilitatorId));
        _sam = await _app.YoungPersonAsync(_group.ModeratorToken, _group.GroupId, "Sam"); // redeemed after reading house rules version 1
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AnInvitationShowsTheGroupsAimsHouseRulesAndNextSessionButNothingAboutMembers()
    {
        var river = await _app.AddMemberAsync(_group.ModeratorToken, _group.GroupId, "River");
        using var anonymous = _app.Http();

        var invitation = await (await anonymous.GetAsync($"/api/invitations/{river.InviteCode}")).ReadAsync<JsonElement>();

        invitation.GetProperty("groupName").GetString().Should().Be("Evening group");
        invitation.GetProperty("aims").EnumerateArray().Select(a => a.GetString()).Should().Contain("Better help seeking", "the group's aims, as staff set them");
        invitation.GetProperty("houseRules").GetString().Should().Be(ReadinessSteps.HouseRules);
        invitation.GetProperty("houseRulesVersion").GetInt32().Should().Be(1);
        invitation.GetProperty("nextSession").GetProperty("endsAt").GetDateTimeOffset().Should().BeAfter(_app.Time.GetUtcNow());
        invitation.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(["groupName", "aims", "houseRules", "houseRulesVersion", "nextSession"]);
        invitation.ToString().Should().NotContain("Sam").And.NotContain("River");
    }

    [Fact]
    public async Task RedeemingWithoutAgreeingIsRefusedAndTheCodeStillWorksAfterAgreeing()
    {
        var river = await _app.AddMemberAsync(_group.ModeratorToken, _group.GroupId, "River");
        using var anonymous = _app.Http();

        var refused = await anonymous.PostAsJsonAsync("/api/auth/redeem", new { inviteCode = river.InviteCode, username = "river.k", password = "young-password-1" });

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.ProblemDetailAsync()).Should().Contain("read the group's aims and house rules, and agree to them");
        var login = await (await anonymous.PostAsJsonAsync("/api/auth/redeem",
            new { inviteCode = river.InviteCode, username = "river.k", password = "young-password-1", agreedToHouseRules = true, houseRulesVersion = 1 }))
            .ReadAsync<Login>();
        using var asRiver = _app.Http(login.AccessToken);
        var rules = await asRiver.GetFromJsonAsync<JsonElement>($"/api/groups/{_group.GroupId}/house-rules");
        rules.GetProperty("agreedVersion").GetInt32().Should().Be(1);
        rules.GetProperty("agreedAt").GetDateTimeOffset().Should().Be(_app.Time.GetUtcNow());
        rules.GetProperty("mustAgree").GetBoolean().Should().BeFalse();
        using var admin = _app.Http(_group.AdminToken);
        var audit = await admin.GetFromJsonAsync<List<JsonElement>>($"/api/groups/{_group.GroupId}/audit");
        audit!.Should().ContainSingle(a => a.GetProperty("action").GetString() == "houseRules.agreed" && a.GetProperty("targetId").GetString() == river.MemberId)
            .Which.GetProperty("data").GetProperty("houseRulesVersion").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task AgreeingToRulesThatChangedSinceTheyWereReadIsRefused()
    {
        var river = await _app.AddMemberAsync(_group.ModeratorToken, _group.GroupId, "River");
        await _app.PutReadinessAsync(_group.ModeratorToken, _group.GroupId,
            ReadinessSteps.Complete(_group.ModeratorId, _coFacilitatorId, houseRules: "Be kind. Stay on topic."));
        using var anonymous = _app.Http();

        var stale = await anonymous.PostAsJsonAsync("/api/auth/redeem",
            new { inviteCode = river.InviteCode, username = "river.k", password = "young-password-1", agreedToHouseRules = true, houseRulesVersion = 1 });

        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await stale.ProblemDetailAsync()).Should().Contain("read them again");
    }

    [Fact]
    public async Task WhenTheHouseRulesChangeAMemberAgreesAgainBeforeTheyNextJoin()
    {
        var sam = _sam;
        await using var chat = await ChatClient.ConnectAsync(_app, sam.Token);
        (await chat.JoinAsync(_group.GroupId)).Admitted.Should().BeTrue();

        await _app.PutReadinessAsync(_group.ModeratorToken, _group.GroupId,
            ReadinessSteps.Complete(_group.ModeratorId, _coFacilitatorId, houseRules: "Be kind. No pictures at all."));
        var join = await chat.JoinAsync(_group.GroupId);

        join.Admitted.Should().BeFalse();
        join.Reason.Should().Be("mustAgree");
        using var http = _app.Http(sam.Token);
        var rules = await http.GetFromJsonAsync<JsonElement>($"/api/groups/{_group.GroupId}/house-rules");
        rules.GetProperty("mustAgree").GetBoolean().Should().BeTrue();
        rules.GetProperty("houseRules").GetString().Should().Be("Be kind. No pictures at all.");
        var agreed = await (await http.PostAsJsonAsync($"/api/groups/{_group.GroupId}/agreement", new { houseRulesVersion = 2 })).ReadAsync<JsonElement>();
        agreed.GetProperty("agreedVersion").GetInt32().Should().Be(2);
        (await chat.JoinAsync(_group.GroupId)).Admitted.Should().BeTrue();
    }

    [Fact]
    public async Task AnInvitationCodeReadBeforeRedeemingNeverReachesTheServerLogs()
    {
        var logs = TestPaths.NewFolder("logs");
        string code;
        await using (var app = new OnlineGroupApp(settings: new Dictionary<string, string?> { ["Serilog:WriteTo:0:Args:path"] = Path.Combine(logs, "server-.json") }))
        {
            var group = await app.LiveGroupAsync(youngPeople: 0);
            code = (await app.AddMemberAsync(group.AdminToken, group.GroupId, "River")).InviteCode;
            using var anonymous = app.Http();
            (await anonymous.GetAsync($"/api/invitations/{code}")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var lines = Directory.GetFiles(logs, "*.json").SelectMany(File.ReadAllLines).ToList();
        lines.Should().Contain(l => l.Contains("/api/invitations/{code}", StringComparison.Ordinal), "the request is logged by its route");
        lines.Should().NotContain(l => l.Contains(code, StringComparison.Ordinal) || l.Contains(code.Replace("-", "", StringComparison.Ordinal), StringComparison.Ordinal));
    }

    [Fact]
    public async Task GuessingInvitationCodesIsSlowedDown()
    {
        using var anonymous = _app.Http();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add((await anonymous.GetAsync($"/api/invitations/AAAA-BBBB-CC{i}{i}")).StatusCode);
        }

        answers.Take(5).Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.NotFound));
        answers[5].Should().Be(HttpStatusCode.TooManyRequests);
    }
}
