using Microsoft.Extensions.Time.Testing;
using OnlineGroup.Server.Schedule;
using static OnlineGroup.Tests.Schedule.CalendarTestData;

namespace OnlineGroup.Tests.Schedule;

public class SessionsCrossingMidnight
{
    [Fact]
    public void A_session_ending_earlier_than_it_starts_runs_into_the_next_day()
    {
        var calendar = London(Slot(DayOfWeek.Friday, "22:00", "01:00"));

        calendar.Sessions(T("2027-01-04T00:00Z"), T("2027-01-11T00:00Z")).Should().Equal(
            Weekly("2027-01-08T22:00Z", "2027-01-09T01:00Z"));
    }

    [Fact]
    public void After_midnight_the_group_is_still_in_the_session_that_started_the_day_before()
    {
        var calendar = London(Slot(DayOfWeek.Friday, "22:00", "01:00"));
        var clock = new FakeTimeProvider(T("2027-01-09T00:30Z"));

        var state = calendar.At(clock.GetUtcNow());
        clock.Advance(TimeSpan.FromMinutes(30));
        var atOne = calendar.At(clock.GetUtcNow());

        state.Current.Should().Be(Weekly("2027-01-08T22:00Z", "2027-01-09T01:00Z"));
        atOne.IsOpen.Should().BeFalse();
        atOne.Next.Should().Be(Weekly("2027-01-15T22:00Z", "2027-01-16T01:00Z"));
    }

    [Fact]
    public void A_Sunday_night_session_runs_into_Monday_across_the_week_boundary()
    {
        var calendar = London(Slot(DayOfWeek.Sunday, "23:00", "01:00"));

        calendar.Sessions(T("2027-01-11T00:00Z"), T("2027-01-11T12:00Z")).Should().Equal(
            Weekly("2027-01-10T23:00Z", "2027-01-11T01:00Z"));
        calendar.At(T("2027-01-11T00:59Z")).IsOpen.Should().BeTrue();
    }

    [Fact]
    public void A_session_ending_at_midnight_ends_at_the_start_of_the_next_day()
    {
        var calendar = London(Slot(DayOfWeek.Saturday, "20:00", "00:00"));

        calendar.Sessions(T("2027-01-04T00:00Z"), T("2027-01-11T00:00Z")).Should().Equal(
            Weekly("2027-01-09T20:00Z", "2027-01-10T00:00Z"));
    }

    [Fact]
    public void A_session_crossing_midnight_on_the_night_the_clocks_go_forward_ends_at_its_local_time()
    {
        // Saturday 27 March 2027 23:00 GMT to Sunday 02:30 BST: two and a half hours.
        var calendar = London(Slot(DayOfWeek.Saturday, "23:00", "02:30"));

        calendar.Sessions(T("2027-03-27T00:00Z"), T("2027-03-28T12:00Z")).Should().Equal(
            Weekly("2027-03-27T23:00Z", "2027-03-28T01:30Z"));
    }

    [Fact]
    public void A_closure_that_starts_at_midnight_cancels_the_session_running_into_it()
    {
        var calendar = new SessionCalendar("Europe/London", [Slot(DayOfWeek.Friday, "22:00", "01:00")],
            closures: [new ClosureSlot("sat", T("2027-01-09T00:00Z"), T("2027-01-10T00:00Z"), "Saturday closure")]);

        calendar.Sessions(T("2027-01-08T00:00Z"), T("2027-01-10T00:00Z")).Should().Equal(
            Cancelled("weekly", "2027-01-08T22:00Z", "2027-01-09T01:00Z", "Saturday closure"));
    }
}
