using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Records;

/// <summary>
/// One step in a young person's risk timeline: a message the scan flagged, held or blocked, or that staff
/// held back or removed (<c>kind: "message"</c>, with its text for staff while it is kept), or a concern
/// about them (<c>kind: "concern"</c>), or a moderator's <c>mute</c> or <c>removal</c> from a session (with its reason).
/// </summary>
public sealed record TimelineEntry(DateTimeOffset At, string Kind, string? MessageId, string? ConcernId, string? Status, string? Reason,
    string? Severity, IReadOnlyList<string> Categories, string? Source, string? Text);

public sealed record TimelineDto(string GroupId, string MemberId, string DisplayName, IReadOnlyList<TimelineEntry> Entries);

/// <summary>
/// Risk can build up over several messages and weeks: staff see, for one young person, every concern and
/// every flagged, held, blocked or removed message across sessions, oldest first.
/// </summary>
public sealed class RiskTimeline
{
    /// <summary>
    /// The condition of the index on a message's author: flagged by the scan, or not published (held,
    /// blocked, rejected or removed). The query below says the same, so SQLite answers it from that index.
    /// </summary>
    internal const string FlaggedOrWithheldSql = $"\"Severity\" IS NOT NULL OR \"Status\" <> '{MessageStatus.Published}'";

    /// <summary>One young person's messages the scan flagged or that were not published, from the index on the author.</summary>
    internal static IQueryable<Message> FlaggedOrWithheld(AppDbContext db, string groupId, string memberId) => db.Messages.AsNoTracking()
        .Where(m => m.GroupId == groupId && m.AuthorMemberId == memberId && (m.Severity != null || m.Status != MessageStatus.Published));

    public async Task<TimelineDto?> ForAsync(AppDbContext db, string groupId, string memberId, CancellationToken ct)
    {
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId && m.GroupId == groupId, ct);
        if (member is null)
        {
            return null;
        }

        var messages = await FlaggedOrWithheld(db, groupId, memberId).ToListAsync(ct);
        var entries = messages.Select(m => new TimelineEntry(m.SentAt, "message", m.Id, null, m.Status, m.Reason ?? m.RemovedReason, m.Severity,
            string.IsNullOrEmpty(m.Categories) ? [] : m.Categories.Split(','), null, m.Text)).ToList();
        // Mutes and removals from a session: a moderator saw something worth acting on.
        var restrictions = await db.MemberRestrictions.AsNoTracking().Where(r => r.GroupId == groupId && r.MemberId == memberId).ToListAsync(ct);
        entries.AddRange(restrictions.Select(r => new TimelineEntry(r.CreatedAt, r.Kind, null, null, null, r.Reason, null, [], null, null)));
        entries.AddRange(await ConcernRecords.AboutMemberAsync(db, groupId, memberId, ct));

        return new TimelineDto(groupId, memberId, member.DisplayName, [.. entries.OrderBy(e => e.At).ThenBy(e => e.Kind, StringComparer.Ordinal)]);
    }
}
