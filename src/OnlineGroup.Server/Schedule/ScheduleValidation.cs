using System.Globalization;

namespace OnlineGroup.Server.Schedule;

/// <summary>A weekly session as it arrives in JSON: <c>{day:"Tuesday", start:"18:00", end:"20:00"}</c>.</summary>
public sealed record WeeklySlotInput(string? Day, string? Start, string? End);

/// <summary>
/// Everything a schedule holds, for <see cref="ScheduleValidation.Validate"/>. Leave out what the request
/// does not carry.
/// </summary>
public sealed record ScheduleInput(
    string? TimeZone,
    IReadOnlyList<WeeklySlotInput>? Weekly = null,
    IReadOnlyList<OneOffSlot>? OneOffs = null,
    IReadOnlyList<ClosureSlot>? Closures = null);

/// <summary>
/// One problem with a schedule. <see cref="Field"/> is the JSON path of the value at fault
/// (<c>weekly[2].start</c>), ready for a validation problem's <c>errors</c>; <see cref="Message"/> says
/// what is wrong and what to do about it.
/// </summary>
public sealed record ScheduleError(string Field, string Message);

/// <summary>The weekly sessions read from their JSON form, or why they could not be.</summary>
public sealed record WeeklyParseResult(IReadOnlyList<WeeklySlot> Slots, IReadOnlyList<ScheduleError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Checks a schedule as a person entered it and says, in words they can act on, what to fix.
/// Every check runs, so one answer lists every problem.
/// </summary>
public static class ScheduleValidation
{
    /// <summary>The longest a weekly or one-off session may last.</summary>
    public static readonly TimeSpan MaxSessionLength = TimeSpan.FromHours(12);

    private static readonly string[] DayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    private static readonly string[] TimeFormats = ["HH:mm", "H:mm"];
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <summary>Every problem in <paramref name="input"/>; empty when it is fine.</summary>
    public static IReadOnlyList<ScheduleError> Validate(ScheduleInput input)
    {
        var errors = new List<ScheduleError>();
        AddTimeZoneErrors(errors, input.TimeZone, "timeZone");
        if (input.Weekly is { } weekly)
        {
            errors.AddRange(ParseWeekly(weekly).Errors);
        }

        for (var i = 0; i < input.OneOffs?.Count; i++)
        {
            var oneOff = input.OneOffs[i];
            AddOneOffErrors(errors, $"oneOffs[{i}].", oneOff.StartsAt, oneOff.EndsAt, now: null);
        }

        for (var i = 0; i < input.Closures?.Count; i++)
        {
            var closure = input.Closures[i];
            AddClosureErrors(errors, $"closures[{i}].", closure.From, closure.To);
        }

        return errors;
    }

    /// <summary>Problems with a group's time zone (field <c>timeZone</c>): it must be a known IANA name.</summary>
    public static IReadOnlyList<ScheduleError> ValidateTimeZone(string? timeZoneId)
    {
        var errors = new List<ScheduleError>();
        AddTimeZoneErrors(errors, timeZoneId, "timeZone");
        return errors;
    }

    /// <summary>
    /// Reads weekly sessions from their JSON form: full English day names in any case, times as 24-hour
    /// <c>HH:mm</c>. Checks each session's length (not zero, at most <see cref="MaxSessionLength"/>) and
    /// that no two overlap, across midnight and from Sunday into Monday.
    /// </summary>
    public static WeeklyParseResult ParseWeekly(IReadOnlyList<WeeklySlotInput> weekly)
    {
        var errors = new List<ScheduleError>();
        var slots = new List<WeeklySlot>(weekly.Count);
        var indexes = new List<int>(weekly.Count);
        for (var i = 0; i < weekly.Count; i++)
        {
            var field = $"weekly[{i}]";
            var input = weekly[i];
            var day = ParseDay(errors, $"{field}.day", input.Day);
            var start = ParseTime(errors, $"{field}.start", input.Start, "A start time");
            var end = ParseTime(errors, $"{field}.end", input.End, "An end time");
            if (day is null || start is null || end is null)
            {
                continue;
            }

            var slot = new WeeklySlot(day.Value, start.Value, end.Value);
            var length = Length(slot);
            if (slot.Start == slot.End)
            {
                errors.Add(new($"{field}.end", $"{Describe(slot)} starts and ends at the same time; give an end time after the start (an end earlier than the start means the session runs past midnight)."));
                continue;
            }

            if (length > MaxSessionLength)
            {
                var midnight = slot.End < slot.Start ? " It runs past midnight because it ends earlier than it starts." : "";
                errors.Add(new($"{field}.end", $"{Describe(slot)} lasts {Describe(length)}; a session can last at most {Describe(MaxSessionLength)}.{midnight}"));
                continue;
            }

            for (var j = 0; j < slots.Count; j++)
            {
                if (Overlap(slots[j], slot))
                {
                    errors.Add(new(field, $"{Describe(slot)} overlaps {Describe(slots[j])} (weekly[{indexes[j]}]); weekly sessions must not overlap."));
                }
            }

            slots.Add(slot);
            indexes.Add(i);
        }

        return new WeeklyParseResult(errors.Count == 0 ? slots : [], errors);
    }

    /// <summary>
    /// Problems with a one-off session: it must end after it starts and last at most
    /// <see cref="MaxSessionLength"/>; given <paramref name="now"/>, it must also end after now (it may
    /// have started already: a session opened on the spot).
    /// </summary>
    public static IReadOnlyList<ScheduleError> ValidateOneOff(DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset? now = null)
    {
        var errors = new List<ScheduleError>();
        AddOneOffErrors(errors, "", startsAt, endsAt, now);
        return errors;
    }

    /// <summary>Problems with a closure: it must end (<c>to</c>) after it begins (<c>from</c>).</summary>
    public static IReadOnlyList<ScheduleError> ValidateClosure(DateTimeOffset from, DateTimeOffset to)
    {
        var errors = new List<ScheduleError>();
        AddClosureErrors(errors, "", from, to);
        return errors;
    }

    internal static string UnknownTimeZoneMessage(string? timeZoneId)
    {
        if (string.IsNullOrWhiteSpace(timeZoneId))
        {
            return "A time zone is required: an IANA name such as Europe/London.";
        }

        if (TimeZoneInfo.TryConvertWindowsIdToIanaId(timeZoneId, out var iana))
        {
            return $"'{timeZoneId}' is a Windows time zone name; use the IANA name {iana}.";
        }

        var suggestion = SuggestTimeZone(timeZoneId);
        return suggestion is null
            ? $"'{timeZoneId}' is not a known IANA time zone, e.g. Europe/London."
            : $"'{timeZoneId}' is not a known IANA time zone; did you mean {suggestion}?";
    }

    private static void AddTimeZoneErrors(List<ScheduleError> errors, string? timeZoneId, string field)
    {
        if (string.IsNullOrWhiteSpace(timeZoneId)
            || !TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone)
            || !zone.HasIanaId)
        {
            errors.Add(new(field, UnknownTimeZoneMessage(timeZoneId)));
        }
    }

    private static void AddOneOffErrors(List<ScheduleError> errors, string prefix, DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset? now)
    {
        if (endsAt == startsAt)
        {
            errors.Add(new($"{prefix}endsAt", $"The session starts and ends at the same moment ({Describe(startsAt)}); endsAt must be later than startsAt."));
        }
        else if (endsAt < startsAt)
        {
            errors.Add(new($"{prefix}endsAt", $"The session ends ({Describe(endsAt)}) before it starts ({Describe(startsAt)}); endsAt must be later than startsAt."));
        }
        else if (endsAt - startsAt > MaxSessionLength)
        {
            errors.Add(new($"{prefix}endsAt", $"The session lasts {Describe(endsAt - startsAt)}; a session can last at most {Describe(MaxSessionLength)}."));
        }

        if (now is { } n && endsAt <= n && endsAt > startsAt)
        {
            errors.Add(new($"{prefix}endsAt", $"The session ends ({Describe(endsAt)}) before now ({Describe(n)}); endsAt must be in the future."));
        }
    }

    private static void AddClosureErrors(List<ScheduleError> errors, string prefix, DateTimeOffset from, DateTimeOffset to)
    {
        if (to == from)
        {
            errors.Add(new($"{prefix}to", $"The closure begins and ends at the same moment ({Describe(from)}); 'to' must be later than 'from'."));
        }
        else if (to < from)
        {
            errors.Add(new($"{prefix}to", $"The closure ends ({Describe(to)}) before it begins ({Describe(from)}); 'to' must be later than 'from'."));
        }
    }

    private static DayOfWeek? ParseDay(List<ScheduleError> errors, string field, string? text)
    {
        var day = text?.Trim();
        if (string.IsNullOrEmpty(day))
        {
            errors.Add(new(field, "A day is required: a full English day name such as Tuesday."));
            return null;
        }

        foreach (var name in DayNames)
        {
            if (string.Equals(name, day, StringComparison.OrdinalIgnoreCase))
            {
                return Enum.Parse<DayOfWeek>(name);
            }
        }

        var suggestion = SuggestDay(day);
        errors.Add(new(field, suggestion is null
            ? $"'{text}' is not a day of the week; use a full English day name such as Tuesday."
            : $"'{text}' is not a day of the week; use the full English name: did you mean {suggestion}?"));
        return null;
    }

    private static TimeOnly? ParseTime(List<ScheduleError> errors, string field, string? text, string label)
    {
        var time = text?.Trim();
        if (string.IsNullOrEmpty(time))
        {
            errors.Add(new(field, $"{label} is required, as HH:mm on the 24-hour clock, e.g. 18:00."));
            return null;
        }

        if (TimeOnly.TryParseExact(time, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return parsed;
        }

        errors.Add(new(field, time == "24:00"
            ? "'24:00' is not a time; write midnight as 00:00 (a session that ends at 00:00 runs until midnight)."
            : $"'{text}' is not a time; use HH:mm on the 24-hour clock, e.g. 18:00."));
        return null;
    }

    private static TimeSpan Length(WeeklySlot slot) =>
        slot.End > slot.Start ? slot.End - slot.Start : TimeSpan.FromDays(1) - (slot.Start - slot.End);

    // On the circle of the week, Monday 00:00 to Sunday 24:00 and round again.
    private static bool Overlap(WeeklySlot a, WeeklySlot b)
    {
        var aStart = WeekOffset(a);
        var aEnd = aStart + Length(a);
        var bStart = WeekOffset(b);
        var bEnd = bStart + Length(b);
        foreach (var shift in (ReadOnlySpan<TimeSpan>)[-Week, TimeSpan.Zero, Week])
        {
            if (aStart < bEnd + shift && bStart + shift < aEnd)
            {
                return true;
            }
        }

        return false;
    }

    private static TimeSpan WeekOffset(WeeklySlot slot) =>
        TimeSpan.FromDays(((int)slot.Day + 6) % 7) + slot.Start.ToTimeSpan();

    private static string Describe(WeeklySlot slot) =>
        $"{slot.Day} {slot.Start.ToString("HH:mm", CultureInfo.InvariantCulture)} to {slot.End.ToString("HH:mm", CultureInfo.InvariantCulture)}";

    private static string Describe(DateTimeOffset instant) =>
        instant.ToString("yyyy-MM-dd'T'HH:mmK", CultureInfo.InvariantCulture);

    private static string Describe(TimeSpan length)
    {
        var hours = (int)length.TotalHours;
        var minutes = length.Minutes;
        var h = hours == 1 ? "1 hour" : $"{hours} hours";
        return minutes == 0 ? h : $"{h} {minutes} {(minutes == 1 ? "minute" : "minutes")}";
    }

    private static string? SuggestDay(string day)
    {
        var byPrefix = DayNames.Where(n => day.Length >= 2 && n.StartsWith(day, StringComparison.OrdinalIgnoreCase)).ToList();
        if (byPrefix.Count == 1)
        {
            return byPrefix[0];
        }

        return Nearest(DayNames, day, maxDistance: 2);
    }

    private static string? SuggestTimeZone(string timeZoneId)
    {
        var ids = TimeZoneInfo.GetSystemTimeZones(skipSorting: true).Where(z => z.HasIanaId).Select(z => z.Id).ToList();
        var byCity = ids.Where(id => id.EndsWith("/" + timeZoneId.Trim().Replace(' ', '_'), StringComparison.OrdinalIgnoreCase)).ToList();
        if (byCity.Count == 1)
        {
            return byCity[0];
        }

        return Nearest(ids, timeZoneId, maxDistance: Math.Max(2, timeZoneId.Length / 5));
    }

    private static string? Nearest(IEnumerable<string> candidates, string text, int maxDistance)
    {
        string? best = null;
        var bestDistance = maxDistance + 1;
        foreach (var candidate in candidates)
        {
            var distance = EditDistance(candidate, text);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    // Levenshtein distance, ignoring case.
    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var same = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]);
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (same ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
