using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Moderation;

/// <summary>
/// Who may moderate or read a group's staff views: the role (checked by the hub's policy) is not
/// enough; the caller must hold a duty in this group. A refusal is a HubException that says why, and
/// comes before anything changes.
/// </summary>
public sealed class ModerationAccess(IDbContextFactory<AppDbContext> contexts)
{
    /// <summary>Admins anywhere; moderators in groups where they are a moderator.</summary>
    public async Task EnsureModeratorAsync(CurrentUser user, string groupId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var allowed = user.IsAdmin
            ? await db.Groups.AnyAsync(g => g.Id == groupId, ct)
            : user.CanModerate && await db.GroupStaff.AnyAsync(s => s.GroupId == groupId && s.AccountId == user.Id && s.Duty == Duties.Moderator, ct);
        if (!allowed)
        {
            throw new HubException("You are not a moderator of this group, so you cannot moderate it. Ask an admin to assign you if you should be.");
        }
    }

    /// <summary>Admins anywhere; other staff in groups where they hold any duty (moderators, safeguarding leads and deputies).</summary>
    public async Task EnsureStaffAsync(CurrentUser user, string groupId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var allowed = user.IsAdmin
            ? await db.Groups.AnyAsync(g => g.Id == groupId, ct)
            : user.IsStaff && await db.GroupStaff.AnyAsync(s => s.GroupId == groupId && s.AccountId == user.Id, ct);
        if (!allowed)
        {
            throw new HubException("You are not on this group's staff, so you cannot see its staff views.");
        }
    }

    /// <summary>A member of this group, by member id, or a HubException a moderator can act on.</summary>
    public static async Task<Member> MemberAsync(AppDbContext db, string groupId, string memberId, CancellationToken ct) =>
        await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId && m.GroupId == groupId, ct)
        ?? throw new HubException("There is no member with that id in this group.");

    /// <summary>A reason for the record: required, and short enough to keep.</summary>
    public static string Reason(string? reason)
    {
        var trimmed = reason?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > ModerationLimits.MaxReasonLength
            ? throw new HubException($"Give a reason of 1 to {ModerationLimits.MaxReasonLength} characters: it is kept in the audit trail.")
            : trimmed;
    }
}
