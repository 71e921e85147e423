using Microsoft.AspNetCore.SignalR.Client;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Security;

/// <summary><c>Chat:MaxConnectionsPerAccount</c>: one account cannot hold more hub connections than the cap; others are unaffected.</summary>
public sealed class ConnectionLimits : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new(settings: new Dictionary<string, string?> { ["Chat:MaxConnectionsPerAccount"] = "3" });
    private LiveGroup _group = null!;

    public async Task InitializeAsync() => _group = await _app.LiveGroupAsync(youngPeople: 2);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AConnectionOverTheCapIsClosedWithAReasonAndAFreedPlaceCanBeUsedAgain()
    {
        var sam = _group.Young[0].Token;
        var open = new List<ChatClient>();
        for (var i = 0; i < 3; i++)
        {
            var client = await ChatClient.ConnectAsync(_app, sam);
            // The handshake is answered before the server counts the connection; an invocation is answered
            // only after, so the next connection is counted against all three (under a busy CI run it was not).
            (await client.JoinAsync(_group.GroupId)).Admitted.Should().BeTrue("a phone and two tabs are within the cap");
            open.Add(client);
        }

        var refusal = await RefusalOf(sam);

        refusal.Should().Contain("already have 3 chat connections open").And.Contain("Close some other tabs");
        foreach (var client in open)
        {
            client.Connection.State.Should().Be(HubConnectionState.Connected, "the connections within the cap are untouched");
        }

        await open[0].DisposeAsync();
        await using var again = await ChatClient.ConnectAsync(_app, sam);
        (await again.JoinAsync(_group.GroupId)).Admitted.Should().BeTrue("closing one connection frees its place");

        await using var alex = await ChatClient.ConnectAsync(_app, _group.Young[1].Token);
        (await alex.JoinAsync(_group.GroupId)).Admitted.Should().BeTrue("another young person's connections are counted on their own");
        await alex.SendAsync(_group.GroupId, "hi Sam");
        (await again.NextMessageAsync()).Text.Should().Be("hi Sam");
        foreach (var client in open.Skip(1))
        {
            await client.DisposeAsync();
        }
    }

    /// <summary>The error the server closes an over-the-cap connection with, whether it arrives during the start or just after.</summary>
    private async Task<string> RefusalOf(string token)
    {
        var connection = _app.Hub(token);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += e => { closed.TrySetResult(e); return Task.CompletedTask; };
        try
        {
            await connection.StartAsync();
            return (await closed.Task.WaitAsync(ChatClient.Patience))?.Message ?? "";
        }
        catch (Exception ex) when (ex is not TimeoutException)
        {
            return ex.Message;
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}
