using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;

namespace OnlineGroup.IntegrationTests.Infrastructure;

public sealed record Message(string MessageId, string GroupId, long Seq, string AuthorId, string AuthorName, string AuthorRole, string Text, DateTimeOffset SentAt);

public sealed record SendResult(string Status, string? MessageId, long? Seq, string? Reason);

public sealed record JoinResult(bool Admitted, string? Reason, string State, IReadOnlyList<Message> History, JsonElement? NextSession);

/// <summary>
/// A connected SignalR client that records every event it receives, so a test can wait for the next
/// one of a kind (with a generous safety timeout) instead of sleeping.
/// </summary>
public sealed class ChatClient : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static readonly string[] Events =
    [
        "MessagePublished", "MessageRemoved", "MessageHeld", "MessageRejected", "GroupStateChanged", "SessionEnding", "SessionClosed",
        "Muted", "RemovedFromGroup", "PrivateMessage", "SupportOffered", "ModeratorRequested", "StaffNote",
        "ConcernRaised", "ConcernUpdated",
        "WaitlistPlaceOffered", "FollowUpDue",
    ];

    private readonly ConcurrentDictionary<string, Channel<JsonElement>> _inbox = new();

    private ChatClient(HubConnection connection)
    {
        Connection = connection;
        foreach (var name in Events)
        {
            connection.On<JsonElement>(name, payload => Inbox(name).Writer.TryWrite(payload));
        }
    }

    public HubConnection Connection { get; }

    public static async Task<ChatClient> ConnectAsync(OnlineGroupApp app, string token, Action<IHubConnectionBuilder>? configure = null)
    {
        var client = new ChatClient(app.Hub(token, configure));
        await client.Connection.StartAsync();
        return client;
    }

    /// <summary>A client of a server running as its own process, over WebSockets.</summary>
    public static async Task<ChatClient> ConnectAsync(Uri baseAddress, string token)
    {
        var connection = new HubConnectionBuilder().WithUrl(new Uri(baseAddress, "/hubs/chat"), o =>
        {
            o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            o.SkipNegotiation = true;
        }).Build();
        var client = new ChatClient(connection);
        await connection.StartAsync();
        return client;
    }

    public Task<JoinResult> JoinAsync(string groupId) => Connection.InvokeAsync<JoinResult>("JoinGroup", groupId);

    public Task<SendResult> SendAsync(string groupId, string text, string? clientMessageId = null) =>
        Connection.InvokeAsync<SendResult>("SendMessage", groupId, clientMessageId ?? Guid.NewGuid().ToString(), text);

    public Task<List<Message>> HistoryAsync(string groupId, long afterSeq) => Connection.InvokeAsync<List<Message>>("GetHistory", groupId, afterSeq);

    /// <summary>The next event of this kind, in arrival order.</summary>
    public Task<T> NextAsync<T>(string eventName) => NextAsync<T>(eventName, Patience);

    /// <summary>The next event of this kind, waiting up to <paramref name="patience"/> (for work handed between instances).</summary>
    public async Task<T> NextAsync<T>(string eventName, TimeSpan patience)
    {
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            var payload = await Inbox(eventName).Reader.ReadAsync(timeout.Token);
            return payload.Deserialize<T>(Api.Json)!;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No {eventName} arrived within {patience.TotalSeconds} s.");
        }
    }

    public Task<Message> NextMessageAsync() => NextAsync<Message>("MessagePublished");

    /// <summary>Everything of this kind received so far, without waiting.</summary>
    public IReadOnlyList<JsonElement> Drain(string eventName)
    {
        var items = new List<JsonElement>();
        while (Inbox(eventName).Reader.TryRead(out var item))
        {
            items.Add(item);
        }

        return items;
    }

    private Channel<JsonElement> Inbox(string name) => _inbox.GetOrAdd(name, _ => Channel.CreateUnbounded<JsonElement>());

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
