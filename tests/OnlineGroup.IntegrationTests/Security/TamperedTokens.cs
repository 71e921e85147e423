using System.Net;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Security;

/// <summary>A real token whose role claim was edited (signature kept): 401 on REST and on the hub. (Other keys, alg none and expiry: Access.)</summary>
public sealed class TamperedTokens : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new();
    private LiveGroup _group = null!;

    public async Task InitializeAsync() => _group = await _app.LiveGroupAsync(youngPeople: 1);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AYoungPersonsTokenEditedToSayAdminIsRefusedByRestAndHub()
    {
        var parts = _group.Young[0].Token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        payload.Should().Contain("\"role\":\"participant\"");
        var edited = $"{parts[0]}.{Base64UrlEncoder.Encode(payload.Replace("\"role\":\"participant\"", "\"role\":\"admin\"", StringComparison.Ordinal))}.{parts[2]}";

        using var http = _app.Http(edited);
        (await http.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await http.GetAsync($"/api/groups/{_group.GroupId}/audit")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await http.PostAsync("/hubs/chat/negotiate?negotiateVersion=1", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var connect = () => ChatClient.ConnectAsync(_app, edited);
        (await connect.Should().ThrowAsync<Exception>()).Which.Message.Should().Contain("401");

        using var original = _app.Http(_group.Young[0].Token);
        (await original.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.OK, "the unedited token still works");
    }
}
