using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Audit;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Groups;
using OnlineGroup.Server.Journey;

namespace OnlineGroup.Server.Records;

public static class RecordsLimits
{
    public const int MaxNoteLength = 2000;
}

public sealed record MessageCounts(int Total, int Published, int Held, int Blocked, int Rejected, int Removed)
{
    public static MessageCounts Of(IEnumerable<string> statuses)
    {
        var all = statuses.ToList();
        return new(all.Count, all.Count(s => s == MessageStatus.Published), all.Count(s => s == MessageStatus.Held),
            all.Count(s => s == MessageStatus.Blocked), all.Count(s => s == MessageStatus.Rejected), all.Count(s => s == MessageStatus.Removed));
    }
}

public sealed record Attendee(string MemberId, string DisplayName, DateTimeOffset FirstAdmittedAt);

public sealed record MemberMessages(string MemberId, string DisplayName, MessageCounts Messages);

/// <summary>A message named in a report or timeline by id and what happened to it (reports carry no message text).</summary>
public sealed record MessageRef(string MessageId, string? MemberId, string AuthorName, string Status, string? Reason, string? Severity,
    IReadOnlyList<string> Categories, DateTimeOffset SentAt);

/// <summary>A mute or a removal from the session a moderator gave during the session.</summary>
public sealed record RestrictionRef(string MemberId, string DisplayName, string Kind, string Reason, DateTimeOffset At, DateTimeOffset Until);

public sealed record ConcernRef(string ConcernId, string? MemberId, string? MessageId, string Source, string Severity, string Status, DateTimeOffset RaisedAt);

/// <summary>What a session's handover report holds: who came, how much was said by whom, and what needed staff.</summary>
public sealed record HandoverContent(
    IReadOnlyList<Attendee> Attended,
    MessageCounts Messages,
    int StaffMessages,
    IReadOnlyList<MemberMessages> PerMember,
    IReadOnlyList<MessageRef> Held,
    IReadOnlyList<MessageRef> Removed,
    IReadOnlyList<MessageRef> Blocked,
    IReadOnlyList<MessageRef> Flagged,
    IReadOnlyList<ConcernRef> Concerns,
    IReadOnlyList<ConcernRef> Escalated,
    IReadOnlyList<RestrictionRef> MutedOrRemoved,
    int ModeratorRequests,
    int PrivateMessages);

public sealed record HandoverNoteDto(string NoteId, DateTimeOffset SessionStartsAt, string AuthorId, string AuthorName, string Text, DateTimeOffset At);

public sealed record HandoverNoteRequest(string? Text, DateTimeOffset? SessionStartsAt);

/// <summary>
/// One session for the next shift: the report built at close (null for a session with notes but no report
/// yet), and the moderators' notes, including any added after it closed.
/// </summary>
public sealed record HandoverDto(string? ReportId, string GroupId, DateTimeOffset SessionStartsAt, DateTimeOffset? SessionEndsAt,
    DateTimeOffset? BuiltAt, HandoverContent? Report, IReadOnlyList<HandoverNoteDto> Notes);

