using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Audit;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Groups;
using OnlineGroup.Server.Hosting;

namespace OnlineGroup.Server.Facilitators;

/// <summary>
/// Care for the people who run groups: debriefs after sessions, hours with groups, and requests for
/// supervision. A facilitator's debriefs and requests are seen by them and their supervisor (a staff
/// member with the <c>supervisor</c> duty in that group, or an admin), never by other facilitators; the
/// audit entries for them carry no group, so the group's trail does not show them to its staff either.
/// </summary>
public static class FacilitatorsApi
{
    private const string NotSupervisor =
        "Debriefs, hours and supervision requests are private to each facilitator and the group's supervisor. An admin can name you supervisor of a group.";

    public static IEndpointRouteBuilder MapFacilitators(this IEndpointRouteBuilder app)
    {
        var debriefs = app.MapGroup("/api/debriefs").RequireAuthorization(Policies.Staff);
        debriefs.MapPost("/", SubmitDebrief).RequireAuthorization(Policies.Moderation);
        debriefs.MapGet("/", ListDebriefs);
        var facilitators = app.MapGroup("/api/facilitators").RequireAuthorization(Policies.Staff);
        facilitators.MapGet("/hours", Hours);
        facilitators.MapGet("/me", Mine).RequireAuthorization(Policies.Moderation);
        facilitators.MapPost("/supervision-requests", RequestSupervision).RequireAuthorization(Policies.Moderation);
        facilitators.MapGet("/supervision-requests", ListSupervisionRequests);
        facilitators.MapPost("/supervision-requests/{requestId}/resolve", ResolveSupervisionRequest);
        return app;
    }

