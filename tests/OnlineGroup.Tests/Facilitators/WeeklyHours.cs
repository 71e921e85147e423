using OnlineGroup.Server.Facilitators;

namespace OnlineGroup.Tests.Facilitators;

public class WeeklyHours
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private static DateTimeOffset T(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Time_in_two_rooms_at_once_counts_once_and_separate_visits_add_up()
    {
        var total = WorkingHours.Union([
            (T("2027-03-02T18:00Z"), T("2027-03-02T20:00Z")),
            (T("2027-03-02T19:00Z"), T("2027-03-02T21:00Z")),
            (T("2027-03-04T18:00Z"), T("2027-03-04T19:30Z")),
            (T("2027-03-05T18:00Z"), T("2027-03-05T18:00Z")),
        ]);

        total.Should().Be(TimeSpan.FromHours(4.5));
    }

    [Fact]
    public void An_iso_week_runs_from_monday_midnight_local_time_even_across_a_clock_change()
    {
        var week = new IsoWeek(2027, 13); // Monday 29 March 2027: London is on summer time from the 28th
        var (from, to) = week.In(London);

        from.Should().Be(T("2027-03-28T23:00Z"));
        to.Should().Be(T("2027-04-04T23:00Z"));
        IsoWeek.At(London, T("2027-03-28T22:59Z")).Should().Be(new IsoWeek(2027, 12));
        IsoWeek.At(London, T("2027-03-28T23:00Z")).Should().Be(week);
    }

    [Fact]
    public void The_week_of_new_year_belongs_to_the_iso_year()
    {
        IsoWeek.At(London, T("2027-01-01T12:00Z")).Should().Be(new IsoWeek(2026, 53));
        new IsoWeek(2026, 53).ToString().Should().Be("2026-W53");
    }

    [Fact]
    public void Weeks_are_read_in_iso_form_and_nonsense_is_refused()
    {
        IsoWeek.TryParse("2026-W48", out var week).Should().BeTrue();
        week.Should().Be(new IsoWeek(2026, 48));
        IsoWeek.TryParse("2026w05", out _).Should().BeTrue();
        IsoWeek.TryParse("2027-W53", out _).Should().BeFalse("2027 has 52 ISO weeks");
        IsoWeek.TryParse("last week", out _).Should().BeFalse();
        IsoWeek.TryParse(null, out _).Should().BeFalse();
    }

    [Fact]
    public void Hours_are_shown_to_one_decimal_place()
    {
        WorkingHours.Hours(TimeSpan.FromMinutes(95)).Should().Be(1.6);
        WorkingHours.Hours(TimeSpan.FromMinutes(90)).Should().Be(1.5);
    }
}
