using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Audit;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Groups;
using OnlineGroup.Server.Hosting;

namespace OnlineGroup.Server.Journey;

/// <summary>The young person's journey over REST: waiting list, aims, goals, check-ins, progress, exits and follow-ups.</summary>
public static class JourneyApi
{
    public static RouteGroupBuilder MapJourney(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/groups/{groupId}").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/waitlist", GetWaitlist).RequireAuthorization(Policies.Staff);
        group.MapPost("/waitlist/reorder", Reorder).RequireAuthorization(Policies.Staff);
        group.MapGet("/aims", GetAims).RequireAuthorization(Policies.SignedIn);
        group.MapPut("/aims", PutAims).RequireAuthorization(Policies.Staff);
        group.MapGet("/goals", GetGoals).RequireAuthorization(Policies.SignedIn);
        group.MapPost("/goals", AddGoal).RequireAuthorization(Policies.Participant);
        group.MapPost("/checkins", AddCheckIn).RequireAuthorization(Policies.Participant);
        group.MapGet("/members/{memberId}/progress", GetProgress).RequireAuthorization(Policies.SignedIn);
        group.MapGet("/members/{memberId}/progress.svg", GetProgressChart).RequireAuthorization(Policies.SignedIn);
        group.MapPost("/members/{memberId}/exit", Exit).RequireAuthorization(Policies.Staff);
        group.MapGet("/followups", GetFollowUps).RequireAuthorization(Policies.Staff);
        app.MapPost("/api/followups/{followUpId}/done", Done).RequireAuthorization(Policies.Staff);
        return group;
    }

    private static async Task<IResult> GetWaitlist(string groupId, HttpContext http, AppDbContext db, GroupAccess access) =>
        await StaffOnlyAsync(groupId, http, access) ?? TypedResults.Ok(await Waitlist.ListAsync(db, groupId, http.RequestAborted));

    private static async Task<IResult> Reorder(string groupId, ReorderRequest req, HttpContext http, GroupAccess access, Waitlist waitlist) =>
        await StaffOnlyAsync(groupId, http, access)
        ?? (await waitlist.ReorderAsync(CurrentUser.From(http.User), groupId, req, http.RequestAborted)).ToResult();

    private static async Task<IResult> GetAims(string groupId, HttpContext http, AppDbContext db, GroupAccess access)
    {
        if (!await access.CanReadAsync(CurrentUser.From(http.User), groupId, http.RequestAborted))
        {
            return await NotFoundOrForbiddenAsync(groupId, db, http, "You are not a member or staff of this group.");
        }

        return TypedResults.Ok(await Aims.ListAsync(db, groupId, http.RequestAborted));
    }

    private static async Task<IResult> PutAims(string groupId, PutAimsRequest req, HttpContext http, AppDbContext db, GroupAccess access,
        AuditTrail audit, TimeProvider time) =>
        await StaffOnlyAsync(groupId, http, access)
        ?? (await Aims.ReplaceAsync(db, audit, CurrentUser.From(http.User), groupId, req, time.GetUtcNow(), http.RequestAborted)).ToResult();

    /// <summary>Young people see their own goals; staff see the group's (or one member's, with <c>?memberId=</c>).</summary>
    private static async Task<IResult> GetGoals(string groupId, string? memberId, HttpContext http, AppDbContext db, GroupAccess access)
    {
        var user = CurrentUser.From(http.User);
        if (user.IsParticipant)
        {
            var own = await access.MemberAsync(user, groupId, http.RequestAborted);
            return own is null
                ? Problems.Forbidden("You are not a member of this group.")
                : TypedResults.Ok(await Progress.GoalsAsync(db, groupId, own.Id, http.RequestAborted));
        }

        return await StaffOnlyAsync(groupId, http, access) ?? TypedResults.Ok(await Progress.GoalsAsync(db, groupId, memberId, http.RequestAborted));
    }

    private static async Task<IResult> AddGoal(string groupId, GoalRequest req, HttpContext http, AppDbContext db, AuditTrail audit, TimeProvider time)
    {
        var user = CurrentUser.From(http.User);
        var place = await Progress.OwnActivePlaceAsync(db, user, groupId, http.RequestAborted);
        if (place.Problem is { } refused)
        {
            return refused;
        }

        var goal = await Progress.AddGoalAsync(db, audit, user, place.Value!, req, time.GetUtcNow(), http.RequestAborted);
        return goal.Problem ?? TypedResults.Created($"/api/groups/{groupId}/goals/{goal.Value!.GoalId}", goal.Value);
    }

    private static async Task<IResult> AddCheckIn(string groupId, CheckInRequest req, HttpContext http, AppDbContext db, AuditTrail audit, TimeProvider time)
    {
        var user = CurrentUser.From(http.User);
        var place = await Progress.OwnActivePlaceAsync(db, user, groupId, http.RequestAborted);
        if (place.Problem is { } refused)
        {
            return refused;
        }

        var checkIn = await Progress.CheckInAsync(db, audit, user, place.Value!, req, time.GetUtcNow(), http.RequestAborted);
        return checkIn.Problem ?? TypedResults.Created($"/api/groups/{groupId}/checkins/{checkIn.Value!.CheckInId}", checkIn.Value);
    }

    private static async Task<IResult> GetProgress(string groupId, string memberId, HttpContext http, AppDbContext db, GroupAccess access) =>
        (await Progress.ForAsync(db, access, CurrentUser.From(http.User), groupId, memberId, http.RequestAborted)).ToResult();

    private static async Task<IResult> GetProgressChart(string groupId, string memberId, HttpContext http, AppDbContext db, GroupAccess access)
    {
        var progress = await Progress.ForAsync(db, access, CurrentUser.From(http.User), groupId, memberId, http.RequestAborted);
        if (progress.Problem is { } refused)
        {
            return refused;
        }

        // Private to the young person and their staff: never kept by a shared cache.
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Text(ProgressChart.Render(progress.Value!), "image/svg+xml; charset=utf-8");
    }

    private static async Task<IResult> Exit(string groupId, string memberId, ExitRequest req, HttpContext http, Exits exits) =>
        (await exits.ExitAsync(CurrentUser.From(http.User), groupId, memberId, req, http.RequestAborted)).ToResult();

    private static async Task<IResult> GetFollowUps(string groupId, string? status, HttpContext http, GroupAccess access, FollowUps followUps) =>
        await StaffOnlyAsync(groupId, http, access) ?? (await followUps.ListAsync(groupId, status, http.RequestAborted)).ToResult();

    private static async Task<IResult> Done(string followUpId, DoneRequest? req, HttpContext http, FollowUps followUps) =>
        (await followUps.DoneAsync(CurrentUser.From(http.User), followUpId, req ?? new DoneRequest(null), http.RequestAborted)).ToResult();

    /// <summary>Null when the caller is on the group's staff; otherwise the refusal to return.</summary>
    private static async Task<IResult?> StaffOnlyAsync(string groupId, HttpContext http, GroupAccess access) =>
        await access.IsStaffOfAsync(CurrentUser.From(http.User), groupId, http.RequestAborted)
            ? null
            : Problems.Forbidden("You are not on this group's staff.");

    private static async Task<IResult> NotFoundOrForbiddenAsync(string groupId, AppDbContext db, HttpContext http, string forbidden) =>
        await db.Groups.AnyAsync(g => g.Id == groupId, http.RequestAborted)
            ? Problems.Forbidden(forbidden)
            : Problems.NotFound("There is no group with that id.");
}
