using System.Net;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Security;

public sealed class Origins : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new(settings: new Dictionary<string, string?> { ["Security:AllowedOrigins:0"] = "https://school.example" });
    private string _token = null!;

    public async Task InitializeAsync() => _token = (await _app.AdminAsync()).AccessToken;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ANegotiateFromAnotherOriginIsRefused()
    {
        var response = await Negotiate("https://evil.example");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Security:AllowedOrigins");
    }

    [Fact]
    public async Task AWebSocketUpgradeFromAnotherOriginIsRefused()
    {
        using var socket = new System.Net.WebSockets.ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", "https://evil.example");
        var url = new UriBuilder(new Uri(_app.BaseAddress, "/hubs/chat")) { Scheme = "ws", Query = "access_token=" + _token }.Uri;

        var connect = () => socket.ConnectAsync(url, CancellationToken.None);

        (await connect.Should().ThrowAsync<System.Net.WebSockets.WebSocketException>()).Which.Message.Should().Contain("403");
    }

    [Fact]
    public async Task TheServersOwnOriginAndAllowedOriginsAreAccepted()
    {
        (await Negotiate(_app.BaseAddress.GetLeftPart(UriPartial.Authority))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await Negotiate("https://school.example")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private async Task<HttpResponseMessage> Negotiate(string origin)
    {
        using var http = _app.Http(_token);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/chat/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", origin);
        return await http.SendAsync(request);
    }
}
