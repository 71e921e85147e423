using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Audit;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Hosting;

namespace OnlineGroup.Server.Safeguarding;

/// <summary>
/// REST for safeguarding leads: the concern list, one concern with its transcript and history, and
/// the decisions (acknowledge, note, resolve). Every view and decision goes on the audit trail.
/// </summary>
public static class ConcernsApi
{
    private const int ListLimit = 200;

    public static RouteGroupBuilder MapConcerns(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/concerns").RequireAuthorization(Policies.ConcernReaders);
        api.MapGet("/", ListConcerns);
        api.MapGet("/{concernId}", GetConcern);
        api.MapPost("/{concernId}/acknowledge", Acknowledge).RequireAuthorization(Policies.Safeguarding);
        api.MapPost("/{concernId}/notes", AddNote).RequireAuthorization(Policies.Safeguarding);
        api.MapPost("/{concernId}/resolve", Resolve).RequireAuthorization(Policies.Safeguarding);

        app.MapPost("/api/safeguarding/scan", Scan).RequireAuthorization(Policies.Staff);
        return api;
    }

    private static async Task<IResult> ListConcerns(string? status, HttpContext http, AppDbContext db, AuditTrail audit)
    {
        var user = CurrentUser.From(http.User);
        var wanted = (status ?? "open").Trim().ToLowerInvariant();
        if (wanted is not ("open" or "all" or ConcernStatus.Raised or ConcernStatus.Acknowledged or ConcernStatus.Resolved))
        {
            return Problems.Invalid("status", "status must be open (the default), raised, acknowledged, resolved or all.");
        }

        var query = ConcernAccess.Visible(db, user, db.Concerns.AsNoTracking());
        query = wanted switch
        {
            "open" => query.Where(c => c.Status != ConcernStatus.Resolved),
            "all" => query,
            _ => query.Where(c => c.Status == wanted),
        };

        var rows = await query
            .OrderByDescending(c => c.RaisedAt)
            .Take(ListLimit)
            .Select(c => new
            {
                Concern = c,
                GroupName = db.Groups.Where(g => g.Id == c.GroupId).Select(g => g.Name).FirstOrDefault(),
                MemberName = db.Members.Where(m => m.Id == c.MemberId).Select(m => m.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(http.RequestAborted);

        // Seeing who is of concern is itself recorded, per group (each group's staff read their own trail).
        foreach (var group in rows.GroupBy(r => r.Concern.GroupId))
        {
            audit.Add(db, user, "concerns.listed", group.Key, "concern", targetId: null,
                data: new { status = wanted, concernIds = group.Select(r => r.Concern.Id).ToList() });
        }

        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Ok(rows.Select(r => ConcernMapping.ToSummary(r.Concern, r.GroupName, r.MemberName)).ToList());
    }

    private static async Task<IResult> GetConcern(string concernId, HttpContext http, AppDbContext db, AuditTrail audit)
    {
        var user = CurrentUser.From(http.User);
        var ct = http.RequestAborted;
        var concern = await db.Concerns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == concernId, ct);
        // A concern of a group one has no duty in answers exactly like one that does not exist: its id says nothing.
        if (concern is null || !await ConcernAccess.CanReadAsync(db, user, concern, ct))
        {
            return Problems.NotFound(ConcernAccess.NoSuchConcern);
        }

        var detail = await DetailAsync(db, user, concern, ct);
        audit.Add(db, user, "concern.viewed", concern.GroupId, "concern", concern.Id);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(detail);
    }

    private static async Task<IResult> Acknowledge(string concernId, HttpContext http, ConcernService concerns, AppDbContext db) =>
        await AnswerAsync(await concerns.AcknowledgeAsync(CurrentUser.From(http.User), concernId, http.RequestAborted), http, db);

    private static async Task<IResult> AddNote(string concernId, NoteRequest req, HttpContext http, ConcernService concerns, AppDbContext db) =>
        await AnswerAsync(await concerns.AddNoteAsync(CurrentUser.From(http.User), concernId, req.Text, http.RequestAborted), http, db);

    private static async Task<IResult> Resolve(string concernId, ResolveRequest req, HttpContext http, ConcernService concerns, AppDbContext db) =>
        await AnswerAsync(await concerns.ResolveAsync(CurrentUser.From(http.User), concernId, req.Outcome, http.RequestAborted), http, db);

    /// <summary>A decision answers the concern as it now stands (the same shape as GET).</summary>
    private static async Task<IResult> AnswerAsync(ConcernResult<Concern> outcome, HttpContext http, AppDbContext db)
    {
        if (outcome.Refusal is { } refusal)
        {
            return refusal.ToProblem();
        }

        return TypedResults.Ok(await DetailAsync(db, CurrentUser.From(http.User), outcome.Value!, http.RequestAborted));
    }

    private static IResult Scan(ScanRequest req, ISafeguardingScanner scanner, ILoggerFactory loggers)
    {
        if (string.IsNullOrWhiteSpace(req.Text) || req.Text.Length > ChatLimits.MaxTextLength)
        {
            return Problems.Invalid("text", $"Give the text to test, 1 to {ChatLimits.MaxTextLength} characters.");
        }

        var scan = scanner.Scan(req.Text);
        var answer = new ScanAnswer(ConcernMapping.Lower(scan.Action), ConcernMapping.Lower(scan.Severity), scan.Categories);
        SafeguardingLog.Scanned(loggers.CreateLogger(typeof(ConcernsApi)), req.Text.Length, answer.Action, answer.Severity);
        return TypedResults.Ok(answer);
    }

    private static async Task<ConcernDetailDto> DetailAsync(AppDbContext db, CurrentUser user, Concern concern, CancellationToken ct)
    {
        var groupName = await db.Groups.Where(g => g.Id == concern.GroupId).Select(g => g.Name).FirstOrDefaultAsync(ct);
        var memberName = concern.MemberId is null ? null
            : await db.Members.Where(m => m.Id == concern.MemberId).Select(m => m.DisplayName).FirstOrDefaultAsync(ct);

        RaisedByDto? raisedBy = null;
        if (concern.RaisedBy is not null)
        {
            var account = await db.Accounts.AsNoTracking().Where(a => a.Id == concern.RaisedBy)
                .Select(a => new { a.Id, a.DisplayName, a.Role }).FirstOrDefaultAsync(ct);
            var member = await db.Members.AsNoTracking().Where(m => m.GroupId == concern.GroupId && m.AccountId == concern.RaisedBy)
                .Select(m => new { m.Id, m.DisplayName }).FirstOrDefaultAsync(ct);
            raisedBy = new RaisedByDto(concern.RaisedBy, member?.Id, member?.DisplayName ?? account?.DisplayName, account?.Role ?? "");
        }

        var transcript = JsonSerializer.Deserialize<List<TranscriptLine>>(concern.Transcript, JsonSerializerOptions.Web) ?? [];
        if (concern.MessageId is not null && transcript.FindIndex(l => l.OfConcern && l.Seq is null) is var i and >= 0)
        {
            // The message of concern had no seq yet when its transcript was frozen; show the one it got, if any.
            var seq = await db.Messages.Where(m => m.Id == concern.MessageId).Select(m => m.Seq).FirstOrDefaultAsync(ct);
            transcript[i] = transcript[i] with { Seq = seq };
        }

        var history = await db.ConcernEntries.AsNoTracking().Where(e => e.ConcernId == concern.Id).OrderBy(e => e.Id)
            .Select(e => new ConcernHistoryDto(e.Kind, e.At, e.ActorId, e.ActorRole, e.ActorName, e.Level, e.Text))
            .ToListAsync(ct);
        var notifications = await db.ConcernNotifications.AsNoTracking().Where(n => n.ConcernId == concern.Id).OrderBy(n => n.Id)
            .Select(n => new ConcernNotificationDto(n.Kind, n.CreatedAt, n.DeliveredAt, n.Attempts, n.LastError))
            .ToListAsync(ct);
        var timeline = concern.SubjectAccountId is null ? []
            : await ConcernAccess.Visible(db, user, db.Concerns.AsNoTracking())
                .Where(c => c.SubjectAccountId == concern.SubjectAccountId && c.Id != concern.Id)
                .OrderByDescending(c => c.RaisedAt)
                .Take(50)
                .Select(c => new RiskTimelineEntry(c.Id, c.GroupId, c.Severity, c.Status, c.RaisedAt, c.EscalationLevel))
                .ToListAsync(ct);

        return new ConcernDetailDto(
            ConcernMapping.ToSummary(concern, groupName, memberName),
            raisedBy,
            concern.ReportReason,
            concern.AcknowledgedBy,
            concern.ResolvedBy,
            concern.Outcome,
            transcript,
            history,
            notifications,
            timeline);
    }
}
