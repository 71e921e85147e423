using System.Globalization;
using OnlineGroup.Server.Schedule;

namespace OnlineGroup.Server.Facilitators;

/// <summary>An ISO week (Monday to Sunday), e.g. 2026-W48.</summary>
public readonly record struct IsoWeek(int Year, int Week)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year}-W{Week:00}");

    /// <summary>Reads <c>2026-W48</c> (or <c>2026W48</c>).</summary>
    public static bool TryParse(string? text, out IsoWeek week)
    {
        week = default;
        var parts = text?.Trim().ToUpperInvariant().Replace("-W", "W", StringComparison.Ordinal).Split('W');
        if (parts is not [var y, var w]
            || !int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || year is < 2000 or > 9998 || number < 1 || number > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }

        week = new IsoWeek(year, number);
        return true;
    }

    /// <summary>The week that <paramref name="instant"/> falls in, in <paramref name="zone"/>.</summary>
    public static IsoWeek At(TimeZoneInfo zone, DateTimeOffset instant)
    {
        var local = ZoneTime.LocalDate(zone, instant.UtcTicks).ToDateTime(TimeOnly.MinValue);
        return new IsoWeek(ISOWeek.GetYear(local), ISOWeek.GetWeekOfYear(local));
    }

    /// <summary>From Monday 00:00 to the next Monday 00:00 in <paramref name="zone"/>, as instants.</summary>
    public (DateTimeOffset From, DateTimeOffset To) In(TimeZoneInfo zone)
    {
        var monday = ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday);
        return (new DateTimeOffset(ZoneTime.ToUtc(zone, monday.Ticks), TimeSpan.Zero),
            new DateTimeOffset(ZoneTime.ToUtc(zone, monday.AddDays(7).Ticks), TimeSpan.Zero));
    }
}

/// <summary>Time spent with groups, where time in two rooms at once counts once.</summary>
public static class WorkingHours
{
    /// <summary>The length of the union of <paramref name="intervals"/>.</summary>
    public static TimeSpan Union(IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> intervals)
    {
        var total = TimeSpan.Zero;
        DateTimeOffset? runStart = null, runEnd = null;
        foreach (var (start, end) in intervals.Where(i => i.End > i.Start).OrderBy(i => i.Start))
        {
            if (runEnd is { } e && start <= e)
            {
                runEnd = Max(e, end);
                continue;
            }

            if (runStart is { } s && runEnd is { } re)
            {
                total += re - s;
            }

            runStart = start;
            runEnd = end;
        }

        return runStart is { } last && runEnd is { } lastEnd ? total + (lastEnd - last) : total;
    }

    /// <summary>Hours to one decimal place, as people read them.</summary>
    public static double Hours(TimeSpan time) => Math.Round(time.TotalHours, 1, MidpointRounding.AwayFromZero);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
