using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Audit;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Groups;
using OnlineGroup.Server.Hosting;

namespace OnlineGroup.Server.Schedule;

/// <summary>Opening times over REST: the weekly schedule, closures, the sessions in a window, and the group's status now.</summary>
public static class ScheduleApi
{
    /// <summary>The window <c>GET sessions</c> answers when not told: four weeks from now.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromDays(28);

    /// <summary>The longest window <c>GET sessions</c> answers: a year, as far as the calendar looks.</summary>
    public static readonly TimeSpan MaxWindow = SessionCalendar.MaxWindow;

    public const int MaxWeeklySessions = 50;

    public static RouteGroupBuilder MapSchedule(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/groups/{groupId}").RequireAuthorization(Policies.SignedIn);
        api.MapGet("/schedule", GetSchedule);
        api.MapPut("/schedule", PutSchedule).RequireAuthorization(Policies.Staff);
        api.MapGet("/sessions", ListSessions);
        api.MapGet("/closures", ListClosures);
        api.MapPost("/closures", CreateClosure).RequireAuthorization(Policies.Staff);
        api.MapDelete("/closures/{closureId}", DeleteClosure).RequireAuthorization(Policies.Staff);
        api.MapGet("/status", GetStatus);
        return api;
    }

    private static async Task<IResult> GetSchedule(string groupId, HttpContext http, AppDbContext db, GroupAccess access)
    {
        if (await CanReadAsync(groupId, http, db, access) is { } refused)
        {
            return refused;
        }

        var timeZone = await db.Groups.AsNoTracking().Where(g => g.Id == groupId).Select(g => g.TimeZone).SingleAsync(http.RequestAborted);
        var weekly = await db.WeeklySessions.AsNoTracking().Where(s => s.GroupId == groupId).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(new ScheduleDto(timeZone, [.. Sorted(weekly).Select(WeeklySlotDto.From)]));
    }

    private static async Task<IResult> PutSchedule(string groupId, PutScheduleRequest req, HttpContext http, AppDbContext db, GroupAccess access,
        AuditTrail audit, GroupDirectory groups, IScheduleChanged changed)
    {
        var user = CurrentUser.From(http.User);
        var group = await db.Groups.FirstOrDefaultAsync(g => g.Id == groupId, http.RequestAborted);
        if (group is null)
        {
            return Problems.NotFound("There is no group with that id.");
        }

        if (!await access.IsStaffOfAsync(user, groupId, http.RequestAborted))
        {
            return Problems.Forbidden("You are not on this group's staff.");
        }

        if (req.Weekly is null)
        {
            return Problems.Invalid("weekly", "weekly is required: a list of sessions such as {\"day\":\"Tuesday\",\"start\":\"18:00\",\"end\":\"20:00\"} in the group's local time; send [] for none.");
        }

        if (req.Weekly.Count > MaxWeeklySessions)
        {
            return Problems.Invalid("weekly", $"A group can have at most {MaxWeeklySessions} weekly sessions; {req.Weekly.Count} were sent.");
        }

        var errors = new List<ScheduleError>();
        var timeZone = req.TimeZone?.Trim() ?? group.TimeZone;
        if (req.TimeZone is not null)
        {
            errors.AddRange(ScheduleValidation.ValidateTimeZone(timeZone));
        }

        var parsed = ScheduleValidation.ParseWeekly([.. req.Weekly.Select(w => w ?? new WeeklySlotInput(null, null, null))]);
        errors.AddRange(parsed.Errors);
        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var previous = await db.WeeklySessions.Where(s => s.GroupId == groupId).ToListAsync(http.RequestAborted);
        db.WeeklySessions.RemoveRange(previous);
        var weekly = parsed.Slots.Select(s => new WeeklySession { Id = Ids.New(), GroupId = groupId, Day = s.Day, Start = s.Start, End = s.End }).ToList();
        db.WeeklySessions.AddRange(weekly);
        var previousZone = group.TimeZone;
        group.TimeZone = timeZone;
        var dto = new ScheduleDto(timeZone, [.. Sorted(weekly).Select(WeeklySlotDto.From)]);
        audit.Add(db, user, "schedule.changed", groupId, "group", groupId, data: new
        {
            timeZone,
            previousTimeZone = previousZone == timeZone ? null : previousZone,
            dto.Weekly,
            previous = Sorted(previous).Select(WeeklySlotDto.From),
        });
        await db.SaveChangesAsync(http.RequestAborted);
        groups.Invalidate(groupId);
        await changed.ChangedAsync(groupId, http.RequestAborted);
        return TypedResults.Ok(dto);
    }

