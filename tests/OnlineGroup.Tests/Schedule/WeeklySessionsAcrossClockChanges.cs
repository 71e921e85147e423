using OnlineGroup.Server.Schedule;
using static OnlineGroup.Tests.Schedule.CalendarTestData;

namespace OnlineGroup.Tests.Schedule;

public class WeeklySessionsAcrossClockChanges
{
    [Fact]
    public void A_London_Sunday_session_stays_at_six_pm_local_when_the_clocks_go_forward()
    {
        var calendar = London(Slot(DayOfWeek.Sunday, "18:00", "20:00"));

        calendar.Sessions(T("2027-03-20T00:00Z"), T("2027-03-29T00:00Z")).Should().Equal(
            Weekly("2027-03-21T18:00Z", "2027-03-21T20:00Z"),
            Weekly("2027-03-28T17:00Z", "2027-03-28T19:00Z"));
    }

    [Fact]
    public void A_London_Sunday_session_stays_at_six_pm_local_when_the_clocks_go_back()
    {
        var calendar = London(Slot(DayOfWeek.Sunday, "18:00", "20:00"));

        calendar.Sessions(T("2027-10-23T00:00Z"), T("2027-11-01T00:00Z")).Should().Equal(
            Weekly("2027-10-24T17:00Z", "2027-10-24T19:00Z"),
            Weekly("2027-10-31T18:00Z", "2027-10-31T20:00Z"));
    }

    [Fact]
    public void A_New_York_Sunday_session_stays_at_six_pm_local_across_both_changes()
    {
        var calendar = new SessionCalendar("America/New_York", [Slot(DayOfWeek.Sunday, "18:00", "20:00")]);

        calendar.Sessions(T("2027-03-06T00:00Z"), T("2027-03-16T00:00Z")).Should().Equal(
            Weekly("2027-03-07T23:00Z", "2027-03-08T01:00Z"),
            Weekly("2027-03-14T22:00Z", "2027-03-15T00:00Z"));
        calendar.Sessions(T("2027-10-30T00:00Z"), T("2027-11-09T00:00Z")).Should().Equal(
            Weekly("2027-10-31T22:00Z", "2027-11-01T00:00Z"),
            Weekly("2027-11-07T23:00Z", "2027-11-08T01:00Z"));
    }

    [Fact]
    public void A_start_the_clocks_skip_moves_later_by_the_gap_and_the_end_stays_at_its_local_time()
    {
        // London skips 01:00-02:00 on 28 March 2027: 01:30 becomes 02:30 BST (01:30Z); 03:00 BST is 02:00Z.
        var calendar = London(Slot(DayOfWeek.Sunday, "01:30", "03:00"));

        calendar.Sessions(T("2027-03-28T00:00Z"), T("2027-03-29T00:00Z")).Should().Equal(
            Weekly("2027-03-28T01:30Z", "2027-03-28T02:00Z"));
    }

    [Fact]
    public void A_session_inside_the_skipped_hour_moves_later_by_the_gap_whole()
    {
        // 01:30-02:00 would end (02:00 BST = 01:00Z) before its moved start (01:30Z): it keeps its half hour.
        var calendar = London(Slot(DayOfWeek.Sunday, "01:30", "02:00"));

        calendar.Sessions(T("2027-03-28T00:00Z"), T("2027-03-29T00:00Z")).Should().Equal(
            Weekly("2027-03-28T01:30Z", "2027-03-28T02:00Z"));
    }

    [Fact]
    public void A_New_York_start_the_clocks_skip_moves_later_by_the_gap()
    {
        // New York skips 02:00-03:00 on 14 March 2027: 02:30 becomes 03:30 EDT (07:30Z).
        var calendar = new SessionCalendar("America/New_York", [Slot(DayOfWeek.Sunday, "02:30", "04:00")]);

        calendar.Sessions(T("2027-03-14T00:00Z"), T("2027-03-15T00:00Z")).Should().Equal(
            Weekly("2027-03-14T07:30Z", "2027-03-14T08:00Z"));
    }

    [Fact]
    public void A_start_that_happens_twice_when_the_clocks_go_back_is_the_first_one()
    {
        // London repeats 01:00-02:00 on 31 October 2027: the first 01:30 is BST (00:30Z).
        var calendar = London(Slot(DayOfWeek.Sunday, "01:30", "03:00"));

        calendar.Sessions(T("2027-10-30T00:00Z"), T("2027-11-01T00:00Z")).Should().Equal(
            Weekly("2027-10-31T00:30Z", "2027-10-31T03:00Z"));
    }

    [Fact]
    public void A_New_York_start_that_happens_twice_is_the_first_one()
    {
        // New York repeats 01:00-02:00 on 7 November 2027: the first 01:30 is EDT (05:30Z).
        var calendar = new SessionCalendar("America/New_York", [Slot(DayOfWeek.Sunday, "01:30", "03:00")]);

        calendar.Sessions(T("2027-11-07T00:00Z"), T("2027-11-08T00:00Z")).Should().Equal(
            Weekly("2027-11-07T05:30Z", "2027-11-07T08:00Z"));
    }

    [Fact]
    public void Sessions_on_the_night_the_clocks_skip_are_listed_in_the_order_they_happen()
    {
        // 01:30 moves to 01:30Z, after 02:15 BST (01:15Z): the listing is in UTC order, not slot order.
        var calendar = London(Slot(DayOfWeek.Sunday, "01:30", "02:10"), Slot(DayOfWeek.Sunday, "02:15", "02:45"));

        calendar.Sessions(T("2027-03-28T00:00Z"), T("2027-03-29T00:00Z")).Select(s => s.StartsAt).Should().Equal(
            T("2027-03-28T01:15Z"), T("2027-03-28T01:30Z"));
    }

    [Fact]
    public void Sessions_are_given_in_UTC_whatever_offset_the_input_had()
    {
        var calendar = new SessionCalendar("Europe/Paris", [Slot(DayOfWeek.Tuesday, "18:00", "20:00")],
            oneOffs: [new OneOffSlot("o1", T("2027-01-07T18:00+01:00"), T("2027-01-07T19:00+01:00"))]);

        var sessions = calendar.Sessions(T("2027-01-04T00:00Z"), T("2027-01-08T00:00Z"));

        sessions.Should().Equal(Weekly("2027-01-05T17:00Z", "2027-01-05T19:00Z"), OneOff("2027-01-07T17:00Z", "2027-01-07T18:00Z"));
        sessions.SelectMany(s => new[] { s.StartsAt.Offset, s.EndsAt.Offset }).Should().AllBeEquivalentTo(TimeSpan.Zero);
    }
}
