using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Facilitators;

/// <summary>Each moderator's hours with groups in a week (each group's ISO week in its own zone), from their presence.</summary>
public static class HoursReport
{
    public static async Task<List<FacilitatorHoursDto>> BuildAsync(AppDbContext db, IReadOnlyList<Group> groups, string? onlyAccountId,
        IsoWeek? week, DateTimeOffset now, double warningAbove, CancellationToken ct)
    {
        if (groups.Count == 0)
        {
            return [];
        }

        var windows = groups.ToDictionary(g => g.Id, g =>
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(g.TimeZone);
            var w = week ?? IsoWeek.At(zone, now);
            var (from, to) = w.In(zone);
            return (Group: g, Week: w, From: from, To: to < now ? to : now);
        });
        var ids = windows.Keys.ToList();
        var earliest = windows.Values.Min(w => w.From);
        var latest = windows.Values.Max(w => w.To);
        var rows = await db.StaffPresence.AsNoTracking()
            .Where(p => ids.Contains(p.GroupId) && p.JoinedAt < latest && (p.LeftAt == null || p.LeftAt > earliest))
            .Where(p => onlyAccountId == null || p.AccountId == onlyAccountId)
            .ToListAsync(ct);
        var duties = await db.GroupStaff.AsNoTracking()
            .Where(s => ids.Contains(s.GroupId) && s.Duty == Duties.Moderator && (onlyAccountId == null || s.AccountId == onlyAccountId))
            .Select(s => new { s.GroupId, s.AccountId })
            .ToListAsync(ct);
        var moderates = duties.Select(d => (d.GroupId, d.AccountId)).ToHashSet();
        var accountIds = duties.Select(d => d.AccountId).Concat(rows.Select(r => r.AccountId)).Append(onlyAccountId).OfType<string>().Distinct().ToList();
        var names = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.DisplayName, ct);

        var report = new List<FacilitatorHoursDto>();
        foreach (var accountId in accountIds)
        {
            var mine = rows.Where(r => r.AccountId == accountId).ToList();
            var clipped = new List<(DateTimeOffset Start, DateTimeOffset End)>();
            var perGroup = new List<GroupHoursDto>();
            foreach (var (groupId, w) in windows)
            {
                var inWeek = mine.Where(r => r.GroupId == groupId)
                    .Select(r => (Start: r.JoinedAt > w.From ? r.JoinedAt : w.From, End: (r.LeftAt ?? now) < w.To ? r.LeftAt ?? now : w.To))
                    .ToList();
                clipped.AddRange(inWeek);
                var time = WorkingHours.Union(inWeek);
                if (time > TimeSpan.Zero || moderates.Contains((groupId, accountId)))
                {
                    perGroup.Add(new GroupHoursDto(groupId, w.Group.Name, w.Week.ToString(), WorkingHours.Hours(time)));
                }
            }

            var hours = WorkingHours.Hours(WorkingHours.Union(clipped));
            var name = names.GetValueOrDefault(accountId) ?? accountId;
            var above = hours > warningAbove;
            report.Add(new FacilitatorHoursDto(accountId, name, hours, above, above ? Warning(name, hours, warningAbove) : null,
                mine.Any(r => r.EndEstimated), perGroup));
        }

        return [.. report.OrderByDescending(r => r.Hours).ThenBy(r => r.DisplayName, StringComparer.OrdinalIgnoreCase)];
    }

    private static string Warning(string name, double hours, double limit) => string.Create(CultureInfo.InvariantCulture,
        $"{name} has spent {hours:0.#} hours with groups this week, more than the {limit:0.#} suggested. Running a group is tiring: a check-in and some time to recover may help.");
}
