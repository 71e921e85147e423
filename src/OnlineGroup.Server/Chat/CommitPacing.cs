namespace OnlineGroup.Server.Chat;

/// <summary>
/// Decides when the message writer waits a moment before committing, so that more messages share one
/// commit. Each commit syncs the disk and writes every page it touched, and a commit of one message
/// costs nearly as much as a commit of five: measured at 800 sends/s, the writer made 760 commits a
/// second, one message each, and its syncs were a tenth of the server's CPU. Only when the chat is
/// busy (at least <see cref="BusyPerWindow"/> messages in the last <see cref="Window"/>) does the
/// writer wait, for <see cref="Linger"/>; a quiet evening's messages are never held back.
/// </summary>
/// <remarks>Counts real time, not the product's clock: it paces the disk.</remarks>
public sealed class CommitPacing(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);

    /// <summary>500 messages a second: twice the busiest evening the benchmark's light load stands for.</summary>
    public const int BusyPerWindow = 50;

    public static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// With this many already waiting the batch is full enough: commit at once. Under heavy load the queue
    /// fills while the last commit syncs, and waiting longer would only add latency.
    /// </summary>
    public const int Enough = 8;

    private long _windowStart = time.GetTimestamp();
    private int _inWindow;
    private bool _busy;

    public void Committed(int messages)
    {
        Roll();
        _inWindow += messages;
    }

    public bool ShouldLinger(int waiting)
    {
        Roll();
        return _busy && waiting < Enough;
    }

    private void Roll()
    {
        var elapsed = time.GetElapsedTime(_windowStart);
        if (elapsed < Window)
        {
            return;
        }

        // A window (or more) has passed: busy only if the one just ended was, and nothing quiet came between.
        _busy = elapsed < 2 * Window && _inWindow >= BusyPerWindow;
        _windowStart = time.GetTimestamp();
        _inWindow = 0;
    }
}
