using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Groups;

public static class MemberStatus
{
    public const string Active = "active";
    public const string Waitlisted = "waitlisted";
    public const string Removed = "removed";
    public const string Exited = "exited";
}

public static class MemberKinds
{
    public const string Member = "member";
    public const string Supporter = "supporter";
}

/// <summary>Who may see and act on a group: admins everywhere, other staff where they hold a duty, young people where they are members.</summary>
public sealed class GroupAccess(AppDbContext db)
{
    public async Task<bool> IsStaffOfAsync(CurrentUser user, string groupId, CancellationToken ct = default)
    {
        if (user.IsAdmin)
        {
            return await db.Groups.AnyAsync(g => g.Id == groupId, ct);
        }

        return user.IsStaff && await db.GroupStaff.AnyAsync(s => s.GroupId == groupId && s.AccountId == user.Id, ct);
    }

    public Task<Member?> MemberAsync(CurrentUser user, string groupId, CancellationToken ct = default) =>
        db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.GroupId == groupId && m.AccountId == user.Id, ct);

    /// <summary>Staff of the group, or a young person whose place in it is active or waitlisted.</summary>
    public async Task<bool> CanReadAsync(CurrentUser user, string groupId, CancellationToken ct = default)
    {
        if (user.IsStaff)
        {
            return await IsStaffOfAsync(user, groupId, ct);
        }

        var member = await MemberAsync(user, groupId, ct);
        return member is { Status: MemberStatus.Active or MemberStatus.Waitlisted };
    }
}
