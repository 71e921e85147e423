using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Safeguarding;

/// <summary>
/// Who may see and act on concerns. Admins: all. Safeguarding staff: concerns of groups where they hold
/// a duty, of groups with no lead or deputy at all, and any concern escalated to all safeguarding staff.
/// Moderators: read the concerns of groups they moderate. Young people: none.
/// </summary>
public static class ConcernAccess
{
    /// <summary>The answer for an unknown concern id and for one the caller may not see: the same words, so an id leaks nothing.</summary>
    public const string NoSuchConcern = "There is no concern with that id that you can see. Check the id, or ask the group's safeguarding lead.";

    public static IQueryable<Concern> Visible(AppDbContext db, CurrentUser user, IQueryable<Concern> concerns) => user.Role switch
    {
        Roles.Admin => concerns,
        Roles.Safeguarding => concerns.Where(c =>
            c.EscalationLevel >= ConcernLimits.MaxEscalationLevel
            || db.GroupStaff.Any(s => s.GroupId == c.GroupId && s.AccountId == user.Id)
            || !db.GroupStaff.Any(s => s.GroupId == c.GroupId && (s.Duty == Duties.SafeguardingLead || s.Duty == Duties.DeputyLead))),
        Roles.Moderator => concerns.Where(c =>
            db.GroupStaff.Any(s => s.GroupId == c.GroupId && s.AccountId == user.Id && s.Duty == Duties.Moderator)),
        _ => concerns.Where(_ => false),
    };

    public static Task<bool> CanReadAsync(AppDbContext db, CurrentUser user, Concern concern, CancellationToken ct) =>
        Visible(db, user, db.Concerns.Where(c => c.Id == concern.Id)).AnyAsync(ct);

    /// <summary>Acknowledge, add notes, resolve: safeguarding staff (and admins) who can see it.</summary>
    public static async Task<bool> CanActAsync(AppDbContext db, CurrentUser user, Concern concern, CancellationToken ct) =>
        user.Role is Roles.Safeguarding or Roles.Admin && await CanReadAsync(db, user, concern, ct);
}