    private static async Task<IResult> ListSessions(string groupId, string? from, string? to, HttpContext http, AppDbContext db, GroupAccess access,
        CalendarCache calendars, TimeProvider time)
    {
        if (await CanReadAsync(groupId, http, db, access) is { } refused)
        {
            return refused;
        }

        var errors = new Dictionary<string, string[]>();
        var start = ParseTime(from, "from", errors);
        var end = ParseTime(to, "to", errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var windowStart = start ?? (end is { } e ? e - DefaultWindow : time.GetUtcNow());
        var windowEnd = end ?? windowStart + DefaultWindow;
        if (windowEnd <= windowStart)
        {
            return Problems.Invalid("to", $"'to' ({Describe(windowEnd)}) must be later than 'from' ({Describe(windowStart)}).");
        }

        if (windowEnd - windowStart > MaxWindow)
        {
            return Problems.Invalid("to", $"The window from {Describe(windowStart)} to {Describe(windowEnd)} is longer than {MaxWindow.TotalDays:0} days; ask for a shorter one.");
        }

        var calendar = await calendars.GetAsync(groupId, http.RequestAborted);
        return TypedResults.Ok(calendar!.Sessions(windowStart, windowEnd).Select(SessionDto.From));
    }

    private static async Task<IResult> ListClosures(string groupId, HttpContext http, AppDbContext db, GroupAccess access, TimeProvider time, bool? past)
    {
        if (await CanReadAsync(groupId, http, db, access) is { } refused)
        {
            return refused;
        }

        var now = time.GetUtcNow();
        var query = db.Closures.AsNoTracking().Where(c => c.GroupId == groupId);
        if (past != true)
        {
            query = query.Where(c => c.To > now);
        }

        var closures = await query.OrderBy(c => c.From).ToListAsync(http.RequestAborted);
        return TypedResults.Ok(closures.Select(ClosureDto.Of));
    }

    private static async Task<IResult> CreateClosure(string groupId, CreateClosureRequest req, HttpContext http, AppDbContext db, GroupAccess access,
        AuditTrail audit, TimeProvider time, IScheduleChanged changed)
    {
        var user = CurrentUser.From(http.User);
        if (await StaffOnlyAsync(groupId, user, http, db, access) is { } refused)
        {
            return refused;
        }

        var errors = new Dictionary<string, string[]>();
        if (req.From is null)
        {
            errors["from"] = ["from is required: when the closure begins, as an ISO-8601 time with an offset, e.g. 2027-12-20T00:00:00Z."];
        }

        if (req.To is null)
        {
            errors["to"] = ["to is required: when the closure ends, as an ISO-8601 time with an offset, e.g. 2028-01-04T00:00:00Z."];
        }

        var reason = req.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > ScheduleModel.MaxClosureReasonLength)
        {
            errors["reason"] = [$"A closure needs a reason of 1 to {ScheduleModel.MaxClosureReasonLength} characters; young people see it with the sessions it cancels (e.g. \"Christmas holidays\")."];
        }

        var now = time.GetUtcNow();
        if (req is { From: { } f, To: { } t })
        {
            foreach (var error in ScheduleValidation.ValidateClosure(f, t))
            {
                errors[error.Field] = [error.Message];
            }

            if (t > f && t <= now)
            {
                errors["to"] = [$"The closure ends ({Describe(t)}) before now ({Describe(now)}); a closure is for time still to come."];
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var closure = new Closure
        {
            Id = Ids.New(),
            GroupId = groupId,
            From = req.From!.Value.ToUniversalTime(),
            To = req.To!.Value.ToUniversalTime(),
            Reason = reason!,
            CreatedBy = user.Id,
            CreatedAt = now,
        };
        db.Closures.Add(closure);
        audit.Add(db, user, "closure.created", groupId, "closure", closure.Id, closure.Reason, new { closure.From, closure.To });
        await db.SaveChangesAsync(http.RequestAborted);
        await changed.ChangedAsync(groupId, http.RequestAborted);
        return TypedResults.Created($"/api/groups/{groupId}/closures/{closure.Id}", ClosureDto.Of(closure));
    }

    private static async Task<IResult> DeleteClosure(string groupId, string closureId, HttpContext http, AppDbContext db, GroupAccess access,
        AuditTrail audit, IScheduleChanged changed)
    {
        var user = CurrentUser.From(http.User);
        if (await StaffOnlyAsync(groupId, user, http, db, access) is { } refused)
        {
            return refused;
        }

        var closure = await db.Closures.FirstOrDefaultAsync(c => c.Id == closureId && c.GroupId == groupId, http.RequestAborted);
        if (closure is null)
        {
            return Problems.NotFound("This group has no closure with that id.");
        }

        db.Closures.Remove(closure);
        audit.Add(db, user, "closure.deleted", groupId, "closure", closure.Id, closure.Reason, new { closure.From, closure.To });
        await db.SaveChangesAsync(http.RequestAborted);
        await changed.ChangedAsync(groupId, http.RequestAborted);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> GetStatus(string groupId, HttpContext http, AppDbContext db, GroupAccess access, IGroupGate gate,
        CalendarCache calendars, TimeProvider time, IOptions<SignpostingOptions> signposting)
    {
        if (await CanReadAsync(groupId, http, db, access) is { } refused)
        {
            return refused;
        }

        var closedMessage = await db.Groups.AsNoTracking().Where(g => g.Id == groupId).Select(g => g.ClosedMessage).SingleAsync(http.RequestAborted);
        var decision = await gate.DecideAsync(groupId, http.RequestAborted);
        var closure = decision.IsOpen ? null : (await calendars.GetAsync(groupId, http.RequestAborted))?.At(time.GetUtcNow()).Closure;
        return TypedResults.Ok(new GroupStatusDto(
            decision.State,
            decision.IsOpen ? null : decision.Reason,
            decision.CurrentSession,
            decision.NextSession,
            StatusMessages.For(decision, closedMessage),
            closure is null ? null : new ClosureInForce(closure.From, closure.To, closure.Reason),
            signposting.Value.Contacts));
    }

    private static async Task<IResult?> CanReadAsync(string groupId, HttpContext http, AppDbContext db, GroupAccess access)
    {
        if (!await db.Groups.AnyAsync(g => g.Id == groupId, http.RequestAborted))
        {
            return Problems.NotFound("There is no group with that id.");
        }

        return await access.CanReadAsync(CurrentUser.From(http.User), groupId, http.RequestAborted)
            ? null
            : Problems.Forbidden("You are not a member or staff of this group.");
    }

    private static async Task<IResult?> StaffOnlyAsync(string groupId, CurrentUser user, HttpContext http, AppDbContext db, GroupAccess access)
    {
        if (!await db.Groups.AnyAsync(g => g.Id == groupId, http.RequestAborted))
        {
            return Problems.NotFound("There is no group with that id.");
        }

        return await access.IsStaffOfAsync(user, groupId, http.RequestAborted) ? null : Problems.Forbidden("You are not on this group's staff.");
    }

    private static DateTimeOffset? ParseTime(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed.ToUniversalTime();
        }

        // A '+' in a query string arrives as a space.
        var hint = text.Contains(' ', StringComparison.Ordinal) ? " In a URL, write a '+' in the offset as %2B, or use Z for UTC." : "";
        errors[field] = [$"'{text}' is not a time; use ISO-8601 with an offset, e.g. 2027-03-21T00:00:00Z.{hint}"];
        return null;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Invalid(IEnumerable<ScheduleError> errors) =>
        Problems.Invalid(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));

    private static IEnumerable<WeeklySession> Sorted(IEnumerable<WeeklySession> weekly) =>
        weekly.OrderBy(s => ((int)s.Day + 6) % 7).ThenBy(s => s.Start);

    private static string Describe(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
