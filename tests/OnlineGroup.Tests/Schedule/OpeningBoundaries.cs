using Microsoft.Extensions.Time.Testing;
using OnlineGroup.Server.Schedule;
using static OnlineGroup.Tests.Schedule.CalendarTestData;

namespace OnlineGroup.Tests.Schedule;

public class OpeningBoundaries
{
    // Tuesday 5 January 2027, 18:00-20:00 in London, which is UTC in winter.
    private static readonly SessionCalendar Calendar = London(Slot(DayOfWeek.Tuesday, "18:00", "20:00"));

    [Fact]
    public void A_session_opens_at_its_start_inclusive()
    {
        var clock = new FakeTimeProvider(T("2027-01-05T18:00Z").AddTicks(-1));
        Calendar.At(clock.GetUtcNow()).IsOpen.Should().BeFalse();

        clock.Advance(TimeSpan.FromTicks(1));
        var state = Calendar.At(clock.GetUtcNow());

        state.IsOpen.Should().BeTrue();
        state.Current.Should().Be(Weekly("2027-01-05T18:00Z", "2027-01-05T20:00Z"));
        state.ClosesAt.Should().Be(T("2027-01-05T20:00Z"));
    }

    [Fact]
    public void A_session_closes_at_its_end_exclusive()
    {
        var clock = new FakeTimeProvider(T("2027-01-05T20:00Z").AddTicks(-1));
        Calendar.At(clock.GetUtcNow()).IsOpen.Should().BeTrue();

        clock.Advance(TimeSpan.FromTicks(1));
        var state = Calendar.At(clock.GetUtcNow());

        state.IsOpen.Should().BeFalse();
        state.Current.Should().BeNull();
        state.ClosesAt.Should().BeNull();
        state.Next.Should().Be(Weekly("2027-01-12T18:00Z", "2027-01-12T20:00Z"));
    }

    [Fact]
    public void Outside_a_session_the_state_is_closed_with_the_coming_session_next()
    {
        var clock = new FakeTimeProvider(T("2027-01-05T09:00Z"));

        var state = Calendar.At(clock.GetUtcNow());

        state.Should().Be(new CalendarState(null, null, Weekly("2027-01-05T18:00Z", "2027-01-05T20:00Z"), null));
    }

    [Fact]
    public void A_listing_includes_sessions_overlapping_the_window_and_not_those_touching_its_edges()
    {
        Calendar.Sessions(T("2027-01-05T19:00Z"), T("2027-01-12T19:00Z")).Should().Equal(
            Weekly("2027-01-05T18:00Z", "2027-01-05T20:00Z"),
            Weekly("2027-01-12T18:00Z", "2027-01-12T20:00Z"));
        Calendar.Sessions(T("2027-01-05T20:00Z"), T("2027-01-12T18:00Z")).Should().BeEmpty();
    }

    [Fact]
    public void A_one_off_overlapping_a_weekly_session_keeps_the_group_open_until_the_later_end()
    {
        var calendar = new SessionCalendar("Europe/London", [Slot(DayOfWeek.Tuesday, "18:00", "20:00")],
            oneOffs: [new OneOffSlot("late", T("2027-01-05T19:30Z"), T("2027-01-05T21:00Z"))]);
        var clock = new FakeTimeProvider(T("2027-01-05T19:00Z"));

        var before = calendar.At(clock.GetUtcNow());
        clock.Advance(TimeSpan.FromMinutes(90));
        var after = calendar.At(clock.GetUtcNow());

        before.Current.Should().Be(Weekly("2027-01-05T18:00Z", "2027-01-05T20:00Z"));
        before.ClosesAt.Should().Be(T("2027-01-05T21:00Z"));
        before.Next.Should().Be(OneOff("2027-01-05T19:30Z", "2027-01-05T21:00Z"));
        after.Current.Should().Be(OneOff("2027-01-05T19:30Z", "2027-01-05T21:00Z"));
    }

    [Fact]
    public void A_session_that_follows_on_without_a_gap_keeps_the_group_open()
    {
        var calendar = new SessionCalendar("Europe/London", [Slot(DayOfWeek.Tuesday, "18:00", "20:00")],
            oneOffs: [new OneOffSlot("after", T("2027-01-05T20:00Z"), T("2027-01-05T21:00Z"))]);

        calendar.At(T("2027-01-05T18:30Z")).ClosesAt.Should().Be(T("2027-01-05T21:00Z"));
        calendar.At(T("2027-01-05T20:00Z")).Current.Should().Be(OneOff("2027-01-05T20:00Z", "2027-01-05T21:00Z"));
    }

    [Fact]
    public void A_window_ending_before_it_starts_lists_nothing_and_one_over_a_year_is_refused()
    {
        Calendar.Sessions(T("2027-01-12T00:00Z"), T("2027-01-05T00:00Z")).Should().BeEmpty();

        var tooLong = () => Calendar.Sessions(T("2027-01-01T00:00Z"), T("2028-01-03T00:00Z"));

        tooLong.Should().Throw<ArgumentOutOfRangeException>();
    }
}
