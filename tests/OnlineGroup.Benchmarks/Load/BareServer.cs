using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OnlineGroup.Benchmarks.Load;

/// <summary>
/// The baseline for the load benchmark: a hub at <c>/hubs/chat</c> with the product's method names
/// and payload shapes, and nothing else (no auth, no storage, no scan, no rate limit). Whatever the
/// product costs over this is the price of its gate, safeguarding and persistence.
/// Started as its own process: <c>OnlineGroup.Benchmarks bare-server --urls http://127.0.0.1:PORT</c>.
/// </summary>
internal static class BareServer
{
    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSignalR();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<BareSequences>();

        var app = builder.Build();
        // The harness polls this to know the process is listening.
        app.MapGet("/health/ready", () => "ok");
        app.MapHub<BareChatHub>("/hubs/chat");
        await app.RunAsync();
    }
}

// Public: SignalR emits a proxy type implementing the client interface.
public interface IBareChatClient
{
    Task MessagePublished(BareMessagePublished message);
}

public sealed record BareJoinAnswer(bool Admitted, string? Reason, string State, IReadOnlyList<BareMessagePublished> History, object? NextSession);

public sealed record BareSendAnswer(string Status, string MessageId, long Seq, string? Reason);

public sealed record BareMessagePublished(
    string MessageId, string GroupId, long Seq, string AuthorId, string AuthorName, string AuthorRole, string Text, DateTimeOffset SentAt);

/// <summary>Per-group message sequence numbers, as the product numbers its messages.</summary>
public sealed class BareSequences
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _byGroup = new(StringComparer.Ordinal);

    public long Next(string groupId) => Interlocked.Increment(ref _byGroup.GetOrAdd(groupId, static _ => new StrongBox<long>()).Value);
}

public sealed class BareChatHub(BareSequences sequences, TimeProvider time) : Hub<IBareChatClient>
{
    private static readonly BareJoinAnswer Admitted = new(true, null, "open", [], null);

    public async Task<BareJoinAnswer> JoinGroup(string groupId)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, groupId);
        return Admitted;
    }

    public async Task<BareSendAnswer> SendMessage(string groupId, string clientMessageId, string text)
    {
        var seq = sequences.Next(groupId);
        var messageId = Guid.NewGuid().ToString("N");
        var message = new BareMessagePublished(
            messageId, groupId, seq, Context.ConnectionId, "Member", "participant", text, time.GetUtcNow());
        await Clients.Group(groupId).MessagePublished(message);
        return new BareSendAnswer("published", messageId, seq, null);
    }
}
