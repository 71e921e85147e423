using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Safeguarding;

/// <summary>
/// The last few visible messages of each group, in <c>seq</c> order, kept in memory so that a concern's
/// transcript is taken without a database read per message. Fed after each commit; a group this
/// instance has not seen since it started is read from the database once, when a concern first needs it.
/// </summary>
public sealed class RecentMessages(IDbContextFactory<AppDbContext> contexts)
{
    private readonly ConcurrentDictionary<string, Ring> _rings = new(StringComparer.Ordinal);

    /// <summary>A message committed as published (called in commit order).</summary>
    public void Published(string groupId, TranscriptLine line) => RingOf(groupId).Add(line);

    /// <summary>The visible messages before the one being stored now, oldest first.</summary>
    public IReadOnlyList<TranscriptLine> Before(string groupId)
    {
        var ring = RingOf(groupId);
        if (!ring.Warm)
        {
            // After a restart: once per group, synchronously (OnAccepted is synchronous, and this runs only
            // for a message that raises a concern). Later messages come from memory.
            using var db = contexts.CreateDbContext();
            var stored = db.Messages.AsNoTracking()
                .Where(m => m.GroupId == groupId && m.Status == MessageStatus.Published)
                .OrderByDescending(m => m.Seq)
                .Take(ConcernLimits.TranscriptBefore)
                .ToList();
            ring.Load(stored.Select(m => TranscriptLine.From(m)));
        }

        return ring.Snapshot();
    }

    private Ring RingOf(string groupId) => _rings.GetOrAdd(groupId, _ => new Ring());

    private sealed class Ring
    {
        private readonly Lock _lock = new();
        private readonly SortedList<long, TranscriptLine> _lines = [];
        private volatile bool _warm;

        public bool Warm => _warm;

        public void Add(TranscriptLine line)
        {
            lock (_lock)
            {
                Insert(line);
            }
        }

        public void Load(IEnumerable<TranscriptLine> stored)
        {
            lock (_lock)
            {
                foreach (var line in stored)
                {
                    Insert(line);
                }

                _warm = true;
            }
        }

        public IReadOnlyList<TranscriptLine> Snapshot()
        {
            lock (_lock)
            {
                return [.. _lines.Values];
            }
        }

        private void Insert(TranscriptLine line)
        {
            _lines[line.Seq ?? 0] = line;
            while (_lines.Count > ConcernLimits.TranscriptBefore)
            {
                _lines.RemoveAt(0);
            }
        }
    }
}

/// <summary>Feeds <see cref="RecentMessages"/> with each published message once it has committed.</summary>
public sealed class RecentMessagesObserver(RecentMessages recent) : IMessageObserver
{
    public void OnAccepted(PendingWrite write, SendContext context, ScanResult scan)
    {
        var message = write.Message;
        write.AfterCommit.Add(outcome =>
        {
            if (outcome.Status == MessageStatus.Published)
            {
                recent.Published(message.GroupId, TranscriptLine.From(message));
            }

            return Task.CompletedTask;
        });
    }
}
