using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Groups;
using OnlineGroup.Server.Safeguarding;

namespace OnlineGroup.Server.Moderation;

/// <summary>
/// Each young person's share of the messages in the current session, so a moderator sees a dominant
/// voice (and a quiet one). Counted in memory as messages are published, keyed by seq so a count is
/// never doubled; filled from the database once per session per instance (after a restart, or a late start).
/// Without a session running, it is read from the database for the last few hours.
/// </summary>
public sealed class TalkBalance(IGroupGate gate, IDbContextFactory<AppDbContext> contexts, TimeProvider time) : IMessageObserver
{
    private readonly ConcurrentDictionary<string, Tally> _tallies = new(StringComparer.Ordinal);

    public void OnAccepted(PendingWrite write, SendContext context, ScanResult scan)
    {
        if (context.Sender.MemberId is not { } memberId || context.Gate.CurrentSession is not { } session)
        {
            return;
        }

        write.AfterCommit.Add(done =>
        {
            if (done.Status == MessageStatus.Published && done.Seq is { } seq)
            {
                Count(context.Group.Id, session.StartsAt, seq, memberId);
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>Counts a message published later than it was sent (an approved held message).</summary>
    public async Task RecordAsync(string groupId, Message message)
    {
        if (message is { AuthorMemberId: { } memberId, Seq: { } seq }
            && (await gate.DecideAsync(groupId)).CurrentSession is { } session)
        {
            Count(groupId, session.StartsAt, seq, memberId);
        }
    }

    public async Task<IReadOnlyList<TalkShare>> GetAsync(string groupId, CancellationToken ct)
    {
        var session = (await gate.DecideAsync(groupId, ct)).CurrentSession;
        await using var db = await contexts.CreateDbContextAsync(ct);
        Dictionary<string, int> counts;
        if (session is null)
        {
            var since = time.GetUtcNow() - ModerationLimits.WindowWithoutSession;
            counts = (await Spoken(db, groupId, since).Select(m => m.AuthorMemberId!).ToListAsync(ct))
                .CountBy(id => id).ToDictionary(StringComparer.Ordinal);
        }
        else
        {
            var tally = TallyFor(groupId, session.StartsAt) ?? new Tally(session.StartsAt);
            if (!tally.Seeded)
            {
                var stored = await Spoken(db, groupId, session.StartsAt).Select(m => new { Seq = m.Seq!.Value, MemberId = m.AuthorMemberId! }).ToListAsync(ct);
                foreach (var m in stored)
                {
                    tally.BySeq.TryAdd(m.Seq, m.MemberId);
                }

                tally.Seeded = true;
            }

            counts = tally.BySeq.Values.CountBy(id => id).ToDictionary(StringComparer.Ordinal);
        }

        // Everyone with a place, so the quiet ones show too; and anyone who spoke and has since left.
        var spoke = counts.Keys.ToList();
        var names = await db.Members.AsNoTracking()
            .Where(m => m.GroupId == groupId && (m.Status == MemberStatus.Active || spoke.Contains(m.Id)))
            .Select(m => new { m.Id, m.DisplayName })
            .ToListAsync(ct);
        var total = counts.Values.Sum();
        return [.. names
            .Select(m => counts.TryGetValue(m.Id, out var n)
                ? new TalkShare(m.Id, m.DisplayName, n, Math.Round((double)n / total, 3))
                : new TalkShare(m.Id, m.DisplayName, 0, 0))
            .OrderByDescending(s => s.Messages)
            .ThenBy(s => s.DisplayName, StringComparer.CurrentCultureIgnoreCase)];
    }

    // What young people said that counts: published, or published and later removed.
    private static IQueryable<Message> Spoken(AppDbContext db, string groupId, DateTimeOffset since) =>
        db.Messages.AsNoTracking().Where(m => m.GroupId == groupId && m.AuthorMemberId != null && m.Seq != null && m.SentAt >= since
            && (m.Status == MessageStatus.Published || m.Status == MessageStatus.Removed));

    private void Count(string groupId, DateTimeOffset sessionStart, long seq, string memberId) =>
        TallyFor(groupId, sessionStart)?.BySeq.TryAdd(seq, memberId);

    /// <summary>The tally of the session that started at <paramref name="sessionStart"/>; a newer session starts a new one, an older one gets none.</summary>
    private Tally? TallyFor(string groupId, DateTimeOffset sessionStart)
    {
        var tally = _tallies.AddOrUpdate(groupId, _ => new Tally(sessionStart), (_, t) => sessionStart > t.Since ? new Tally(sessionStart) : t);
        return tally.Since == sessionStart ? tally : null;
    }

    private sealed class Tally(DateTimeOffset since)
    {
        public DateTimeOffset Since { get; } = since;
        public ConcurrentDictionary<long, string> BySeq { get; } = new();
        public bool Seeded { get; set; }
    }
}
