using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Security;

/// <summary>
/// A hostile client: a bare WebSocket speaking SignalR's JSON protocol by hand, so a test can send what
/// no well-behaved client library would (oversized frames, invalid JSON, wrong arguments).
/// </summary>
public sealed class RawHubSocket : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';

    private readonly ClientWebSocket _socket = new();
    private readonly Channel<JsonElement> _frames = Channel.CreateUnbounded<JsonElement>();
    private readonly TaskCompletionSource<string?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private int _nextId;
    private Task _reading = Task.CompletedTask;

    /// <summary>Resolves when the server ends the connection, with the error of its Close message (null when none was given).</summary>
    public Task<string?> Closed => _closed.Task;

    public static async Task<RawHubSocket> ConnectAsync(OnlineGroupApp app, string token)
    {
        var raw = new RawHubSocket();
        var url = new UriBuilder(new Uri(app.BaseAddress, "/hubs/chat")) { Scheme = "ws", Query = "access_token=" + token }.Uri;
        await raw._socket.ConnectAsync(url, CancellationToken.None);
        await raw.SendRawAsync("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator);
        raw._reading = raw.ReadAsync();
        var handshake = await raw.NextFrameAsync();
        handshake.TryGetProperty("error", out _).Should().BeFalse("the handshake was accepted");
        return raw;
    }

    public Task SendRawAsync(string text) => SendRawAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendRawAsync(byte[] bytes) =>
        await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>Invokes a hub method with arguments written as raw JSON (e.g. <c>["g", null]</c>) and returns the Completion.</summary>
    public async Task<Completion> InvokeRawAsync(string target, string argumentsJson)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendRawAsync($"{{\"type\":1,\"invocationId\":\"{id}\",\"target\":{JsonSerializer.Serialize(target)},\"arguments\":{argumentsJson}}}{RecordSeparator}");
        while (true)
        {
            var frame = await NextFrameAsync();
            if (frame.GetProperty("type").GetInt32() == 3 && frame.GetProperty("invocationId").GetString() == id)
            {
                return new Completion(
                    frame.TryGetProperty("error", out var error) ? error.GetString() : null,
                    frame.TryGetProperty("result", out var result) ? result.Clone() : null);
            }
        }
    }

    public Task<Completion> InvokeAsync(string target, params object?[] arguments) =>
        InvokeRawAsync(target, JsonSerializer.Serialize(arguments));

    private async Task<JsonElement> NextFrameAsync()
    {
        using var timeout = new CancellationTokenSource(ChatClient.Patience);
        try
        {
            return await _frames.Reader.ReadAsync(timeout.Token);
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The server closed the connection: {await Closed}");
        }
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        var pending = new StringBuilder();
        string? closeError = null;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
                var text = pending.ToString();
                var end = text.LastIndexOf(RecordSeparator);
                if (end < 0)
                {
                    continue;
                }

                pending.Clear().Append(text[(end + 1)..]);
                foreach (var record in text[..end].Split(RecordSeparator))
                {
                    using var doc = JsonDocument.Parse(record);
                    var frame = doc.RootElement.Clone();
                    var type = frame.TryGetProperty("type", out var t) ? t.GetInt32() : 0;
                    if (type == 6)
                    {
                        continue; // ping
                    }

                    if (type == 7)
                    {
                        closeError = frame.TryGetProperty("error", out var e) ? e.GetString() : null;
                        continue;
                    }

                    _frames.Writer.TryWrite(frame);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // the server dropped the socket, or we are disposing
        }
        finally
        {
            _frames.Writer.TryComplete();
            _closed.TrySetResult(closeError);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading;
        _socket.Dispose();
        _stop.Dispose();
    }
}

/// <summary>A SignalR Completion: an error the client can show, or a result.</summary>
public sealed record Completion(string? Error, JsonElement? Result);
