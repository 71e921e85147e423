using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Safeguarding;

namespace OnlineGroup.Server.Records;

/// <summary>One line of a concern's frozen transcript in a subject access export: only the subject's own.</summary>
public sealed record ExportTranscriptLine(string MessageId, string Text, DateTimeOffset SentAt, bool OfConcern);

public sealed record ExportConcernStep(string Kind, DateTimeOffset At, string ActorRole);

/// <summary>
/// A concern about the subject. Other people's lines in its transcript are left out (counted), staff
/// notes are left out (they may name others), and who raised it is never said (a peer report stays private).
/// </summary>
public sealed record ExportConcern(string ConcernId, string GroupId, DateTimeOffset RaisedAt, string Source, string Severity,
    IReadOnlyList<string> Categories, string Status, DateTimeOffset? AcknowledgedAt, DateTimeOffset? ResolvedAt, string? Outcome,
    IReadOnlyList<ExportTranscriptLine> TheirLines, int OtherLinesLeftOut, IReadOnlyList<ExportConcernStep> History);

/// <summary>A report the subject made ("I'm worried about someone"): their own words only, never who or what it was about.</summary>
public sealed record ExportReport(string ConcernId, DateTimeOffset RaisedAt, string? Reason);

public sealed record ConcernsExport(IReadOnlyList<ExportConcern> AboutThem, IReadOnlyList<ExportReport> ReportsTheyMade);

/// <summary>What the records read from safeguarding concerns: per session, per young person, for retention, for an export.</summary>
public static class ConcernRecords
{
    public static async Task<List<ConcernRef>> RaisedInAsync(AppDbContext db, string groupId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        await db.Concerns.AsNoTracking().Where(c => c.GroupId == groupId && c.RaisedAt >= from && c.RaisedAt < to)
            .OrderBy(c => c.RaisedAt)
            .Select(c => new ConcernRef(c.Id, c.MemberId, c.MessageId, c.Source, c.Severity, c.Status, c.RaisedAt))
            .ToListAsync(ct);

    public static async Task<List<TimelineEntry>> AboutMemberAsync(AppDbContext db, string groupId, string memberId, CancellationToken ct) =>
        [.. (await db.Concerns.AsNoTracking().Where(c => c.GroupId == groupId && c.MemberId == memberId).ToListAsync(ct))
            .Select(c => new TimelineEntry(c.RaisedAt, "concern", c.MessageId, c.Id, c.Status, null, c.Severity, ConcernMapping.CategoriesOf(c), c.Source, null))];

    /// <summary>The group's messages a concern points at: retention keeps them.</summary>
    public static async Task<HashSet<string>> PointedAtAsync(AppDbContext db, string groupId, CancellationToken ct) =>
        [.. await db.Concerns.AsNoTracking().Where(c => c.GroupId == groupId && c.MessageId != null).Select(c => c.MessageId!).ToListAsync(ct)];

    public static async Task<ConcernsExport> ExportAsync(AppDbContext db, ExportSubject subject, CancellationToken ct)
    {
        var ids = subject.MemberIds;
        var accountId = subject.AccountId;
        var mine = ids.Concat(accountId is null ? [] : [accountId]).ToHashSet(StringComparer.Ordinal);
        var about = await db.Concerns.AsNoTracking()
            .Where(c => (c.MemberId != null && ids.Contains(c.MemberId)) || (accountId != null && c.SubjectAccountId == accountId))
            .OrderBy(c => c.RaisedAt).ToListAsync(ct);
        var concernIds = about.Select(c => c.Id).ToList();
        var steps = (await db.ConcernEntries.AsNoTracking().Where(e => concernIds.Contains(e.ConcernId)).OrderBy(e => e.Id).ToListAsync(ct))
            .ToLookup(e => e.ConcernId, StringComparer.Ordinal);
        var aboutThem = about.Select(c =>
        {
            var transcript = JsonSerializer.Deserialize<List<TranscriptLine>>(c.Transcript, JsonSerializerOptions.Web) ?? [];
            var theirs = transcript.Where(l => mine.Contains(l.AuthorId)).Select(l => new ExportTranscriptLine(l.MessageId, l.Text, l.SentAt, l.OfConcern)).ToList();
            return new ExportConcern(c.Id, c.GroupId, c.RaisedAt, c.Source, c.Severity, ConcernMapping.CategoriesOf(c), c.Status, c.AcknowledgedAt,
                c.ResolvedAt, c.Outcome, theirs, transcript.Count - theirs.Count,
                [.. steps[c.Id].Select(e => new ExportConcernStep(e.Kind, e.At, e.ActorRole))]);
        }).ToList();
        var reports = accountId is null ? [] : await db.Concerns.AsNoTracking()
            .Where(c => c.Source == ConcernSources.Report && c.RaisedBy == accountId)
            .OrderBy(c => c.RaisedAt).Select(c => new ExportReport(c.Id, c.RaisedAt, c.ReportReason)).ToListAsync(ct);
        return new ConcernsExport(aboutThem, reports);
    }
}
