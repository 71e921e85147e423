using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Audit;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Readiness;

/// <summary>A young person's agreement to a group's aims and house rules: on the member and on the audit trail.</summary>
public static class HouseRulesAgreement
{
    public const string AgreedAction = "houseRules.agreed";

    /// <summary>The version in force now (0 when no house rules are written yet).</summary>
    public static async Task<int> CurrentVersionAsync(AppDbContext db, string groupId, CancellationToken ct) =>
        await db.GroupReadiness.AsNoTracking().Where(r => r.GroupId == groupId)
            .Select(r => (int?)r.HouseRulesVersion).FirstOrDefaultAsync(ct) ?? 0;

    /// <summary>Records the agreement in the caller's unit of work (saved with the caller's SaveChanges).</summary>
    public static void Record(AppDbContext db, AuditTrail audit, Member member, CurrentUser actor, int version, DateTimeOffset at)
    {
        member.AgreedRulesVersion = version;
        member.AgreedRulesAt = at;
        audit.Add(db, actor, AgreedAction, member.GroupId, "member", member.Id, data: new { houseRulesVersion = version });
    }
}
