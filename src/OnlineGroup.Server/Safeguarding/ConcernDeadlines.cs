using System.Threading.Channels;

namespace OnlineGroup.Server.Safeguarding;

/// <summary>
/// Drives <see cref="ConcernService.EscalateOverdueAsync"/>: once at start (catching up on deadlines that
/// passed while the server was down) and then on every tick of a timer made by the app's TimeProvider,
/// so tests move time with a fake clock. The deadlines themselves are stored (<c>Concern.DueAt</c>).
/// </summary>
public sealed class ConcernDeadlines(ConcernService concerns, TimeProvider time, ILogger<ConcernDeadlines> logger) : BackgroundService
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(5);

    private readonly Channel<bool> _tick = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The callback only signals: a fake clock advanced by minutes fires it many times, synchronously.
        using var timer = time.CreateTimer(_ => _tick.Writer.TryWrite(true), null, CheckEvery, CheckEvery);
        try
        {
            do
            {
                try
                {
                    await concerns.EscalateOverdueAsync(stoppingToken);
                }
                catch (Exception error) when (!stoppingToken.IsCancellationRequested)
                {
                    // The deadlines are stored: the next tick tries again.
                    SafeguardingLog.DeadlineRunFailed(logger, error);
                }

                await _tick.Reader.ReadAsync(stoppingToken);
            }
            while (!stoppingToken.IsCancellationRequested);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the next start catches up.
        }
    }
}
