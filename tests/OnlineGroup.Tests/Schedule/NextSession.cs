using Microsoft.Extensions.Time.Testing;
using OnlineGroup.Server.Schedule;
using static OnlineGroup.Tests.Schedule.CalendarTestData;

namespace OnlineGroup.Tests.Schedule;

public class NextSession
{
    private static readonly WeeklySlot[] TuesdaysAndThursdays =
        [Slot(DayOfWeek.Tuesday, "18:00", "20:00"), Slot(DayOfWeek.Thursday, "18:00", "20:00")];

    [Fact]
    public void The_next_session_skips_one_cancelled_by_a_closure()
    {
        var calendar = new SessionCalendar("Europe/London", TuesdaysAndThursdays,
            closures: [new ClosureSlot("c1", T("2027-01-07T00:00Z"), T("2027-01-08T00:00Z"), "Staff training")]);
        var clock = new FakeTimeProvider(T("2027-01-05T21:00Z"));

        var state = calendar.At(clock.GetUtcNow());

        state.Next.Should().Be(Weekly("2027-01-12T18:00Z", "2027-01-12T20:00Z"));
    }

    [Fact]
    public void The_next_session_after_a_long_closure_is_the_first_one_after_it_ends()
    {
        var summer = new ClosureSlot("summer", T("2027-07-20T00:00+01:00"), T("2027-09-01T00:00+01:00"), "Summer holidays");
        var calendar = new SessionCalendar("Europe/London", TuesdaysAndThursdays, closures: [summer]);
        var clock = new FakeTimeProvider(T("2027-07-21T12:00Z"));

        var state = calendar.At(clock.GetUtcNow());

        state.IsOpen.Should().BeFalse();
        state.Closure.Should().Be(summer);
        state.Next.Should().Be(Weekly("2027-09-02T17:00Z", "2027-09-02T19:00Z"));
    }

    [Fact]
    public void The_next_session_can_be_later_on_the_day_a_long_closure_ends()
    {
        var calendar = new SessionCalendar("Europe/London", TuesdaysAndThursdays,
            closures: [new ClosureSlot("winter", T("2026-12-01T00:00Z"), T("2027-01-07T12:00Z"), "Winter break")]);

        calendar.At(T("2026-12-10T12:00Z")).Next.Should().Be(Weekly("2027-01-07T18:00Z", "2027-01-07T20:00Z"));
    }

    [Fact]
    public void The_next_session_skips_a_one_off_cancelled_by_a_later_closure()
    {
        var calendar = new SessionCalendar("Europe/London", TuesdaysAndThursdays,
            oneOffs: [new OneOffSlot("extra", T("2027-01-06T18:00Z"), T("2027-01-06T19:00Z"), CreatedAt: T("2027-01-01T10:00Z"))],
            closures: [new ClosureSlot("ill", T("2027-01-06T00:00Z"), T("2027-01-07T00:00Z"), "Facilitator ill", CreatedAt: T("2027-01-06T08:00Z"))]);

        calendar.At(T("2027-01-05T21:00Z")).Next.Should().Be(Weekly("2027-01-07T18:00Z", "2027-01-07T20:00Z"));
    }

    [Fact]
    public void A_one_off_sooner_than_the_next_weekly_session_is_next()
    {
        var calendar = new SessionCalendar("Europe/London", TuesdaysAndThursdays,
            oneOffs: [new OneOffSlot("extra", T("2027-01-06T18:00Z"), T("2027-01-06T19:00Z"))]);

        calendar.At(T("2027-01-05T21:00Z")).Next.Should().Be(OneOff("2027-01-06T18:00Z", "2027-01-06T19:00Z"));
    }

    [Fact]
    public void While_a_session_is_open_the_next_session_is_the_one_after_it()
    {
        var calendar = new SessionCalendar("Europe/London", TuesdaysAndThursdays);

        var state = calendar.At(T("2027-01-05T18:00Z"));

        state.Current.Should().Be(Weekly("2027-01-05T18:00Z", "2027-01-05T20:00Z"));
        state.Next.Should().Be(Weekly("2027-01-07T18:00Z", "2027-01-07T20:00Z"));
    }

    [Fact]
    public void There_is_no_next_session_when_none_opens_within_a_year()
    {
        var closedForYears = new SessionCalendar("Europe/London", TuesdaysAndThursdays,
            closures: [new ClosureSlot("gone", T("2027-01-01T00:00Z"), T("2030-01-01T00:00Z"), "Service paused")]);
        var onlyFarAhead = new SessionCalendar("Europe/London", [],
            oneOffs: [new OneOffSlot("far", T("2029-01-01T18:00Z"), T("2029-01-01T19:00Z"))]);
        var empty = new SessionCalendar("Europe/London", []);

        closedForYears.At(T("2027-01-05T12:00Z")).Next.Should().BeNull();
        onlyFarAhead.At(T("2027-01-05T12:00Z")).Next.Should().BeNull();
        empty.At(T("2027-01-05T12:00Z")).Should().Be(new CalendarState(null, null, null, null));
    }
}