    private static async Task<IResult> SubmitDebrief(DebriefRequest req, HttpContext http, AppDbContext db, AuditTrail audit, TimeProvider time,
        ILogger<PresenceRecorder> logger)
    {
        var user = CurrentUser.From(http.User);
        if (await FacilitatedGroupAsync(db, user, req.GroupId, http.RequestAborted) is { } refusal)
        {
            return refusal;
        }

        var errors = new Dictionary<string, string[]>();
        if (req.Wellbeing is not (>= 1 and <= 5))
        {
            errors["wellbeing"] = ["How are you after the session? Give wellbeing from 1 (struggling) to 5 (fine)."];
        }

        var handover = string.IsNullOrWhiteSpace(req.Handover) ? null : req.Handover.Trim();
        if (handover?.Length > FacilitatorLimits.Text)
        {
            errors["handover"] = [$"The handover may have at most {FacilitatorLimits.Text:N0} characters."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var now = time.GetUtcNow();
        var debrief = new Debrief
        {
            Id = Ids.New(),
            GroupId = req.GroupId!,
            AccountId = user.Id,
            SessionStartsAt = req.SessionStartsAt?.ToUniversalTime(),
            Wellbeing = req.Wellbeing!.Value,
            Handover = handover,
            NeedsSupervision = req.NeedsSupervision ?? false,
            SubmittedAt = now,
        };
        db.Debriefs.Add(debrief);
        // Private to the facilitator and their supervisor: no group on the audit entry, so the group's staff do not see it.
        audit.Add(db, user, "debrief.submitted", targetType: "debrief", targetId: debrief.Id, data: new { groupId = debrief.GroupId });
        if (debrief.NeedsSupervision)
        {
            AddSupervisionRequest(db, audit, user, debrief.GroupId, debrief.Id, note: null, now);
        }

        await db.SaveChangesAsync(http.RequestAborted);
        FacilitatorsLog.DebriefSubmitted(logger, debrief.Id, debrief.GroupId, user.Id);
        var groupName = await db.Groups.Where(g => g.Id == debrief.GroupId).Select(g => g.Name).FirstAsync(http.RequestAborted);
        return TypedResults.Created($"/api/debriefs/{debrief.Id}", ToDto(debrief, groupName, user.DisplayName));
    }

    private static async Task<IResult> ListDebriefs(string? groupId, HttpContext http, AppDbContext db)
    {
        var scope = await SupervisedAsync(db, CurrentUser.From(http.User), groupId, http.RequestAborted);
        if (scope is null)
        {
            return Problems.Forbidden(NotSupervisor);
        }

        var ids = scope.Select(g => g.Id).ToList();
        var rows = await db.Debriefs.AsNoTracking().Where(d => ids.Contains(d.GroupId))
            .OrderByDescending(d => d.SubmittedAt).Take(500)
            .Join(db.Accounts, d => d.AccountId, a => a.Id, (d, a) => new { Debrief = d, a.DisplayName })
            .ToListAsync(http.RequestAborted);
        var names = scope.ToDictionary(g => g.Id, g => g.Name);
        return TypedResults.Ok(rows.Select(r => ToDto(r.Debrief, names[r.Debrief.GroupId], r.DisplayName)));
    }

    private static async Task<IResult> Hours(string? week, string? groupId, HttpContext http, AppDbContext db, PresenceRecorder presence,
        IOptions<FacilitatorsOptions> options, TimeProvider time)
    {
        IsoWeek? chosen = null;
        if (week is not null)
        {
            if (!IsoWeek.TryParse(week, out var parsed))
            {
                return Problems.Invalid("week", "Give the week as an ISO week such as 2026-W48, or leave it out for this week.");
            }

            chosen = parsed;
        }

        var scope = await SupervisedAsync(db, CurrentUser.From(http.User), groupId, http.RequestAborted);
        if (scope is null)
        {
            return Problems.Forbidden(NotSupervisor);
        }

        await presence.FlushAsync(http.RequestAborted);
        var limit = options.Value.WeeklyHoursWarning;
        var report = await HoursReport.BuildAsync(db, scope, onlyAccountId: null, chosen, time.GetUtcNow(), limit, http.RequestAborted);
        return TypedResults.Ok(new HoursDto(limit, report));
    }

    private static async Task<IResult> Mine(HttpContext http, AppDbContext db, PresenceRecorder presence, IOptions<FacilitatorsOptions> options, TimeProvider time)
    {
        var user = CurrentUser.From(http.User);
        await presence.FlushAsync(http.RequestAborted);
        var now = time.GetUtcNow();
        var groupIds = await db.GroupStaff.AsNoTracking().Where(s => s.AccountId == user.Id && s.Duty == Duties.Moderator).Select(s => s.GroupId)
            .Union(db.StaffPresence.AsNoTracking().Where(p => p.AccountId == user.Id).Select(p => p.GroupId))
            .ToListAsync(http.RequestAborted);
        var groups = await db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToListAsync(http.RequestAborted);
        var limit = options.Value.WeeklyHoursWarning;
        var hours = (await HoursReport.BuildAsync(db, groups, user.Id, null, now, limit, http.RequestAborted)).SingleOrDefault()
            ?? new FacilitatorHoursDto(user.Id, user.DisplayName, 0, false, null, false, []);
        if (hours.AboveWarning)
        {
            hours = hours with
            {
                Warning = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"You have spent {hours.Hours:0.#} hours with groups this week, more than the {limit:0.#} suggested. Please look after yourself, and talk to your supervisor if it would help."),
            };
        }

        var open = await db.SupervisionRequests.AsNoTracking().Where(r => r.AccountId == user.Id && r.ResolvedAt == null)
            .OrderBy(r => r.RequestedAt).ToListAsync(http.RequestAborted);
        var names = groups.ToDictionary(g => g.Id, g => g.Name);
        return TypedResults.Ok(new MyFacilitationDto(hours, limit, await DebriefsDueAsync(db, user.Id, groups, now, http.RequestAborted),
            [.. open.Select(r => ToDto(r, names.GetValueOrDefault(r.GroupId) ?? "", user.DisplayName))]));
    }

    private static async Task<IResult> RequestSupervision(SupervisionRequestInput req, HttpContext http, AppDbContext db, AuditTrail audit,
        TimeProvider time, ILogger<PresenceRecorder> logger)
    {
        var user = CurrentUser.From(http.User);
        if (await FacilitatedGroupAsync(db, user, req.GroupId, http.RequestAborted) is { } refusal)
        {
            return refusal;
        }

        var note = string.IsNullOrWhiteSpace(req.Note) ? null : req.Note.Trim();
        if (note?.Length > FacilitatorLimits.Text)
        {
            return Problems.Invalid("note", $"The note may have at most {FacilitatorLimits.Text:N0} characters.");
        }

        var request = AddSupervisionRequest(db, audit, user, req.GroupId!, debriefId: null, note, time.GetUtcNow());
        await db.SaveChangesAsync(http.RequestAborted);
        FacilitatorsLog.SupervisionRequested(logger, request.Id, request.GroupId);
        var groupName = await db.Groups.Where(g => g.Id == request.GroupId).Select(g => g.Name).FirstAsync(http.RequestAborted);
        return TypedResults.Created($"/api/facilitators/supervision-requests/{request.Id}", ToDto(request, groupName, user.DisplayName));
    }

    private static async Task<IResult> ListSupervisionRequests(string? groupId, bool? open, HttpContext http, AppDbContext db)
    {
        var scope = await SupervisedAsync(db, CurrentUser.From(http.User), groupId, http.RequestAborted);
        if (scope is null)
        {
            return Problems.Forbidden(NotSupervisor);
        }

        var ids = scope.Select(g => g.Id).ToList();
        var onlyOpen = open ?? true;
        var rows = await db.SupervisionRequests.AsNoTracking()
            .Where(r => ids.Contains(r.GroupId) && (!onlyOpen || r.ResolvedAt == null))
            .OrderBy(r => r.RequestedAt).Take(500)
            .Join(db.Accounts, r => r.AccountId, a => a.Id, (r, a) => new { Request = r, a.DisplayName })
            .ToListAsync(http.RequestAborted);
        var names = scope.ToDictionary(g => g.Id, g => g.Name);
        return TypedResults.Ok(rows.Select(r => ToDto(r.Request, names[r.Request.GroupId], r.DisplayName)));
    }

    private static async Task<IResult> ResolveSupervisionRequest(string requestId, HttpContext http, AppDbContext db, AuditTrail audit, TimeProvider time)
    {
        var user = CurrentUser.From(http.User);
        var request = await db.SupervisionRequests.FirstOrDefaultAsync(r => r.Id == requestId, http.RequestAborted);
        if (request is null)
        {
            return Problems.NotFound("There is no supervision request with that id.");
        }

        var scope = await SupervisedAsync(db, user, request.GroupId, http.RequestAborted);
        if (scope is null)
        {
            return Problems.Forbidden(NotSupervisor);
        }

        if (request.ResolvedAt is null)
        {
            request.ResolvedAt = time.GetUtcNow();
            request.ResolvedBy = user.Id;
            audit.Add(db, user, "supervision.resolved", targetType: "supervisionRequest", targetId: request.Id, data: new { groupId = request.GroupId });
            await db.SaveChangesAsync(http.RequestAborted);
        }

        var name = await db.Accounts.Where(a => a.Id == request.AccountId).Select(a => a.DisplayName).FirstAsync(http.RequestAborted);
        return TypedResults.Ok(ToDto(request, scope[0].Name, name));
    }

    /// <summary>
    /// The groups the caller supervises (every group for an admin), narrowed to <paramref name="groupId"/> when
    /// given; null when that leaves nothing the caller may see.
    /// </summary>
    private static async Task<List<Group>?> SupervisedAsync(AppDbContext db, CurrentUser user, string? groupId, CancellationToken ct)
    {
        var groups = db.Groups.AsNoTracking().Where(g => groupId == null || g.Id == groupId);
        if (!user.IsAdmin)
        {
            groups = groups.Where(g => db.GroupStaff.Any(s => s.GroupId == g.Id && s.AccountId == user.Id && s.Duty == Duties.Supervisor));
        }

        var list = await groups.OrderBy(g => g.Name).ToListAsync(ct);
        return list.Count == 0 ? null : list;
    }

    /// <summary>Null when the caller facilitates the group (a moderator of it, or an admin); otherwise the answer to give.</summary>
    private static async Task<IResult?> FacilitatedGroupAsync(AppDbContext db, CurrentUser user, string? groupId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(groupId) || !await db.Groups.AnyAsync(g => g.Id == groupId, ct))
        {
            return Problems.Invalid("groupId", "Give the id of the group you facilitated (groupId).");
        }

        return user.IsAdmin || await db.GroupStaff.AnyAsync(s => s.GroupId == groupId && s.AccountId == user.Id && s.Duty == Duties.Moderator, ct)
            ? null
            : Problems.Forbidden("Debriefs and supervision requests are for the group's facilitators; you are not a moderator of this group.");
    }

