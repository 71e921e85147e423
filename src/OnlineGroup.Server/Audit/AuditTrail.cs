using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Audit;

/// <summary>
/// Appends to the audit trail inside the caller's unit of work, so an action and its record commit
/// together or not at all.
/// </summary>
public sealed class AuditTrail(TimeProvider time)
{
    public const string System = "system";

    public AuditEntry Add(AppDbContext db, CurrentUser? actor, string action, string? groupId = null,
        string? targetType = null, string? targetId = null, string? reason = null, object? data = null)
    {
        var entry = Create(actor, action, groupId, targetType, targetId, reason, data);
        db.Audit.Add(entry);
        return entry;
    }

    public AuditEntry Create(CurrentUser? actor, string action, string? groupId = null,
        string? targetType = null, string? targetId = null, string? reason = null, object? data = null) => new()
    {
        ActorId = actor?.Id ?? System,
        ActorRole = actor?.Role ?? System,
        Action = action,
        GroupId = groupId,
        TargetType = targetType,
        TargetId = targetId,
        Reason = reason,
        Data = data is null ? null : JsonSerializer.Serialize(data, JsonSerializerOptions.Web),
        At = time.GetUtcNow(),
    };
}

public sealed record AuditEntryDto(long Id, DateTimeOffset At, string ActorId, string ActorRole, string Action,
    string? TargetType, string? TargetId, string? Reason, JsonElement? Data);

public static class AuditApi
{
    public static RouteGroupBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/groups/{groupId}/audit").RequireAuthorization(Policies.Staff);
        api.MapGet("/", async Task<IResult> (string groupId, long? after, HttpContext http, AppDbContext db, Groups.GroupAccess access) =>
        {
            var user = CurrentUser.From(http.User);
            if (!await access.IsStaffOfAsync(user, groupId, http.RequestAborted))
            {
                return Hosting.Problems.Forbidden("You are not on this group's staff.");
            }

            var rows = await db.Audit.AsNoTracking()
                .Where(a => a.GroupId == groupId && a.Id > (after ?? 0))
                .OrderBy(a => a.Id)
                .Take(1000)
                .ToListAsync(http.RequestAborted);
            return TypedResults.Ok(rows.Select(a => new AuditEntryDto(a.Id, a.At, a.ActorId, a.ActorRole, a.Action,
                a.TargetType, a.TargetId, a.Reason,
                a.Data is null ? null : JsonSerializer.Deserialize<JsonElement>(a.Data))));
        });
        return api;
    }
}
