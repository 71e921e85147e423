using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OnlineGroup.IntegrationTests.Infrastructure;
using OnlineGroup.IntegrationTests.Safeguarding;

namespace OnlineGroup.IntegrationTests.ScaleOut;

/// <summary>
/// A webhook receiver (real Kestrel on 127.0.0.1) that keeps the first request it gets on the wire,
/// unanswered, until <see cref="Release"/> or until the sender gives up; every other request is answered
/// 200 at once. Like a real receiver it honours the Idempotency-Key: a key accepted before counts as a repeat.
/// </summary>
public sealed class HoldingReceiver : IAsyncDisposable
{
    private readonly Channel<Received> _accepted = Channel.CreateUnbounded<Received>();
    private readonly ConcurrentDictionary<string, bool> _acceptedKeys = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource<string> _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _abandoned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;
    private int _holdNext = 1;

    public Uri Url { get; private set; } = null!;

    /// <summary>Every request answered 200, in arrival order.</summary>
    public ConcurrentQueue<Received> All { get; } = new();

    /// <summary>The Idempotency-Key of the request being held, once it has arrived.</summary>
    public Task<string> Held => _held.Task.WaitAsync(ChatClient.Patience);

    /// <summary>Completes when the sender of the held request gave up on it (closed the connection).</summary>
    public Task Abandoned => _abandoned.Task.WaitAsync(ChatClient.Patience);

    public static async Task<HoldingReceiver> StartAsync()
    {
        var receiver = new HoldingReceiver();
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        receiver.Url = new Uri($"http://127.0.0.1:{port}/hooks/concerns");

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapPost("/hooks/concerns", receiver.HandleAsync);
        await app.StartAsync();
        receiver._app = app;
        return receiver;
    }

    /// <summary>Answers the held request (200) if its sender is still waiting.</summary>
    public void Release() => _release.TrySetResult();

    /// <summary>The next notification accepted as new (answered 200, key not seen before), in arrival order.</summary>
    public async Task<Received> NextAcceptedAsync()
    {
        using var timeout = new CancellationTokenSource(ChatClient.Patience);
        try
        {
            return await _accepted.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No notification reached the webhook receiver within {ChatClient.Patience.TotalSeconds} s.");
        }
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var key = http.Request.Headers["Idempotency-Key"].FirstOrDefault() ?? "";
        if (Interlocked.Exchange(ref _holdNext, 0) == 1)
        {
            _held.TrySetResult(key);
            try
            {
                await _release.Task.WaitAsync(http.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                _abandoned.TrySetResult();
                return;
            }
        }

        var repeat = !_acceptedKeys.TryAdd(key, true);
        var received = new Received(key, null, body, StatusCodes.Status200OK, repeat);
        All.Enqueue(received);
        if (!repeat)
        {
            _accepted.Writer.TryWrite(received);
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
