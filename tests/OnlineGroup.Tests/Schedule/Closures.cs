using Microsoft.Extensions.Time.Testing;
using OnlineGroup.Server.Schedule;
using static OnlineGroup.Tests.Schedule.CalendarTestData;

namespace OnlineGroup.Tests.Schedule;

public class Closures
{
    private static readonly WeeklySlot[] MondayWednesdayFriday =
    [
        Slot(DayOfWeek.Monday, "18:00", "20:00"),
        Slot(DayOfWeek.Wednesday, "18:00", "20:00"),
        Slot(DayOfWeek.Friday, "18:00", "20:00"),
    ];

    [Fact]
    public void A_closure_covering_part_of_a_week_cancels_only_the_sessions_it_overlaps_with_its_reason()
    {
        var calendar = new SessionCalendar("Europe/London", MondayWednesdayFriday,
            closures: [new ClosureSlot("c1", T("2027-01-05T00:00Z"), T("2027-01-07T00:00Z"), "Staff training; call Childline on 0800 1111")]);

        calendar.Sessions(T("2027-01-04T00:00Z"), T("2027-01-09T00:00Z")).Should().Equal(
            Weekly("2027-01-04T18:00Z", "2027-01-04T20:00Z"),
            Cancelled("weekly", "2027-01-06T18:00Z", "2027-01-06T20:00Z", "Staff training; call Childline on 0800 1111"),
            Weekly("2027-01-08T18:00Z", "2027-01-08T20:00Z"));
    }

    [Fact]
    public void A_session_the_closure_overlaps_only_in_part_does_not_open_at_all()
    {
        var calendar = new SessionCalendar("Europe/London", MondayWednesdayFriday,
            closures: [new ClosureSlot("c1", T("2027-01-04T17:00Z"), T("2027-01-04T19:00Z"), "Building closed early")]);
        var clock = new FakeTimeProvider(T("2027-01-04T19:30Z"));

        var state = calendar.At(clock.GetUtcNow());

        state.IsOpen.Should().BeFalse();
        state.Closure.Should().BeNull("the closure is over, but the session it overlapped stays cancelled");
        state.Next.Should().Be(Weekly("2027-01-06T18:00Z", "2027-01-06T20:00Z"));
    }

    [Fact]
    public void A_closure_that_only_touches_a_session_does_not_cancel_it()
    {
        var calendar = new SessionCalendar("Europe/London", MondayWednesdayFriday, closures:
        [
            new ClosureSlot("before", T("2027-01-04T12:00Z"), T("2027-01-04T18:00Z"), "Ends as the session starts"),
            new ClosureSlot("after", T("2027-01-04T20:00Z"), T("2027-01-05T12:00Z"), "Starts as the session ends"),
        ]);

        calendar.Sessions(T("2027-01-04T00:00Z"), T("2027-01-05T00:00Z")).Should().Equal(
            Weekly("2027-01-04T18:00Z", "2027-01-04T20:00Z"));
    }

    [Fact]
    public void During_a_closure_the_group_is_closed_and_the_closure_is_given()
    {
        var halfTerm = new ClosureSlot("half-term", T("2027-02-13T00:00Z"), T("2027-02-21T00:00Z"), "Half term");
        var calendar = new SessionCalendar("Europe/London", MondayWednesdayFriday, closures: [halfTerm]);
        var clock = new FakeTimeProvider(T("2027-02-15T18:30Z"));

        var state = calendar.At(clock.GetUtcNow());

        state.Should().Be(new CalendarState(null, null, Weekly("2027-02-22T18:00Z", "2027-02-22T20:00Z"), halfTerm));
    }

    [Fact]
    public void When_closures_overlap_a_session_it_gives_the_reason_of_the_one_that_begins_first()
    {
        var calendar = new SessionCalendar("Europe/London", MondayWednesdayFriday, closures:
        [
            new ClosureSlot("day", T("2027-01-04T00:00Z"), T("2027-01-05T00:00Z"), "Facilitator away"),
            new ClosureSlot("holiday", T("2026-12-19T00:00Z"), T("2027-01-05T00:00Z"), "Christmas holidays"),
        ]);

        calendar.Sessions(T("2027-01-04T00:00Z"), T("2027-01-05T00:00Z")).Single().Reason.Should().Be("Christmas holidays");
    }

    [Fact]
    public void A_closure_that_ends_before_it_begins_covers_nothing()
    {
        var calendar = new SessionCalendar("Europe/London", MondayWednesdayFriday,
            closures: [new ClosureSlot("backwards", T("2027-01-05T00:00Z"), T("2027-01-04T00:00Z"), "Typo")]);

        calendar.Sessions(T("2027-01-04T00:00Z"), T("2027-01-05T00:00Z")).Should().Equal(
            Weekly("2027-01-04T18:00Z", "2027-01-04T20:00Z"));
    }
}
