using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Chat;
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

/// <summary>
/// Where a young person can get help now: configuration section <c>SupportContacts</c>, a list of
/// <c>{name, phone, text, url, hours}</c>; UK helplines when the section is absent.
/// </summary>
public sealed class SupportContacts(IConfiguration configuration)
{
    public const string Section = "SupportContacts";

    public static readonly IReadOnlyList<SupportContact> UkDefaults =
    [
        new("Childline", "0800 1111", null, "https://www.childline.org.uk", "24 hours, every day"),
        new("Samaritans", "116 123", null, "https://www.samaritans.org", "24 hours, every day"),
        new("Shout", null, "Text SHOUT to 85258", "https://giveusashout.org", "24 hours, every day"),
        new("In an emergency call 999", "999", null, null, "24 hours, every day"),
    ];

    public IReadOnlyList<SupportContact> ForYoungPeople
    {
        get
        {
            var configured = configuration.GetSection(Section).GetChildren()
                .Select(c => new SupportContact(Trimmed(c["name"]) ?? "", Trimmed(c["phone"]), Trimmed(c["text"]), Trimmed(c["url"]), Trimmed(c["hours"])))
                .Where(c => c.Name.Length > 0 && (c.Phone ?? c.Text ?? c.Url) is not null)
                .ToList();
            return configured.Count > 0 ? configured : UkDefaults;
        }
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
