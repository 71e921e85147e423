using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Security;

public sealed class Revocation
{
    [Fact]
    public async Task DisablingAnAccountClosesItsLiveConnectionsAndRefusesItsToken()
    {
        await using var app = new OnlineGroupApp();
        var group = await app.LiveGroupAsync(youngPeople: 1);
        await using var sam = await ChatClient.ConnectAsync(app, group.Young[0].Token);
        await sam.JoinAsync(group.GroupId);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sam.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        using var admin = app.Http(group.AdminToken);
        (await admin.PostAsync($"/api/accounts/{group.Young[0].UserId}/disable", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        sam.Connection.State.Should().Be(HubConnectionState.Disconnected);
        using var http = app.Http(group.Young[0].Token);
        (await http.GetAsync("/api/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var again = () => ChatClient.ConnectAsync(app, group.Young[0].Token);
        await again.Should().ThrowAsync<Exception>();
    }

    [Fact]
    public async Task AConnectionClosesWhenItsTokenExpires()
    {
        // SignalR checks a connection's expiry against the real clock, so the token is issued on a
        // test clock set back far enough that it lapses a few real seconds from now.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow - TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(20));
        await using var app = new OnlineGroupApp(time, settings: new Dictionary<string, string?> { ["Auth:TokenLifetime"] = "00:10:00" });
        var group = await app.LiveGroupAsync(youngPeople: 1);
        await using var sam = await ChatClient.ConnectAsync(app, group.Young[0].Token);
        await sam.JoinAsync(group.GroupId);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sam.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        await closed.Task.WaitAsync(TimeSpan.FromSeconds(60));

        sam.Connection.State.Should().Be(HubConnectionState.Disconnected);
    }
}
