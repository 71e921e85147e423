using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Journey;

/// <summary>Who hears about a group's waiting list and follow-ups: every account holding a duty in it.</summary>
public static class JourneyAudience
{
    public static async Task<IReadOnlyList<string>> StaffOfAsync(IDbContextFactory<AppDbContext> contexts, string groupId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.GroupStaff.AsNoTracking().Where(s => s.GroupId == groupId).Select(s => s.AccountId).Distinct().ToListAsync(ct);
    }

    /// <summary>Admins everywhere, other staff where they hold a duty (as <see cref="Groups.GroupAccess"/>, for services with their own context).</summary>
    public static async Task<bool> IsStaffOfAsync(AppDbContext db, CurrentUser user, string groupId, CancellationToken ct) =>
        user.IsAdmin
            ? await db.Groups.AnyAsync(g => g.Id == groupId, ct)
            : user.IsStaff && await db.GroupStaff.AnyAsync(s => s.GroupId == groupId && s.AccountId == user.Id, ct);
}