    private static SupervisionRequest AddSupervisionRequest(AppDbContext db, AuditTrail audit, CurrentUser user, string groupId, string? debriefId,
        string? note, DateTimeOffset now)
    {
        var request = new SupervisionRequest { Id = Ids.New(), GroupId = groupId, AccountId = user.Id, DebriefId = debriefId, Note = note, RequestedAt = now };
        db.SupervisionRequests.Add(request);
        audit.Add(db, user, "supervision.requested", targetType: "supervisionRequest", targetId: request.Id, data: new { groupId, debriefId });
        return request;
    }

    /// <summary>Per group, the time with it since the caller's last debrief for it: due when it adds up to a quarter of an hour.</summary>
    private static async Task<List<DebriefDueDto>> DebriefsDueAsync(AppDbContext db, string accountId, List<Group> groups, DateTimeOffset now, CancellationToken ct)
    {
        var since = now.AddDays(-14);
        var visits = await db.StaffPresence.AsNoTracking()
            .Where(p => p.AccountId == accountId && p.LeftAt != null && p.LeftAt > since && !p.EndEstimated)
            .ToListAsync(ct);
        var lastDebriefs = await db.Debriefs.AsNoTracking().Where(d => d.AccountId == accountId)
            .GroupBy(d => d.GroupId).Select(g => new { GroupId = g.Key, Last = g.Max(d => d.SubmittedAt) })
            .ToDictionaryAsync(d => d.GroupId, d => d.Last, ct);
        var due = new List<DebriefDueDto>();
        foreach (var group in groups)
        {
            var last = lastDebriefs.TryGetValue(group.Id, out var at) ? at : DateTimeOffset.MinValue;
            var undebriefed = visits.Where(v => v.GroupId == group.Id && v.LeftAt > last).ToList();
            var time = WorkingHours.Union(undebriefed.Select(v => (v.JoinedAt, v.LeftAt!.Value)));
            if (time >= TimeSpan.FromMinutes(15))
            {
                due.Add(new DebriefDueDto(group.Id, group.Name, undebriefed.Min(v => v.JoinedAt), undebriefed.Max(v => v.LeftAt!.Value), (int)time.TotalMinutes));
            }
        }

        return due;
    }

    private static DebriefDto ToDto(Debrief d, string groupName, string displayName) =>
        new(d.Id, d.GroupId, groupName, d.AccountId, displayName, d.SessionStartsAt, d.Wellbeing, d.Handover, d.NeedsSupervision, d.SubmittedAt);

    private static SupervisionRequestDto ToDto(SupervisionRequest r, string groupName, string displayName) =>
        new(r.Id, r.GroupId, groupName, r.AccountId, displayName, r.DebriefId, r.Note, r.RequestedAt, r.ResolvedAt, r.ResolvedBy);
}
