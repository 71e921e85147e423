namespace OnlineGroup.Server.Schedule;

/// <summary>
/// Wall-clock time in a zone to and from UTC ticks, with one rule for the two awkward cases:
/// a wall time is read with the UTC offset in force just before the nearest clock change. So a time the
/// clocks skip (spring forward) moves later by the size of the gap, and a time that happens twice
/// (fall back) is its first, earlier occurrence. Assumes clock changes are more than a day and a half
/// apart, which holds for every real zone.
/// </summary>
internal static class ZoneTime
{
    // Far enough inside DateTime's range that probing a day either side cannot overflow.
    private const long MinTicks = 3 * TimeSpan.TicksPerDay;
    private static readonly long MaxTicks = DateTime.MaxValue.Ticks - (3 * TimeSpan.TicksPerDay);

    public static long Clamp(long ticks) => Math.Clamp(ticks, MinTicks, MaxTicks);

    /// <summary>The UTC offset of <paramref name="zone"/> at the UTC instant <paramref name="utcTicks"/>.</summary>
    public static long OffsetAt(TimeZoneInfo zone, long utcTicks) =>
        zone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc)).Ticks;

    /// <summary>The local calendar date in <paramref name="zone"/> at the UTC instant <paramref name="utcTicks"/>.</summary>
    public static DateOnly LocalDate(TimeZoneInfo zone, long utcTicks) =>
        DateOnly.FromDayNumber((int)((utcTicks + OffsetAt(zone, utcTicks)) / TimeSpan.TicksPerDay));

    /// <summary>The UTC instant of the wall-clock time <paramref name="localTicks"/> in <paramref name="zone"/>.</summary>
    public static long ToUtc(TimeZoneInfo zone, long localTicks)
    {
        // A day before, read as UTC, is 10 to 38 hours before the true instant: before any change
        // that affects this wall time, and after any earlier one.
        long before = OffsetAt(zone, localTicks - TimeSpan.TicksPerDay);
        long early = localTicks - before;
        long offset = OffsetAt(zone, early);
        if (offset == before)
        {
            return early; // an ordinary time, or the first of a repeated one
        }

        long late = localTicks - offset;
        if (OffsetAt(zone, late) == offset)
        {
            return late; // an ordinary time shortly after a change
        }

        return early; // in a gap: moved later by the size of the gap
    }
}
