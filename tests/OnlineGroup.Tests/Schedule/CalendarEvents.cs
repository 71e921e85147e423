using OnlineGroup.Server.Schedule;
using static OnlineGroup.Tests.Schedule.CalendarTestData;

namespace OnlineGroup.Tests.Schedule;

public class CalendarEvents
{
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);
    private static readonly WeeklySlot[] Tuesdays = [Slot(DayOfWeek.Tuesday, "18:00", "20:00")];

    private static CalendarEvent Event(string at, CalendarEventKind kind, string opensAt, string closesAt) =>
        new(T(at), kind, T(opensAt), T(closesAt));

    [Fact]
    public void Each_session_opens_is_warned_before_it_closes_and_closes_in_order()
    {
        var calendar = London(Slot(DayOfWeek.Tuesday, "18:00", "20:00"), Slot(DayOfWeek.Thursday, "18:00", "19:30"));

        calendar.Events(T("2027-01-04T00:00Z"), T("2027-01-11T00:00Z"), TenMinutes).Should().Equal(
            Event("2027-01-05T18:00Z", CalendarEventKind.Opens, "2027-01-05T18:00Z", "2027-01-05T20:00Z"),
            Event("2027-01-05T19:50Z", CalendarEventKind.ClosingWarning, "2027-01-05T18:00Z", "2027-01-05T20:00Z"),
            Event("2027-01-05T20:00Z", CalendarEventKind.Closes, "2027-01-05T18:00Z", "2027-01-05T20:00Z"),
            Event("2027-01-07T18:00Z", CalendarEventKind.Opens, "2027-01-07T18:00Z", "2027-01-07T19:30Z"),
            Event("2027-01-07T19:20Z", CalendarEventKind.ClosingWarning, "2027-01-07T18:00Z", "2027-01-07T19:30Z"),
            Event("2027-01-07T19:30Z", CalendarEventKind.Closes, "2027-01-07T18:00Z", "2027-01-07T19:30Z"));
    }

    [Fact]
    public void The_window_includes_an_instant_at_its_start_and_excludes_one_at_its_end()
    {
        var calendar = London(Tuesdays);

        calendar.Events(T("2027-01-05T18:00Z"), T("2027-01-05T20:00Z"), TenMinutes).Select(e => e.Kind).Should().Equal(
            CalendarEventKind.Opens, CalendarEventKind.ClosingWarning);
        calendar.Events(T("2027-01-05T20:00Z"), T("2027-01-05T21:00Z"), TenMinutes).Select(e => e.Kind).Should().Equal(
            CalendarEventKind.Closes);
    }

    [Fact]
    public void A_session_already_open_when_the_window_starts_gives_only_its_warning_and_close()
    {
        London(Tuesdays).Events(T("2027-01-05T19:00Z"), T("2027-01-05T21:00Z"), TenMinutes).Should().Equal(
            Event("2027-01-05T19:50Z", CalendarEventKind.ClosingWarning, "2027-01-05T18:00Z", "2027-01-05T20:00Z"),
            Event("2027-01-05T20:00Z", CalendarEventKind.Closes, "2027-01-05T18:00Z", "2027-01-05T20:00Z"));
    }

    [Fact]
    public void A_cancelled_session_gives_no_events()
    {
        var calendar = new SessionCalendar("Europe/London", Tuesdays,
            closures: [new ClosureSlot("c", T("2027-01-05T00:00Z"), T("2027-01-06T00:00Z"), "Closed")]);

        calendar.Events(T("2027-01-04T00:00Z"), T("2027-01-11T00:00Z"), TenMinutes).Should().BeEmpty();
    }

    [Fact]
    public void Sessions_that_overlap_or_follow_on_without_a_gap_open_and_close_once()
    {
        var calendar = new SessionCalendar("Europe/London", Tuesdays, oneOffs:
        [
            new OneOffSlot("overlap", T("2027-01-05T19:00Z"), T("2027-01-05T20:30Z")),
            new OneOffSlot("follow-on", T("2027-01-05T20:30Z"), T("2027-01-05T21:00Z")),
        ]);

        calendar.Events(T("2027-01-05T00:00Z"), T("2027-01-06T00:00Z"), TenMinutes).Should().Equal(
            Event("2027-01-05T18:00Z", CalendarEventKind.Opens, "2027-01-05T18:00Z", "2027-01-05T21:00Z"),
            Event("2027-01-05T20:50Z", CalendarEventKind.ClosingWarning, "2027-01-05T18:00Z", "2027-01-05T21:00Z"),
            Event("2027-01-05T21:00Z", CalendarEventKind.Closes, "2027-01-05T18:00Z", "2027-01-05T21:00Z"));
    }

    [Fact]
    public void A_session_shorter_than_the_warning_is_warned_as_it_opens()
    {
        var calendar = new SessionCalendar("Europe/London", [],
            oneOffs: [new OneOffSlot("short", T("2027-01-05T18:00Z"), T("2027-01-05T18:05Z"))]);

        calendar.Events(T("2027-01-05T00:00Z"), T("2027-01-06T00:00Z"), TenMinutes).Select(e => (e.At, e.Kind)).Should().Equal(
            (T("2027-01-05T18:00Z"), CalendarEventKind.Opens),
            (T("2027-01-05T18:00Z"), CalendarEventKind.ClosingWarning),
            (T("2027-01-05T18:05Z"), CalendarEventKind.Closes));
    }

    [Fact]
    public void A_zero_warning_gives_no_warnings_and_a_negative_one_is_refused()
    {
        var calendar = London(Tuesdays);

        calendar.Events(T("2027-01-05T00:00Z"), T("2027-01-06T00:00Z"), TimeSpan.Zero).Select(e => e.Kind).Should().Equal(
            CalendarEventKind.Opens, CalendarEventKind.Closes);
        var negative = () => calendar.Events(T("2027-01-05T00:00Z"), T("2027-01-06T00:00Z"), TimeSpan.FromMinutes(-1));
        negative.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void An_extended_session_is_warned_and_closes_at_its_new_end()
    {
        var calendar = new SessionCalendar("Europe/London", Tuesdays,
            overrides: [new SessionOverride(T("2027-01-05T18:00Z"), T("2027-01-05T20:30Z"))]);

        calendar.Events(T("2027-01-05T19:00Z"), T("2027-01-06T00:00Z"), TenMinutes).Select(e => (e.At, e.Kind)).Should().Equal(
            (T("2027-01-05T20:20Z"), CalendarEventKind.ClosingWarning),
            (T("2027-01-05T20:30Z"), CalendarEventKind.Closes));
    }

    [Fact]
    public void Events_follow_the_local_time_across_a_clock_change()
    {
        var calendar = London(Slot(DayOfWeek.Sunday, "18:00", "20:00"));

        calendar.Events(T("2027-03-20T00:00Z"), T("2027-03-29T00:00Z"), TenMinutes)
            .Where(e => e.Kind == CalendarEventKind.Opens).Select(e => e.At).Should().Equal(
                T("2027-03-21T18:00Z"), T("2027-03-28T17:00Z"));
    }
}