/// <summary>
/// Session handover: when a session closes, <see cref="BuildHandoverAsync"/> stores a report for the
/// group's staff; moderators add notes during the session (hub) or after it (REST).
/// </summary>
public sealed partial class Handovers(
    IDbContextFactory<AppDbContext> contexts,
    AttendanceRecorder attendance,
    IEnumerable<IConcernRecords> concernRecords,
    IGroupGate gate,
    AuditTrail audit,
    TimeProvider time,
    ILogger<Handovers> logger)
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>
    /// Builds (or rebuilds) the report of the session [<paramref name="sessionStartsAt"/>, <paramref name="sessionEndsAt"/>):
    /// the session-close job calls it; calling it twice for one session replaces the report.
    /// </summary>
    public async Task<HandoverDto> BuildHandoverAsync(string groupId, DateTimeOffset sessionStartsAt, DateTimeOffset sessionEndsAt, CancellationToken ct = default)
    {
        await attendance.DrainAsync(ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var names = await db.Members.AsNoTracking().Where(m => m.GroupId == groupId).ToDictionaryAsync(m => m.Id, m => m.DisplayName, StringComparer.Ordinal, ct);
        string Name(string? memberId) => memberId is not null && names.TryGetValue(memberId, out var name) ? name : "";

        var admissions = await db.Attendance.AsNoTracking()
            .Where(a => a.GroupId == groupId && a.AdmittedAt >= sessionStartsAt && a.AdmittedAt < sessionEndsAt)
            .Select(a => new { a.MemberId, a.AdmittedAt }).ToListAsync(ct);
        var attended = admissions.GroupBy(a => a.MemberId, StringComparer.Ordinal)
            .Select(g => new Attendee(g.Key, Name(g.Key), g.Min(a => a.AdmittedAt)))
            .OrderBy(a => a.FirstAdmittedAt).ToList();

        var messages = await db.Messages.AsNoTracking()
            .Where(m => m.GroupId == groupId && m.SentAt >= sessionStartsAt && m.SentAt < sessionEndsAt)
            .Select(m => new { m.Id, m.Seq, m.AuthorMemberId, m.AuthorName, m.AuthorRole, m.Status, m.Reason, m.Severity, m.Categories, m.SentAt })
            .ToListAsync(ct);
        var young = messages.Where(m => m.AuthorMemberId is not null).ToList();
        var perMember = young.GroupBy(m => m.AuthorMemberId!, StringComparer.Ordinal)
            .Select(g => new MemberMessages(g.Key, Name(g.Key), MessageCounts.Of(g.Select(m => m.Status))))
            .OrderByDescending(m => m.Messages.Total).ThenBy(m => m.DisplayName, StringComparer.Ordinal).ToList();
        List<MessageRef> Refs(Func<string, string?, bool> which) =>
        [
            .. young.Where(m => which(m.Status, m.Severity)).OrderBy(m => m.SentAt).ThenBy(m => m.Seq ?? long.MaxValue).Select(m => new MessageRef(m.Id, m.AuthorMemberId, m.AuthorName,
                m.Status, m.Reason, m.Severity, string.IsNullOrEmpty(m.Categories) ? [] : m.Categories.Split(','), m.SentAt)),
        ];

        List<ConcernRef> concerns = [];
        foreach (var source in concernRecords)
        {
            concerns.AddRange(await source.RaisedInAsync(db, groupId, sessionStartsAt, sessionEndsAt, ct));
        }

        var restrictions = await db.MemberRestrictions.AsNoTracking()
            .Where(r => r.GroupId == groupId && r.CreatedAt >= sessionStartsAt && r.CreatedAt < sessionEndsAt).ToListAsync(ct);
        var backchannel = await db.BackchannelMessages.AsNoTracking()
            .Where(b => b.GroupId == groupId && b.SentAt >= sessionStartsAt && b.SentAt < sessionEndsAt)
            .GroupBy(b => b.Kind).Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(ct);
        int Backchannel(string kind) => backchannel.FirstOrDefault(b => b.Kind == kind)?.Count ?? 0;

        var content = new HandoverContent(
            attended,
            MessageCounts.Of(young.Select(m => m.Status)),
            messages.Count - young.Count,
            perMember,
            Refs((status, _) => status is MessageStatus.Held or MessageStatus.Rejected),
            Refs((status, _) => status == MessageStatus.Removed),
            Refs((status, _) => status == MessageStatus.Blocked),
            Refs((_, severity) => severity is not null),
            [.. concerns.OrderBy(c => c.RaisedAt)],
            [.. concerns.Where(c => c.Source == ConcernSourceNames.Moderator).OrderBy(c => c.RaisedAt)],
            [.. restrictions.OrderBy(r => r.CreatedAt).Select(r => new RestrictionRef(r.MemberId, Name(r.MemberId), r.Kind, r.Reason, r.CreatedAt, r.Until))],
            Backchannel(Moderation.BackchannelKinds.ModeratorRequest),
            Backchannel(Moderation.BackchannelKinds.PrivateMessage));

        var now = time.GetUtcNow();
        var report = await db.HandoverReports.FirstOrDefaultAsync(r => r.GroupId == groupId && r.SessionStartsAt == sessionStartsAt, ct);
        if (report is null)
        {
            report = new HandoverReport { Id = Ids.New(), GroupId = groupId, SessionStartsAt = sessionStartsAt, Content = "" };
            db.HandoverReports.Add(report);
        }

        (report.SessionEndsAt, report.BuiltAt, report.Content) = (sessionEndsAt, now, JsonSerializer.Serialize(content, Json));
        audit.Add(db, null, "handover.built", groupId, "session", sessionStartsAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            data: new { reportId = report.Id, sessionStartsAt, sessionEndsAt, attended = attended.Count, messages = content.Messages.Total, concerns = concerns.Count });
        await db.SaveChangesAsync(ct);
        LogBuilt(logger, groupId, report.Id, attended.Count, content.Messages.Total);
        var notes = await NotesAsync(db, groupId, sessionStartsAt, ct);
        return new HandoverDto(report.Id, groupId, sessionStartsAt, sessionEndsAt, now, content, notes);
    }

    /// <summary>Every session with a report or notes, newest first.</summary>
    public async Task<List<HandoverDto>> ListAsync(string groupId, int take, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var reports = await db.HandoverReports.AsNoTracking().Where(r => r.GroupId == groupId)
            .OrderByDescending(r => r.SessionStartsAt).Take(take).ToListAsync(ct);
        var oldest = reports.Count == take ? reports[^1].SessionStartsAt : DateTimeOffset.MinValue;
        var notes = (await db.HandoverNotes.AsNoTracking().Where(n => n.GroupId == groupId && n.SessionStartsAt >= oldest).ToListAsync(ct))
            .ToLookup(n => n.SessionStartsAt);
        var sessions = reports.Select(r => r.SessionStartsAt).Union(notes.Select(n => n.Key)).OrderDescending().Take(take);
        var byStart = reports.ToDictionary(r => r.SessionStartsAt);
        return [.. sessions.Select(start =>
        {
            var noteDtos = notes[start].OrderBy(n => n.At).Select(ToDto).ToList();
            return byStart.TryGetValue(start, out var r)
                ? new HandoverDto(r.Id, groupId, start, r.SessionEndsAt, r.BuiltAt, JsonSerializer.Deserialize<HandoverContent>(r.Content, Json), noteDtos)
                : new HandoverDto(null, groupId, start, null, null, null, noteDtos);
        })];
    }

    /// <summary>
    /// A moderator's handover note, for the session in progress or (with no session open) the one named, or
    /// else the most recent session with a report.
    /// </summary>
    public async Task<Outcome<HandoverNoteDto>> AddNoteAsync(CurrentUser user, string groupId, string? text, DateTimeOffset? sessionStartsAt, CancellationToken ct)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > RecordsLimits.MaxNoteLength)
        {
            return Outcome.Invalid("text", $"A handover note needs 1 to {RecordsLimits.MaxNoteLength} characters.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await JourneyAudience.IsStaffOfAsync(db, user, groupId, ct) || !user.CanModerate)
        {
            return Outcome.Forbidden("Handover notes are written by the group's moderators.");
        }

        var session = sessionStartsAt?.ToUniversalTime()
            ?? (await gate.DecideAsync(groupId, ct)).CurrentSession?.StartsAt
            ?? await db.HandoverReports.Where(r => r.GroupId == groupId).OrderByDescending(r => r.SessionStartsAt)
                .Select(r => (DateTimeOffset?)r.SessionStartsAt).FirstOrDefaultAsync(ct);
        if (session is not { } startsAt)
        {
            return Outcome.Invalid("sessionStartsAt", "No session is open and none has closed yet: say which session the note is for with sessionStartsAt.");
        }

        if (startsAt > time.GetUtcNow())
        {
            return Outcome.Invalid("sessionStartsAt", "That session has not started yet; handover notes are for a session in progress or one that has ended.");
        }

        var note = new HandoverNote
        {
            Id = Ids.New(), GroupId = groupId, SessionStartsAt = startsAt, AuthorId = user.Id, AuthorName = user.DisplayName, Text = text, At = time.GetUtcNow(),
        };
        db.HandoverNotes.Add(note);
        audit.Add(db, user, "handover.noted", groupId, "session", startsAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            data: new { noteId = note.Id, length = text.Length });
        await db.SaveChangesAsync(ct);
        LogNoted(logger, groupId, note.Id, text.Length, user.Id);
        return ToDto(note);
    }

    private static async Task<List<HandoverNoteDto>> NotesAsync(AppDbContext db, string groupId, DateTimeOffset sessionStartsAt, CancellationToken ct) =>
        [.. (await db.HandoverNotes.AsNoTracking().Where(n => n.GroupId == groupId && n.SessionStartsAt == sessionStartsAt).ToListAsync(ct))
            .OrderBy(n => n.At).Select(ToDto)];

    private static HandoverNoteDto ToDto(HandoverNote n) => new(n.Id, n.SessionStartsAt, n.AuthorId, n.AuthorName, n.Text, n.At);

    [LoggerMessage(8111, LogLevel.Information, "Handover report {ReportId} for group {GroupId}: {Attended} attended, {Messages} messages")]
    private static partial void LogBuilt(ILogger logger, string groupId, string reportId, int attended, int messages);

    [LoggerMessage(8112, LogLevel.Information, "Handover note {NoteId} ({Length} chars) for group {GroupId} by {ActorId}")]
    private static partial void LogNoted(ILogger logger, string groupId, string noteId, int length, string actorId);
}
