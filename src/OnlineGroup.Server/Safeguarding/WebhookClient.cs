using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Safeguarding;

/// <summary>
/// The body POSTed for one notification. Ids, severity and dates only: never a message's text or
/// anyone's name, because the receiver may be e-mail or SMS infrastructure.
/// </summary>
public sealed record ConcernNotificationPayload(
    string NotificationId,
    string Event,
    string ConcernId,
    string GroupId,
    string Severity,
    IReadOnlyList<string> Categories,
    int EscalationLevel,
    string Status,
    string Source,
    DateTimeOffset RaisedAt,
    DateTimeOffset NotifiedAt,
    string Link)
{
    public const string Raised = "concern.raised";
    public const string Escalated = "concern.escalated";

    /// <summary>A new outbox row for this concern as it is now; the key is also the Idempotency-Key.</summary>
    public static ConcernNotification Row(Concern concern, string kind, DateTimeOffset now)
    {
        var key = Guid.NewGuid().ToString("N");
        var payload = new ConcernNotificationPayload(key, kind, concern.Id, concern.GroupId, concern.Severity,
            ConcernMapping.CategoriesOf(concern), concern.EscalationLevel, concern.Status, concern.Source, concern.RaisedAt, now,
            "/safeguarding?concern=" + Uri.EscapeDataString(concern.Id));
        return new ConcernNotification
        {
            Key = key,
            ConcernId = concern.Id,
            Kind = kind,
            Payload = JsonSerializer.Serialize(payload, JsonSerializerOptions.Web),
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }
}

/// <summary>What one delivery came to.</summary>
public sealed record DeliveryResult(bool Delivered, string? Error, bool CircuitOpen = false);

/// <summary>
/// The typed client for <c>Safeguarding:WebhookUrl</c>. Its handler runs the <see cref="WebhookResilience"/>
/// pipeline, which re-sends the same request (same body, same Idempotency-Key) on each retry.
/// </summary>
public sealed class WebhookClient(HttpClient http, IOptionsMonitor<SafeguardingOptions> options)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string SignatureHeader = "X-OnlineGroup-Signature";

    public async Task<DeliveryResult> PostAsync(string key, string payload, CancellationToken ct)
    {
        var settings = options.CurrentValue;
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl)
        {
            Content = new StringContent(payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(IdempotencyKeyHeader, key);
        if (!string.IsNullOrEmpty(settings.WebhookSecret))
        {
            request.Headers.Add(SignatureHeader, Sign(settings.WebhookSecret, payload));
        }

        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            return response.IsSuccessStatusCode
                ? new DeliveryResult(true, null)
                : new DeliveryResult(false, $"HTTP {(int)response.StatusCode}");
        }
        catch (BrokenCircuitException)
        {
            return new DeliveryResult(false, "circuit open", CircuitOpen: true);
        }
        catch (TimeoutRejectedException)
        {
            return new DeliveryResult(false, "timed out");
        }
        catch (HttpRequestException error)
        {
            return new DeliveryResult(false, error.HttpRequestError.ToString());
        }
    }

    /// <summary><c>sha256=</c> and the lower-case hex HMAC-SHA256 of the exact body, keyed with the shared secret.</summary>
    public static string Sign(string secret, string payload) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload)));
}

/// <summary>
/// The webhook's Polly v8 pipeline, outermost first: a total timeout, retry (exponential backoff with
/// jitter, on 5xx, 408, 429, network errors and attempt timeouts), a circuit breaker sized for a handful
/// of notifications an hour, and a per-attempt timeout. What it still cannot deliver stays in the outbox.
/// </summary>
public static class WebhookResilience
{
    public const string PipelineName = "webhook";

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, WebhookOptions options)
    {
        // These are waits on a remote server, so they run on the real clock: the app's TimeProvider is
        // fake in tests and would never let an in-flight attempt time out. The outbox's own schedule
        // (when to try a row again) runs on the app's TimeProvider.
        pipeline.TimeProvider = TimeProvider.System;
        pipeline
            .AddTimeout(new HttpTimeoutStrategyOptions
            {
                Name = "total",
                Timeout = TotalTimeout(options),
            })
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.Retries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                MaxDelay = TimeSpan.FromMinutes(1),
                // Retry-After from a struggling receiver is honoured (it is the default; said here on purpose).
                ShouldRetryAfterHeader = true,
            })
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                // Low volume: a few failures in half a minute mean the receiver is down, not unlucky.
                MinimumThroughput = 3,
                SamplingDuration = TimeSpan.FromSeconds(30),
                FailureRatio = 0.5,
                BreakDuration = options.BreakDuration,
            })
            .AddTimeout(new HttpTimeoutStrategyOptions
            {
                Name = "attempt",
                Timeout = options.AttemptTimeout,
            });
    }

    /// <summary>Every attempt and every wait between them, with room to spare.</summary>
    public static TimeSpan TotalTimeout(WebhookOptions options)
    {
        var attempts = options.Retries + 1;
        var waits = TimeSpan.Zero;
        for (var i = 0; i < options.Retries; i++)
        {
            var wait = options.RetryDelay * Math.Pow(2, i) * 1.5; // jitter adds up to about half again
            waits += wait < TimeSpan.FromMinutes(1) ? wait : TimeSpan.FromMinutes(1);
        }

        return (options.AttemptTimeout * attempts) + waits + TimeSpan.FromSeconds(5);
    }
}
