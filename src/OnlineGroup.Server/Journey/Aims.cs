using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Audit;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Groups;

namespace OnlineGroup.Server.Journey;

/// <summary>A group's aims: a default set when the group is made, edited by its staff.</summary>
public static class Aims
{
    public static readonly IReadOnlyList<string> Defaults =
    [
        "Better help seeking",
        "Exploring emotions safely",
        "Managing crisis moments in a healthier way",
        "Recognising and managing triggers",
    ];

    /// <summary>Adds the default aims to a new group, in the caller's unit of work.</summary>
    public static void AddDefaults(AppDbContext db, string groupId, DateTimeOffset now)
    {
        for (var i = 0; i < Defaults.Count; i++)
        {
            db.GroupAims.Add(new GroupAim { Id = Ids.New(), GroupId = groupId, Text = Defaults[i], Position = i + 1, CreatedAt = now });
        }
    }

    public static async Task<List<AimDto>> ListAsync(AppDbContext db, string groupId, CancellationToken ct) =>
        await db.GroupAims.AsNoTracking().Where(a => a.GroupId == groupId && a.RetiredAt == null)
            .OrderBy(a => a.Position).Select(a => new AimDto(a.Id, a.Text, a.Position)).ToListAsync(ct);

    /// <summary>
    /// Replaces the list: items with an aimId keep it (their goals stay under them), new items are added,
    /// aims left out are retired (goals already set under them keep their history).
    /// </summary>
    public static async Task<Outcome<List<AimDto>>> ReplaceAsync(AppDbContext db, AuditTrail audit, CurrentUser user, string groupId,
        PutAimsRequest req, DateTimeOffset now, CancellationToken ct)
    {
        var items = req.Aims ?? [];
        if (items.Count is 0 or > JourneyLimits.MaxAims)
        {
            return Outcome.Invalid("aims", $"A group needs 1 to {JourneyLimits.MaxAims} aims, in the order to show them.");
        }

        var texts = items.Select(i => i.Text?.Trim() ?? "").ToList();
        if (texts.Any(t => t.Length is 0 or > JourneyLimits.MaxAimLength))
        {
            return Outcome.Invalid("aims", $"Each aim needs a text of 1 to {JourneyLimits.MaxAimLength} characters.");
        }

        if (texts.Distinct(StringComparer.OrdinalIgnoreCase).Count() != texts.Count)
        {
            return Outcome.Invalid("aims", "The same aim is listed twice; give each aim once.");
        }

        var existing = await db.GroupAims.Where(a => a.GroupId == groupId && a.RetiredAt == null).ToDictionaryAsync(a => a.Id, StringComparer.Ordinal, ct);
        var kept = items.Where(i => i.AimId is not null).Select(i => i.AimId!).ToList();
        if (kept.Any(id => !existing.ContainsKey(id)) || kept.Distinct(StringComparer.Ordinal).Count() != kept.Count)
        {
            return Outcome.Invalid("aims", "An aimId is not one of this group's current aims (or is listed twice); leave aimId out to add a new aim.");
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].AimId is { } id)
            {
                existing[id].Text = texts[i];
                existing[id].Position = i + 1;
            }
            else
            {
                db.GroupAims.Add(new GroupAim { Id = Ids.New(), GroupId = groupId, Text = texts[i], Position = i + 1, CreatedAt = now });
            }
        }

        var retired = existing.Values.Where(a => !kept.Contains(a.Id)).ToList();
        foreach (var aim in retired)
        {
            aim.RetiredAt = now;
        }

        audit.Add(db, user, "aims.updated", groupId, "group", groupId, data: new { aims = texts, retired = retired.Select(a => a.Id) });
        await db.SaveChangesAsync(ct);
        return await ListAsync(db, groupId, ct);
    }
}
