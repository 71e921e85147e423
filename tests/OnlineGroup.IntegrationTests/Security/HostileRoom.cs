using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Security;

/// <summary>One server for a test class; each test opens its own group on it, so tests own their data.</summary>
public sealed class SecurityApp : IAsyncLifetime
{
    public OnlineGroupApp App { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// A live group where Sam misbehaves on a bare WebSocket while Alex and Robin chat on the real client:
/// after each attack the test checks the others noticed nothing and nothing was stored.
/// </summary>
public sealed class HostileRoom : IAsyncDisposable
{
    private HostileRoom(LiveGroup group, RawHubSocket sam, ChatClient alex, ChatClient robin)
    {
        Group = group;
        Sam = sam;
        Alex = alex;
        Robin = robin;
    }

    public LiveGroup Group { get; }

    public string Id => Group.GroupId;

    public RawHubSocket Sam { get; }

    public ChatClient Alex { get; }

    public ChatClient Robin { get; }

    public static async Task<HostileRoom> OpenAsync(OnlineGroupApp app)
    {
        var group = await app.LiveGroupAsync(youngPeople: 3);
        var sam = await RawHubSocket.ConnectAsync(app, group.Young[0].Token);
        (await sam.InvokeAsync("JoinGroup", group.GroupId)).Error.Should().BeNull();
        var alex = await ChatClient.ConnectAsync(app, group.Young[1].Token);
        (await alex.JoinAsync(group.GroupId)).Admitted.Should().BeTrue();
        var robin = await ChatClient.ConnectAsync(app, group.Young[2].Token);
        (await robin.JoinAsync(group.GroupId)).Admitted.Should().BeTrue();
        return new HostileRoom(group, sam, alex, robin);
    }

    /// <summary>The history as Alex sees it (what a young person may see).</summary>
    public Task<List<Message>> HistoryAsync() => Alex.HistoryAsync(Id, 0);

    /// <summary>Alex sends, Robin receives that very message next, and it is the only message added to the history.</summary>
    public async Task AssertOthersStillChatAsync(IReadOnlyList<Message> historyBefore)
    {
        var text = "still here " + Guid.NewGuid().ToString("N")[..6];
        (await Alex.SendAsync(Id, text)).Status.Should().Be("published");
        (await Robin.NextMessageAsync()).Text.Should().Be(text, "Robin's next message is Alex's: nothing of Sam's reached the room first");
        var after = await HistoryAsync();
        after.Select(m => m.Text).Should().Equal([.. historyBefore.Select(m => m.Text), text], "nothing Sam sent was stored");
    }

    public async ValueTask DisposeAsync()
    {
        await Sam.DisposeAsync();
        await Alex.DisposeAsync();
        await Robin.DisposeAsync();
    }
}
