using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Readiness;

/// <summary>
/// A group may be for young people of some genders only, in their own words (e.g. "girl", "non-binary").
/// The self-description is kept only for a group that has limits, and is never shown to peers.
/// </summary>
public static class GenderLimits
{
    /// <summary>The outcome of a check: an error to show staff, or the description to store (null for an open group).</summary>
    public sealed record Check(string? Error, string? Stored);

    public static async Task<Check> CheckAsync(AppDbContext db, Group group, string? gender, CancellationToken ct)
    {
        var limits = await db.GroupReadiness.AsNoTracking().Where(r => r.GroupId == group.Id)
            .Select(r => r.Genders).FirstOrDefaultAsync(ct) ?? [];
        return Evaluate(group.Name, limits, gender);
    }

    /// <summary>The rule itself: open groups take anyone and keep nothing; limited groups need a matching self-description.</summary>
    public static Check Evaluate(string groupName, IReadOnlyList<string> limits, string? gender)
    {
        if (limits.Count == 0)
        {
            return new Check(null, null);
        }

        var allowed = string.Join(", ", limits);
        var given = gender?.Trim();
        if (string.IsNullOrEmpty(given))
        {
            return new Check($"{groupName} is for young people who describe themselves as: {allowed}. Ask how the young person describes their gender and give it as gender.", null);
        }

        var match = limits.FirstOrDefault(l => string.Equals(l, given, StringComparison.OrdinalIgnoreCase));
        return match is null
            ? new Check($"{groupName} is for young people who describe themselves as: {allowed}. The description given, '{given}', is not one of these, so they cannot join this group; another group may suit them.", null)
            : new Check(null, match);
    }

    /// <summary>Tidies staff's list: trimmed, no blanks or duplicates; returns an error when it cannot be used.</summary>
    public static string? Normalize(IReadOnlyList<string?>? input, out List<string> genders)
    {
        genders = [];
        foreach (var raw in input ?? [])
        {
            var g = raw?.Trim();
            if (string.IsNullOrEmpty(g))
            {
                continue;
            }

            if (g.Length > ReadinessLimits.Gender || g.Any(char.IsControl))
            {
                return $"Each gender may have 1 to {ReadinessLimits.Gender} printable characters.";
            }

            if (!genders.Contains(g, StringComparer.OrdinalIgnoreCase))
            {
                genders.Add(g);
            }
        }

        return genders.Count > ReadinessLimits.MaxGenders ? $"A group may list at most {ReadinessLimits.MaxGenders} genders; leave it empty for a group open to all." : null;
    }
}
