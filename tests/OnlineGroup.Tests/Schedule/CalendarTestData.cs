using System.Globalization;
using OnlineGroup.Server.Schedule;

namespace OnlineGroup.Tests.Schedule;

/// <summary>Short, readable ways to write instants, slots and calendars in the schedule tests.</summary>
internal static class CalendarTestData
{
    /// <summary>An instant written in ISO 8601 with its offset, e.g. "2027-03-21T18:00Z".</summary>
    public static DateTimeOffset T(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    public static WeeklySlot Slot(DayOfWeek day, string start, string end) =>
        new(day, TimeOnly.ParseExact(start, "HH:mm", CultureInfo.InvariantCulture), TimeOnly.ParseExact(end, "HH:mm", CultureInfo.InvariantCulture));

    public static SessionCalendar London(params WeeklySlot[] weekly) => new("Europe/London", weekly);

    public static SessionOccurrence Weekly(string startsAt, string endsAt) => new(T(startsAt), T(endsAt), "weekly", false, null);

    public static SessionOccurrence OneOff(string startsAt, string endsAt) => new(T(startsAt), T(endsAt), "oneOff", false, null);

    public static SessionOccurrence Cancelled(string kind, string startsAt, string endsAt, string reason) => new(T(startsAt), T(endsAt), kind, true, reason);
}
