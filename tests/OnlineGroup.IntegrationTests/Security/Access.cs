using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.SignalR.Client;
using HubException = Microsoft.AspNetCore.SignalR.HubException;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Security;

public sealed class Access : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new();
    private LiveGroup _group = null!;

    public async Task InitializeAsync() => _group = await _app.LiveGroupAsync(youngPeople: 1);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AYoungPersonCannotJoinReadOrWriteAGroupTheyAreNotIn()
    {
        var otherGroup = await _app.CreateGroupAsync(_group.AdminToken);
        await _app.OpenSessionNowAsync(_group.AdminToken, otherGroup);
        await using var sam = await ChatClient.ConnectAsync(_app, _group.Young[0].Token);

        var join = await sam.JoinAsync(otherGroup);
        join.Admitted.Should().BeFalse();
        join.Reason.Should().Be("notMember");
        (await sam.SendAsync(otherGroup, "let me in")).Reason.Should().Be("notJoined");
        await sam.Invoking(s => s.HistoryAsync(otherGroup, 0)).Should().ThrowAsync<HubException>();
        using var http = _app.Http(_group.Young[0].Token);
        (await http.GetAsync($"/api/groups/{otherGroup}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AYoungPersonCannotUseStaffMethodsAndNothingChanges()
    {
        await using var sam = await ChatClient.ConnectAsync(_app, _group.Young[0].Token);
        await sam.JoinAsync(_group.GroupId);

        var note = () => sam.Connection.InvokeAsync("SendStaffNote", _group.GroupId, "pretending to be staff");
        (await note.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("unauthorized");
        using var http = _app.Http(_group.Young[0].Token);
        (await http.PostAsJsonAsync($"/api/groups/{_group.GroupId}/members", new { displayName = "Sneaky", age = 15 })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await http.PostAsJsonAsync("/api/staff", new { username = "sneaky", password = "password-123", displayName = "Boss", role = "admin" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await http.GetAsync($"/api/groups/{_group.GroupId}/audit")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var admin = _app.Http(_group.AdminToken);
        (await admin.GetFromJsonAsync<List<object>>($"/api/groups/{_group.GroupId}/members")).Should().HaveCount(1, "no member was added");
    }

    [Fact]
    public async Task AForgedTokenIsRefusedByRestAndHub()
    {
        var forged = Sign(new SymmetricSecurityKey(new byte[64]), "admin", _app.Time.GetUtcNow().AddHours(1));
        await AssertRefused(forged);
    }

    [Fact]
    public async Task AnUnsignedAlgNoneTokenWithAForgedRoleIsRefused()
    {
        var header = Base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        var exp = _app.Time.GetUtcNow().AddHours(1).ToUnixTimeSeconds();
        var payload = Base64Url($"{{\"sub\":\"{_group.Young[0].UserId}\",\"role\":\"admin\",\"name\":\"x\",\"ver\":\"0\",\"iss\":\"onlinegroup\",\"aud\":\"onlinegroup\",\"exp\":{exp}}}");
        await AssertRefused($"{header}.{payload}.");
    }

    [Fact]
    public async Task AnExpiredTokenIsRefused()
    {
        var token = _group.Young[0].Token;
        _app.Time.Advance(TimeSpan.FromHours(4));
        await AssertRefused(token);
    }

    [Fact]
    public async Task AnonymousNegotiateIsUnauthorized()
    {
        using var http = _app.Http();
        (await http.PostAsync("/hubs/chat/negotiate?negotiateVersion=1", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private async Task AssertRefused(string token)
    {
        using var http = _app.Http(token);
        (await http.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await http.GetAsync($"/api/groups/{_group.GroupId}/audit")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var connect = () => ChatClient.ConnectAsync(_app, token);
        await connect.Should().ThrowAsync<Exception>();
    }

    private string Sign(SecurityKey key, string role, DateTimeOffset expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "onlinegroup",
        Audience = "onlinegroup",
        Expires = expires.UtcDateTime,
        IssuedAt = _app.Time.GetUtcNow().UtcDateTime,
        NotBefore = _app.Time.GetUtcNow().UtcDateTime,
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        Subject = new ClaimsIdentity([new Claim("sub", _group.Young[0].UserId), new Claim("role", role), new Claim("ver", "0")]),
    });

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(json);
}
