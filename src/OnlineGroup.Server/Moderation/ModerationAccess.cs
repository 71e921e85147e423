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
    public Task EnsureModeratorAsync(CurrentUser user, string groupId, CancellationToken ct) => EnsureAsync(user, groupId, moderating: true, ct);

    /// <summary>Admins anywhere; other staff in groups where they hold any duty (moderators, safeguarding leads and deputies).</summary>
    public Task EnsureStaffAsync(CurrentUser user, string groupId, CancellationToken ct) => EnsureAsync(user, groupId, moderating: false, ct);

    private async Task EnsureAsync(CurrentUser user, string groupId, bool moderating, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (user.IsAdmin)
        {
            if (!await db.Groups.AnyAsync(g => g.Id == groupId, ct))
            {
                throw new HubException("There is no group with that id.");
            }

            return;
        }

        var duties = db.GroupStaff.Where(s => s.GroupId == groupId && s.AccountId == user.Id);
        if (moderating && !(user.CanModerate && await duties.AnyAsync(s => s.Duty == Duties.Moderator, ct)))
        {
            throw new HubException("You are not a moderator of this group, so you cannot moderate it. Ask an admin to assign you if you should be.");
        }

        if (!moderating && !(user.IsStaff && await duties.AnyAsync(ct)))
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
