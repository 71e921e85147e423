using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Groups;

namespace OnlineGroup.Server.Moderation;

/// <summary>
/// Each young person's share of the messages in the current session, so a moderator sees a dominant
/// voice (and a quiet one). The counts are kept in memory per group and session; each read adds only
/// the messages published since the last read (an index range on seq), so nothing is scanned per
/// message and nothing is counted twice. Without a session running, the last few hours are counted afresh.
/// </summary>
public sealed class TalkBalance(IGroupGate gate, IDbContextFactory<AppDbContext> contexts, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Tally> _tallies = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<TalkShare>> GetAsync(string groupId, CancellationToken ct)
    {
        var session = (await gate.DecideAsync(groupId, ct)).CurrentSession;
        var tally = session is null
            ? new Tally(time.GetUtcNow() - ModerationLimits.WindowWithoutSession)
            : _tallies.AddOrUpdate(groupId, _ => new Tally(session.StartsAt), (_, t) => t.Since == session.StartsAt ? t : new Tally(session.StartsAt));
        await using var db = await contexts.CreateDbContextAsync(ct);
        var counts = await tally.CatchUpAsync(db, groupId, ct);

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

    /// <summary>Messages per member since <see cref="Since"/>, and the highest seq already counted.</summary>
    private sealed class Tally(DateTimeOffset since)
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
        private long? _counted;

        public DateTimeOffset Since { get; } = since;

        public async Task<Dictionary<string, int>> CatchUpAsync(AppDbContext db, string groupId, CancellationToken ct)
        {
            // Everything with a seq was published (some since removed: they were still said). The first
            // read takes the session so far; later ones only what came after the last counted seq.
            long? counted;
            lock (_lock)
            {
                counted = _counted;
            }

            var floor = counted ?? await db.Groups.Where(g => g.Id == groupId).Select(g => g.LastSeq).SingleAsync(ct);
            var query = db.Messages.AsNoTracking().Where(m => m.GroupId == groupId && m.Seq != null);
            query = counted is null ? query.Where(m => m.SentAt >= Since || m.Seq > floor) : query.Where(m => m.Seq > floor);
            var rows = await query.Select(m => new { Seq = m.Seq!.Value, m.AuthorMemberId, m.SentAt }).ToListAsync(ct);

            lock (_lock)
            {
                // A read that ran alongside may have counted some of these already: only add what lies beyond it.
                var beyond = _counted ?? long.MinValue;
                foreach (var m in rows.Where(m => m.Seq > beyond && m.AuthorMemberId is not null && m.SentAt >= Since))
                {
                    _counts[m.AuthorMemberId!] = _counts.GetValueOrDefault(m.AuthorMemberId!) + 1;
                }

                _counted = Math.Max(beyond, rows.Count == 0 ? floor : Math.Max(floor, rows.Max(m => m.Seq)));
                return new Dictionary<string, int>(_counts, StringComparer.Ordinal);
            }
        }
    }
}
