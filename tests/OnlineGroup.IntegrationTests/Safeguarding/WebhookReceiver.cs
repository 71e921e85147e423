using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Safeguarding;

/// <summary>One POST as the receiver saw it, what it answered, and whether its Idempotency-Key had been accepted before.</summary>
public sealed record Received(string? IdempotencyKey, string? Signature, string Body, int Status, bool Repeat)
{
    public JsonElement Json => JsonSerializer.Deserialize<JsonElement>(Body);

    public string ConcernId => Json.GetProperty("concernId").GetString()!;

    public string Event => Json.GetProperty("event").GetString()!;

    public int EscalationLevel => Json.GetProperty("escalationLevel").GetInt32();
}

/// <summary>
/// A tiny webhook receiver on real Kestrel (127.0.0.1, a port reserved up front so that it can be
/// "down" and come back at the same address). It answers 503 to the first <see cref="FailFirst"/>
/// requests, then 200, and records every request. Like a real receiver it honours the Idempotency-Key:
/// a key it already accepted is answered 200 again but counts as a repeat, not a new notification.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly Channel<Received> _accepted = Channel.CreateUnbounded<Received>();
    private readonly Channel<Received> _requests = Channel.CreateUnbounded<Received>();
    private readonly ConcurrentDictionary<string, bool> _acceptedKeys = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private int _count;

    private WebhookReceiver(int port) => Port = port;

    public int Port { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/hooks/concerns");

    public int FailFirst { get; init; }

    public ConcurrentQueue<Received> All { get; } = new();

    /// <summary>A receiver at a free address that is not listening yet: the receiver is down.</summary>
    public static WebhookReceiver Reserve(int failFirst = 0)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new WebhookReceiver(port) { FailFirst = failFirst };
    }

    public static async Task<WebhookReceiver> StartAsync(int failFirst = 0)
    {
        var receiver = Reserve(failFirst);
        await receiver.StartAsync();
        return receiver;
    }

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, Port));
        var app = builder.Build();
        app.MapPost("/hooks/concerns", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var key = http.Request.Headers["Idempotency-Key"].FirstOrDefault();
            var status = Interlocked.Increment(ref _count) <= FailFirst ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            var repeat = status == StatusCodes.Status200OK && key is not null && !_acceptedKeys.TryAdd(key, true);
            var received = new Received(key, http.Request.Headers["X-OnlineGroup-Signature"].FirstOrDefault(), body, status, repeat);
            All.Enqueue(received);
            _requests.Writer.TryWrite(received);
            if (status == StatusCodes.Status200OK && !repeat)
            {
                _accepted.Writer.TryWrite(received);
            }

            return Results.StatusCode(status);
        });
        await app.StartAsync();
        _app = app;
    }

    /// <summary>The next notification accepted as new (answered 200, key not seen before), in arrival order.</summary>
    public Task<Received> NextAcceptedAsync() => NextAsync(_accepted, "accepted notification");

    /// <summary>The next request of any outcome, in arrival order.</summary>
    public Task<Received> NextRequestAsync() => NextAsync(_requests, "request");

    private static async Task<Received> NextAsync(Channel<Received> channel, string what)
    {
        using var timeout = new CancellationTokenSource(ChatClient.Patience);
        try
        {
            return await channel.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No {what} reached the webhook receiver within {ChatClient.Patience.TotalSeconds} s.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
