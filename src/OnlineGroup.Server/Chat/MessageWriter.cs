using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Chat;

/// <summary>
/// Group commit: senders enqueue, one writer stores whole batches in one transaction each, hands out
/// each group's gap-free <c>seq</c> inside that transaction, and only then answers the senders and
/// hands its broadcasts, in <c>seq</c> order, to the group's <see cref="BroadcastLanes"/> lane.
/// Durability (synchronous=FULL) costs one fsync per batch, not per message.
/// </summary>
/// <remarks>
/// The writer runs on a thread of its own with a connection of its own: it blocks only itself while
/// the disk syncs, never waits behind the thread pool's queue for its turn, and does not reopen (and
/// re-set-up) a pooled connection for every batch. Messages are inserted with one reused statement
/// built from the EF model (<see cref="MessageInsert"/>); EF's change tracker handles only the rare
/// rows that commit with a message (a concern, an audit entry).
/// </remarks>
public sealed partial class MessageWriter(IDbContextFactory<AppDbContext> contexts, BroadcastLanes lanes, ChatMetrics metrics, ILogger<MessageWriter> logger) : BackgroundService
{
    private const int MaxBatch = 256;
    private readonly Channel<PendingWrite> _queue = Channel.CreateBounded<PendingWrite>(new BoundedChannelOptions(10_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly CommitPacing _pacing = new(TimeProvider.System);
    private readonly List<int> _fresh = new(MaxBatch);
    private readonly List<int> _publish = new(MaxBatch);
    private Session? _session;

    public Task<WriteOutcome> WriteAsync(PendingWrite write, CancellationToken ct)
    {
        write.QueuedAt = Stopwatch.GetTimestamp();
        // Not async unless the queue is full: one state machine less per message.
        return _queue.Writer.TryWrite(write) ? write.Completion : WriteWhenThereIsRoomAsync(write, ct);
    }

    private async Task<WriteOutcome> WriteWhenThereIsRoomAsync(PendingWrite write, CancellationToken ct)
    {
        await _queue.Writer.WriteAsync(write, ct);
        return await write.Completion;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            try
            {
                Run(stoppingToken);
                stopped.SetResult();
            }
            catch (Exception error)
            {
                stopped.SetException(error);
            }
        })
        {
            IsBackground = true,
            Name = "Message writer",
        }.Start();
        return stopped.Task;
    }

    private void Run(CancellationToken stoppingToken)
    {
        var batch = new List<PendingWrite>(MaxBatch);
        try
        {
            while (WaitForWork(stoppingToken))
            {
                if (_pacing.ShouldLinger(_queue.Reader.Count))
                {
                    Thread.Sleep(CommitPacing.Linger);
                }

                var began = Stopwatch.GetTimestamp();
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var write))
                {
                    metrics.Waited(Stopwatch.GetElapsedTime(write.QueuedAt, began));
                    batch.Add(write);
                }

                WriteBatch(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what was acknowledged is committed; what is still queued was never acknowledged.
        }
        finally
        {
            DropSession();
        }

        _queue.Writer.TryComplete();
        while (_queue.Reader.TryRead(out var unsent))
        {
            unsent.Fail(new OperationCanceledException("The server is stopping; the message was not stored."));
        }
    }

    private bool WaitForWork(CancellationToken stoppingToken)
    {
        var wait = _queue.Reader.WaitToReadAsync(stoppingToken);
        return wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
    }

    private void WriteBatch(List<PendingWrite> batch)
    {
        try
        {
            // Nearly every batch holds only new messages: they are inserted without looking first, and the
            // unique index on (ClientMessageId, author, group) catches a resend (the lookup was an EF query
            // per batch, 8% of the server's CPU at 400 sends/s). Approvals and concerns (rows with
            // generated keys) always look first, as does a batch whose insert met a stored message.
            var lookFirst = !batch.TrueForAll(w => !w.IsApproval && w.Related.Count == 0);
            WriteOutcome[] outcomes;
            try
            {
                outcomes = Commit(batch, lookFirst);
            }
            catch (DbException) when (!lookFirst)
            {
                LogResendInBatch(logger, batch.Count);
                outcomes = Commit(batch, lookFirst: true);
            }

            Finish(batch, outcomes);
        }
        catch (Exception error) when (batch.Count > 1)
        {
            // One bad apple (a racing duplicate, a constraint) must not fail the others: one at a time.
            LogBatchFailed(logger, batch.Count, error);
            foreach (var write in batch)
            {
                WriteBatch([write]);
            }
        }
        catch (Exception error)
        {
            LogWriteFailed(logger, batch[0].Message.Id, error);
            batch[0].Fail(error);
        }
    }

