using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Chat;

/// <summary>What a committed (or found already committed) message came to.</summary>
public sealed record WriteOutcome(string MessageId, long? Seq, string Status, string? Reason, bool Duplicate, string StoredText);

/// <summary>
/// One message on its way to the database, with whatever must commit with it (a concern, an outbox
/// row, an audit entry) and what to do once it has committed (broadcast, notify).
/// </summary>
public sealed class PendingWrite(Message message)
{
    private readonly TaskCompletionSource<WriteOutcome> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Message Message { get; } = message;

    /// <summary>When it was handed to the writer (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
    internal long QueuedAt { get; set; }

    /// <summary>
    /// The message is already stored as held and staff approved it: the writer publishes it (status and
    /// the group's next seq) in its batch transaction instead of inserting it, only if it is still held.
    /// </summary>
    public bool IsApproval { get; private init; }

    public static PendingWrite Approval(Message held) => new(held) { IsApproval = true };

    /// <summary>Entities stored in the same transaction as the message.</summary>
    public List<object> Related { get; } = [];

    /// <summary>Run in commit order once the message is durable; not run for a duplicate.</summary>
    public List<Func<WriteOutcome, Task>> AfterCommit { get; } = [];

    public Task<WriteOutcome> Completion => _done.Task;

    internal void Complete(WriteOutcome outcome) => _done.TrySetResult(outcome);

    internal void Fail(Exception error) => _done.TrySetException(error);
}
