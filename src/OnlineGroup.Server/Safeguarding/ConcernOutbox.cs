using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Safeguarding;

/// <summary>
/// Delivers the outbox: each notification stored with its concern is POSTed to
/// <c>Safeguarding:WebhookUrl</c> until the receiver answers 2xx, at least once, across receiver outages
/// and restarts. Wakes when a row is added, polls every <see cref="WebhookOptions.PollInterval"/>
/// (on the app's TimeProvider), and on start tries everything still pending.
/// </summary>
public sealed partial class ConcernOutbox(
    IDbContextFactory<AppDbContext> contexts,
    IServiceProvider services,
    IOptionsMonitor<SafeguardingOptions> safeguarding,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<ConcernOutbox> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(2);

    // This outbox among the instances sharing the database (it shows in ClaimedBy); fresh on every start.
    private readonly string _claimant = Environment.MachineName.Length > 24 ? Guid.NewGuid().ToString("N") : Environment.MachineName + "/" + Guid.NewGuid().ToString("N");

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    /// <summary>A row was committed: deliver it now rather than at the next poll.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Configured)
        {
            SafeguardingLog.WebhookNotConfigured(logger);
        }

        var poll = options.Value.PollInterval;
        using var timer = time.CreateTimer(_ => Wake(), null, poll, poll);
        var startup = true;
        try
        {
            do
            {
                try
                {
                    await DeliverPendingAsync(startup, stoppingToken);
                }
                catch (Exception error) when (!stoppingToken.IsCancellationRequested)
                {
                    // A database hiccup: the rows are still there; the next wake or poll tries again.
                    SafeguardingLog.OutboxPassFailed(logger, error);
                }

                startup = false;
                await _wake.Reader.ReadAsync(stoppingToken);
            }
            while (!stoppingToken.IsCancellationRequested);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: undelivered rows stay in the outbox for the next start.
        }
    }

    /// <summary>
    /// One pass over what is due (on start: everything still pending), oldest first, skipping rows another
    /// instance holds. Returns how many were delivered. Stops early while the receiver's circuit is open.
    /// </summary>
    public async Task<int> DeliverPendingAsync(bool everything, CancellationToken ct)
    {
        if (!Configured)
        {
            return 0;
        }

        // A typed client per pass: its handler is pooled and rotated by IHttpClientFactory, its pipeline
        // (and so the circuit breaker's state) is shared.
        var webhook = services.GetRequiredService<WebhookClient>();
        var delivered = 0;
        long after = 0;
        // Stopping does not cut off a delivery already on the wire at once: the receiver may have acted on
        // it, and an answer we never read means sending it again after the restart (harmless with the
        // Idempotency-Key, but avoidable). It gets a short grace on the real clock.
        using var sending = new CancellationTokenSource();
        await using var stopping = ct.Register(() => sending.CancelAfter(StopGrace));
        while (!ct.IsCancellationRequested)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var now = time.GetUtcNow();
            // One row at a time: on PostgreSQL each is claimed for as long as its delivery can take, so no other
            // instance posts it meanwhile, and an instance that dies holding it gives it up when the lease runs out.
            var row = await OutboxClaims.ClaimNextAsync(db, after, everything, now, _claimant, now + ClaimLease, ct);
            if (row is null)
            {
                return delivered;
            }

            after = row.Id;
            DeliveryResult result;
            try
            {
                result = await webhook.PostAsync(row.Key, row.Payload, sending.Token);
            }
            catch (OperationCanceledException)
            {
                // Stopping with no answer: hand the row to the other instances now rather than when the lease ends.
                await OutboxClaims.ReleaseAsync(db, row.Id, _claimant);
                SafeguardingLog.NotificationReleased(logger, row.Key, row.ConcernId);
                throw;
            }

            var at = time.GetUtcNow();
            row.Attempts++;
            row.ClaimedUntil = null;
            if (result.Delivered)
            {
                row.DeliveredAt = at;
                row.LastError = null;
                delivered++;
                SafeguardingLog.NotificationDelivered(logger, row.Key, row.ConcernId, row.Kind, row.Attempts);
            }
            else
            {
                row.LastError = result.Error;
                row.NextAttemptAt = at + Backoff(row.Attempts);
                SafeguardingLog.NotificationFailed(logger, row.Key, row.ConcernId, row.Attempts, result.Error ?? "");
            }

            // CancellationToken.None: a delivery that happened is recorded even while stopping.
            await db.SaveChangesAsync(CancellationToken.None);
            if (result.CircuitOpen)
            {
                return delivered;
            }
        }

        return delivered;
    }

    /// <summary>
    /// How long a claimed row is this instance's alone: the longest one delivery can take (every attempt and
    /// wait of the webhook pipeline) and a minute to spare. Only a claim whose instance died runs this long.
    /// </summary>
    public TimeSpan ClaimLease => WebhookResilience.TotalTimeout(options.Value) + TimeSpan.FromMinutes(1);

    private bool Configured => !string.IsNullOrWhiteSpace(safeguarding.CurrentValue.WebhookUrl);

    /// <summary>After a pass that could not deliver: poll interval, doubling per attempt, at most 5 minutes.</summary>
    private TimeSpan Backoff(int attempts)
    {
        var wait = options.Value.PollInterval * Math.Pow(2, Math.Min(attempts - 1, 10));
        return wait < MaxBackoff ? wait : MaxBackoff;
    }
}