    private WriteOutcome[] Commit(List<PendingWrite> batch, bool lookFirst)
    {
        var session = _session ??= Session.Open(contexts);
        try
        {
            var outcomes = Commit(session, batch, lookFirst);
            session.Db.ChangeTracker.Clear();
            return outcomes;
        }
        catch
        {
            // Whatever failed (a constraint, a lost connection), the next attempt starts from a fresh one;
            // the failed one goes back to the pool, which resets it.
            DropSession();
            throw;
        }
    }

    private WriteOutcome[] Commit(Session session, List<PendingWrite> batch, bool lookFirst)
    {
        var started = Stopwatch.GetTimestamp();
        var db = session.Db;
        var outcomes = new WriteOutcome[batch.Count];

        // Idempotency, when asked, first and outside the transaction (only this writer inserts messages
        // on this instance; the unique index is the backstop across instances).
        var stored = lookFirst ? LookUp(db, batch) : null;
        // Plain loops below, not LINQ: on a quiet evening every batch is one message, so whatever a batch
        // allocates, each message does (iterators, closures, groupings: a tenth of the light load's garbage).
        // For the same reason the index lists are the writer's own, reused (it stores one batch at a time).
        Dictionary<(string, string, string), int>? seen = batch.Count > 1 ? new(batch.Count) : null;
        var fresh = _fresh;
        fresh.Clear();
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].IsApproval)
            {
                fresh.Add(i);
                continue;
            }

            var m = batch[i].Message;
            var key = (m.AuthorAccountId, m.GroupId, m.ClientMessageId);
            if (stored is not null && Find(stored, m) is { } existing)
            {
                outcomes[i] = new WriteOutcome(existing.Id, existing.Seq, existing.Status, existing.Reason, Duplicate: true, existing.Text);
            }
            else if (seen is not null && !seen.TryAdd(key, i))
            {
                outcomes[i] = null!; // resolved from its twin once that one commits
            }
            else
            {
                fresh.Add(i);
            }
        }

        if (fresh.Count > 0)
        {
            // EF's change tracker and ExecuteUpdate need a transaction EF knows about; plain new messages do not.
            var throughEf = false;
            foreach (var i in fresh)
            {
                throughEf |= batch[i].IsApproval || batch[i].Related.Count > 0;
            }

            using var tx = session.Begin(throughEf);
            var transaction = tx.Ado;

            // An approval publishes only a message still held (another moderator may have got there
            // first); the conditional update decides, before any seq is handed out, so seq stays gap-free.
            var publish = _publish;
            publish.Clear();
            foreach (var i in fresh)
            {
                var m = batch[i].Message;
                if (!batch[i].IsApproval)
                {
                    if (m.Status == MessageStatus.Published)
                    {
                        publish.Add(i);
                    }
                }
                else if (db.Messages.Where(x => x.Id == m.Id && x.GroupId == m.GroupId && x.Status == MessageStatus.Held)
                    .ExecuteUpdate(s => s.SetProperty(x => x.Status, MessageStatus.Published)) == 1)
                {
                    publish.Add(i);
                }
                else
                {
                    var current = db.Messages.AsNoTracking().Where(x => x.Id == m.Id).Select(x => new { x.Seq, x.Status, x.Reason }).Single();
                    outcomes[i] = new WriteOutcome(m.Id, current.Seq, current.Status, current.Reason, Duplicate: true, m.Text);
                }
            }

            AllocateSeqs(session, transaction, batch, publish);
            var related = false;
            foreach (var i in fresh)
            {
                if (outcomes[i] is not null)
                {
                    continue;
                }

                var m = batch[i].Message;
                if (batch[i].IsApproval)
                {
                    db.Messages.Where(x => x.Id == m.Id).ExecuteUpdate(s => s.SetProperty(x => x.Seq, m.Seq));
                }
                else
                {
                    session.Insert.Execute(transaction, m);
                }

                foreach (var entity in batch[i].Related)
                {
                    db.Add(entity);
                    related = true;
                }
            }

            if (related)
            {
                db.SaveChanges();
            }

            tx.Commit();
            metrics.Committed(fresh.Count, Stopwatch.GetElapsedTime(started));
            _pacing.Committed(fresh.Count);
            foreach (var i in fresh)
            {
                if (outcomes[i] is not null)
                {
                    continue;
                }

                var m = batch[i].Message;
                if (batch[i].IsApproval)
                {
                    m.Status = MessageStatus.Published;
                }

                outcomes[i] = new WriteOutcome(m.Id, m.Seq, m.Status, m.Reason, Duplicate: false, m.Text);
            }
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i] is null)
            {
                var m = batch[i].Message;
                var twin = outcomes[seen![(m.AuthorAccountId, m.GroupId, m.ClientMessageId)]];
                outcomes[i] = twin with { Duplicate = true };
            }
        }

        LogBatchCommitted(logger, batch.Count, fresh.Count);
        return outcomes;
    }

    /// <summary>What is already stored under the batch's client ids (a resend, or a retry after a batch met one).</summary>
    private static List<StoredMessage>? LookUp(AppDbContext db, List<PendingWrite> batch)
    {
        var clientIds = batch.Where(w => !w.IsApproval).Select(w => w.Message.ClientMessageId).Distinct().ToList();
        return clientIds.Count == 0 ? null
            : db.Messages.AsNoTracking()
                .Where(m => clientIds.Contains(m.ClientMessageId))
                .Select(m => new StoredMessage(m.AuthorAccountId, m.GroupId, m.ClientMessageId, m.Id, m.Seq, m.Status, m.Reason, m.Text))
                .ToList();
    }

    private static StoredMessage? Find(List<StoredMessage> stored, Message m)
    {
        foreach (var s in stored)
        {
            if (s.AuthorAccountId == m.AuthorAccountId && s.GroupId == m.GroupId && s.ClientMessageId == m.ClientMessageId)
            {
                return s;
            }
        }

        return null;
    }

    /// <summary>
    /// Hands each group in <paramref name="publish"/> its next seq values, one statement per group, in batch
    /// order within the group. Assigned again on every attempt: a batch retried after a failure starts over.
    /// </summary>
    private static void AllocateSeqs(Session session, DbTransaction? transaction, List<PendingWrite> batch, List<int> publish)
    {
        Span<bool> done = stackalloc bool[publish.Count]; // publish.Count <= MaxBatch
        for (var first = 0; first < publish.Count; first++)
        {
            if (done[first])
            {
                continue;
            }

            var groupId = batch[publish[first]].Message.GroupId;
            var count = 0;
            for (var k = first; k < publish.Count; k++)
            {
                count += !done[k] && batch[publish[k]].Message.GroupId == groupId ? 1 : 0;
            }

            var seq = session.AllocateSeq(transaction, groupId, count) - count;
            for (var k = first; k < publish.Count; k++)
            {
                if (!done[k] && batch[publish[k]].Message.GroupId == groupId)
                {
                    batch[publish[k]].Message.Seq = ++seq;
                    done[k] = true;
                }
            }
        }
    }

    private void DropSession()
    {
        _session?.Dispose();
        _session = null;
    }

    private void Finish(List<PendingWrite> batch, WriteOutcome[] outcomes)
    {
        // Durable now: queue what follows (broadcasts, notices) in commit order on each group's lane,
        // then answer the senders. The writer never waits for a slow client.
        var steps = new List<AfterCommitStep>(batch.Count * 2);
        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i].Duplicate)
            {
                continue;
            }

            foreach (var action in batch[i].AfterCommit)
            {
                steps.Add(new AfterCommitStep(batch[i].Message.GroupId, action, outcomes[i]));
            }
        }

        lanes.Enqueue(steps);

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Complete(outcomes[i]);
        }
    }

    private sealed record StoredMessage(string AuthorAccountId, string GroupId, string ClientMessageId, string Id, long? Seq, string Status, string? Reason, string Text);

    [LoggerMessage(2104, LogLevel.Information, "A batch of {Count} messages held a resend of a stored message; committed again after looking it up")]
    private static partial void LogResendInBatch(ILogger logger, int count);

    [LoggerMessage(2101, LogLevel.Debug, "Committed a batch of {Count} messages ({Fresh} new)")]
    private static partial void LogBatchCommitted(ILogger logger, int count, int fresh);

    [LoggerMessage(2102, LogLevel.Warning, "A batch of {Count} messages failed to commit; retrying one by one")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception error);

    [LoggerMessage(2103, LogLevel.Error, "Message {MessageId} could not be stored")]
    private static partial void LogWriteFailed(ILogger logger, string messageId, Exception error);

}
