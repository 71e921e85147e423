using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Groups;
using OnlineGroup.Server.Hosting;

namespace OnlineGroup.Server.Records;

/// <summary>Records over REST: handover reports and notes, the risk timeline, and the subject access export.</summary>
public static class RecordsApi
{
    public static RouteGroupBuilder MapRecords(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/groups/{groupId}").RequireAuthorization(Policies.Staff);
        group.MapGet("/handovers", GetHandovers).RequireAuthorization(Policies.Staff);
        group.MapPost("/handover-notes", AddHandoverNote).RequireAuthorization(Policies.Moderation);
        group.MapGet("/members/{memberId}/timeline", GetTimeline).RequireAuthorization(Policies.Staff);
        app.MapGet("/api/members/{memberId}/export", ExportMember).RequireAuthorization(Policies.Admin);
        app.MapGet("/api/accounts/{accountId}/export", ExportAccount).RequireAuthorization(Policies.Admin);
        return group;
    }

    private static async Task<IResult> GetHandovers(string groupId, int? take, HttpContext http, GroupAccess access, Handovers handovers) =>
        await StaffOnlyAsync(groupId, http, access)
        ?? TypedResults.Ok(await handovers.ListAsync(groupId, Math.Clamp(take ?? 20, 1, 200), http.RequestAborted));

    private static async Task<IResult> AddHandoverNote(string groupId, HandoverNoteRequest req, HttpContext http, Handovers handovers)
    {
        var note = await handovers.AddNoteAsync(CurrentUser.From(http.User), groupId, req.Text, req.SessionStartsAt, http.RequestAborted);
        return note.Problem ?? TypedResults.Created($"/api/groups/{groupId}/handovers", note.Value);
    }

    private static async Task<IResult> GetTimeline(string groupId, string memberId, HttpContext http, AppDbContext db, GroupAccess access, RiskTimeline timeline)
    {
        if (await StaffOnlyAsync(groupId, http, access) is { } refused)
        {
            return refused;
        }

        return await timeline.ForAsync(db, groupId, memberId, http.RequestAborted) is { } found
            ? TypedResults.Ok(found)
            : Problems.NotFound("There is no member with that id in this group.");
    }

    private static async Task<IResult> ExportMember(string memberId, HttpContext http, SubjectAccess exports) =>
        Attachment(http, await exports.ForMemberAsync(CurrentUser.From(http.User), memberId, http.RequestAborted), memberId);

    private static async Task<IResult> ExportAccount(string accountId, HttpContext http, SubjectAccess exports) =>
        Attachment(http, await exports.ForAccountAsync(CurrentUser.From(http.User), accountId, http.RequestAborted), accountId);

    private static IResult Attachment(HttpContext http, Journey.Outcome<SubjectExport> export, string id)
    {
        if (export.Problem is { } refused)
        {
            return refused;
        }

        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"subject-access-{id}.json\"";
        return TypedResults.Ok(export.Value);
    }

    private static async Task<IResult?> StaffOnlyAsync(string groupId, HttpContext http, GroupAccess access) =>
        await access.IsStaffOfAsync(CurrentUser.From(http.User), groupId, http.RequestAborted)
            ? null
            : Problems.Forbidden("You are not on this group's staff.");
}
