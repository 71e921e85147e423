using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Accounts;

public sealed class SigningIn : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new(kestrel: false);
    private LiveGroup _group = null!;

    public async Task InitializeAsync() => _group = await _app.LiveGroupAsync(youngPeople: 0, open: false);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AFailedSignInSaysTheSameWhetherOrNotTheUserExists()
    {
        using var http = _app.Http();
        var wrongPassword = await http.PostAsJsonAsync("/api/auth/login", new { username = OnlineGroupApp.AdminUsername, password = "wrong-password" });
        var noSuchUser = await http.PostAsJsonAsync("/api/auth/login", new { username = "nobody.here", password = "wrong-password" });

        wrongPassword.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        noSuchUser.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var a = await wrongPassword.Content.ReadFromJsonAsync<JsonElement>();
        var b = await noSuchUser.Content.ReadFromJsonAsync<JsonElement>();
        a.GetProperty("detail").GetString().Should().Be(b.GetProperty("detail").GetString()).And.Be("The username or password is not right.");
        a.GetProperty("title").GetString().Should().Be(b.GetProperty("title").GetString());
    }

    [Fact]
    public async Task RepeatedFailuresLockTheUsernameOutUntilTheLockoutPasses()
    {
        using var http = _app.Http();
        for (var i = 0; i < 5; i++)
        {
            (await http.PostAsJsonAsync("/api/auth/login", new { username = OnlineGroupApp.AdminUsername, password = "guess" + i })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        var locked = await http.PostAsJsonAsync("/api/auth/login", new { username = OnlineGroupApp.AdminUsername, password = OnlineGroupApp.AdminPassword });
        locked.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "even the right password waits out the lockout");
        (await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("wait 5 minutes");

        _app.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        (await http.PostAsJsonAsync("/api/auth/login", new { username = OnlineGroupApp.AdminUsername, password = OnlineGroupApp.AdminPassword })).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnInvitationCodeWorksOnceAndTheYoungPersonSignsInWithWhatTheyChose()
    {
        var member = await _app.AddMemberAsync(_group.AdminToken, _group.GroupId, "Robin");
        var redeemed = await _app.RedeemAsync(member.InviteCode.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal), "robin.r");
        redeemed.Role.Should().Be("participant");
        redeemed.DisplayName.Should().Be("Robin");
        redeemed.MemberId.Should().Be(member.MemberId);

        using var http = _app.Http();
        var again = await http.PostAsJsonAsync("/api/auth/redeem", new { inviteCode = member.InviteCode, username = "robin.two", password = "another-pass-1" });
        again.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("already been used");
        (await _app.LoginAsync("robin.r", "young-password-1")).UserId.Should().Be(redeemed.UserId);
    }

    [Theory]
    [InlineData("Sam\u202Eevil", "direction-changing")]
    [InlineData("Sa\u200Bm", "invisible")]
    [InlineData("Mod\u0000", "control")]
    [InlineData("M0derator Jo", "staff")]
    [InlineData("", "needed")]
    public async Task DisplayNamesThatCouldMisleadAreRefusedWithAReason(string displayName, string why)
    {
        using var http = _app.Http(_group.AdminToken);
        var response = await http.PostAsJsonAsync($"/api/groups/{_group.GroupId}/members", new { displayName, age = 15 });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain(why);
    }

    [Fact]
    public async Task ALoneSurrogateInADisplayNameIsRefused()
    {
        using var http = _app.Http(_group.AdminToken);
        using var body = new StringContent("{\"displayName\":\"Sam\\ud800\",\"age\":15}", System.Text.Encoding.UTF8, "application/json");
        var response = await http.PostAsync($"/api/groups/{_group.GroupId}/members", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
