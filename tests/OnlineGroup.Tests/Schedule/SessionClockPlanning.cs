using OnlineGroup.Server.Schedule;
using static OnlineGroup.Tests.Schedule.CalendarTestData;

namespace OnlineGroup.Tests.Schedule;

/// <summary>What the session clock announces, given the calendar now and what it announced before.</summary>
public class SessionClockPlanning
{
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);

    // Tuesday 18:00 to 20:00 in London; 5 January 2027 is a Tuesday in winter (London is on UTC).
    private static readonly SessionCalendar Tuesdays = London(Slot(DayOfWeek.Tuesday, "18:00", "20:00"));

    private static readonly Announced Nothing = new(null, null, null);

    private static readonly Announced OpenUntilEight = new(T("2027-01-05T18:00Z"), T("2027-01-05T20:00Z"), null);

    private static ClockStep Plan(SessionCalendar calendar, Announced before, string now, TimeSpan? warning = null) =>
        SessionClockPlan.Plan(calendar.At(T(now)), before, T(now), warning ?? TenMinutes);

    [Fact]
    public void Before_a_session_nothing_is_announced_and_the_clock_looks_again_when_it_opens()
    {
        var step = Plan(Tuesdays, Nothing, "2027-01-05T17:30Z");

        step.ChangesAnything.Should().BeFalse();
        step.WakeAt.Should().Be(T("2027-01-05T18:00Z"));
    }

    [Fact]
    public void At_the_start_the_group_opens_and_the_clock_looks_again_for_the_warning()
    {
        var step = Plan(Tuesdays, Nothing, "2027-01-05T18:00Z");

        step.Should().BeEquivalentTo(new { Open = true, Close = false, Warn = false, ClosesAtChanged = false });
        step.After.Should().Be(OpenUntilEight);
        step.WakeAt.Should().Be(T("2027-01-05T19:50Z"));
    }

    [Fact]
    public void Ten_minutes_before_the_end_everyone_is_warned_once_then_the_clock_looks_again_at_the_end()
    {
        var step = Plan(Tuesdays, OpenUntilEight, "2027-01-05T19:50Z");

        step.Should().BeEquivalentTo(new { Open = false, Close = false, Warn = true });
        step.After.WarnedFor.Should().Be(T("2027-01-05T20:00Z"));
        step.WakeAt.Should().Be(T("2027-01-05T20:00Z"));
        Plan(Tuesdays, step.After, "2027-01-05T19:55Z").ChangesAnything.Should().BeFalse("the warning is given once");
    }

    [Fact]
    public void At_the_end_the_group_closes_and_the_clock_looks_again_at_the_next_session()
    {
        var warned = OpenUntilEight with { WarnedFor = T("2027-01-05T20:00Z") };

        var step = Plan(Tuesdays, warned, "2027-01-05T20:00Z");

        step.Should().BeEquivalentTo(new { Open = false, Close = true, Warn = false });
        step.After.Should().Be(Nothing);
        step.WakeAt.Should().Be(T("2027-01-12T18:00Z"));
    }

    [Fact]
    public void A_restart_in_the_middle_of_a_session_announces_nothing_again()
    {
        var step = Plan(Tuesdays, OpenUntilEight, "2027-01-05T19:00Z");

        step.ChangesAnything.Should().BeFalse();
        step.After.Should().Be(OpenUntilEight);
        step.WakeAt.Should().Be(T("2027-01-05T19:50Z"));
    }

    [Fact]
    public void A_restart_after_the_end_of_an_announced_session_closes_it_once()
    {
        var step = Plan(Tuesdays, OpenUntilEight, "2027-01-05T23:00Z");

        step.Close.Should().BeTrue();
        step.Open.Should().BeFalse();
        Plan(Tuesdays, step.After, "2027-01-05T23:00Z").ChangesAnything.Should().BeFalse();
    }

    [Fact]
    public void A_session_the_server_slept_through_entirely_is_neither_opened_nor_closed_late()
    {
        var step = Plan(Tuesdays, Nothing, "2027-01-05T21:00Z");

        step.ChangesAnything.Should().BeFalse();
        step.WakeAt.Should().Be(T("2027-01-12T18:00Z"));
    }

    [Fact]
    public void Sleeping_through_a_close_into_the_next_session_closes_the_old_one_and_opens_the_new_one()
    {
        var step = Plan(Tuesdays, OpenUntilEight, "2027-01-12T18:30Z");

        step.Should().BeEquivalentTo(new { Close = true, Open = true });
        step.After.OpenedAt.Should().Be(T("2027-01-12T18:00Z"));
        step.After.ClosesAt.Should().Be(T("2027-01-12T20:00Z"));
    }

    [Fact]
    public void An_extension_announces_the_new_closing_time_and_warns_again_before_it()
    {
        var calendar = new SessionCalendar("Europe/London", [Slot(DayOfWeek.Tuesday, "18:00", "20:00")],
            overrides: [new SessionOverride(T("2027-01-05T18:00Z"), T("2027-01-05T20:30Z"))]);
        var warned = OpenUntilEight with { WarnedFor = T("2027-01-05T20:00Z") };

        var step = Plan(calendar, warned, "2027-01-05T19:55Z");

        step.Should().BeEquivalentTo(new { ClosesAtChanged = true, Open = false, Close = false, Warn = false });
        step.After.ClosesAt.Should().Be(T("2027-01-05T20:30Z"));
        step.WakeAt.Should().Be(T("2027-01-05T20:20Z"));
    }

    [Fact]
    public void Ending_a_session_early_closes_the_group_at_once()
    {
        var calendar = new SessionCalendar("Europe/London", [Slot(DayOfWeek.Tuesday, "18:00", "20:00")],
            overrides: [new SessionOverride(T("2027-01-05T18:00Z"), T("2027-01-05T18:40Z"))]);

        var step = Plan(calendar, OpenUntilEight, "2027-01-05T18:40Z");

        step.Close.Should().BeTrue();
        step.WakeAt.Should().Be(T("2027-01-12T18:00Z"));
    }

    [Fact]
    public void A_session_shorter_than_the_warning_is_warned_as_it_opens()
    {
        var calendar = London(Slot(DayOfWeek.Tuesday, "18:00", "18:05"));

        var step = Plan(calendar, Nothing, "2027-01-05T18:00Z");

        step.Should().BeEquivalentTo(new { Open = true, Warn = true });
        step.WakeAt.Should().Be(T("2027-01-05T18:05Z"));
    }

    [Fact]
    public void With_no_closing_warning_the_clock_goes_straight_from_open_to_close()
    {
        var step = Plan(Tuesdays, Nothing, "2027-01-05T18:00Z", TimeSpan.Zero);

        step.Warn.Should().BeFalse();
        step.WakeAt.Should().Be(T("2027-01-05T20:00Z"));
    }

    [Fact]
    public void A_session_that_follows_on_without_a_gap_keeps_the_group_open_as_one_opening()
    {
        var calendar = new SessionCalendar("Europe/London", [Slot(DayOfWeek.Tuesday, "18:00", "20:00")],
            [new OneOffSlot("extra", T("2027-01-05T20:00Z"), T("2027-01-05T21:00Z"), T("2027-01-01T00:00Z"))]);
        var opened = Plan(calendar, Nothing, "2027-01-05T18:00Z");

        opened.After.ClosesAt.Should().Be(T("2027-01-05T21:00Z"));
        var later = Plan(calendar, opened.After, "2027-01-05T20:30Z");
        later.Close.Should().BeFalse();
        later.Open.Should().BeFalse();
    }

    [Fact]
    public void With_nothing_on_the_calendar_the_clock_does_not_look_again()
    {
        Plan(London(), Nothing, "2027-01-05T18:00Z").WakeAt.Should().BeNull();
    }
}
