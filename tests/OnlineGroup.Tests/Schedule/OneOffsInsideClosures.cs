using Microsoft.Extensions.Time.Testing;
using OnlineGroup.Server.Schedule;
using static OnlineGroup.Tests.Schedule.CalendarTestData;

namespace OnlineGroup.Tests.Schedule;

public class OneOffsInsideClosures
{
    private static readonly ClosureSlot Christmas = new(
        "christmas", T("2026-12-19T00:00Z"), T("2027-01-04T00:00Z"), "Christmas holidays", CreatedAt: T("2026-09-01T09:00Z"));

    private static readonly WeeklySlot[] Tuesdays = [Slot(DayOfWeek.Tuesday, "18:00", "20:00")];

    [Fact]
    public void A_one_off_arranged_inside_an_earlier_closure_opens_and_is_not_cancelled()
    {
        var dropIn = new OneOffSlot("drop-in", T("2026-12-24T17:00Z"), T("2026-12-24T19:00Z"), CreatedAt: T("2026-12-01T12:00Z"));
        var calendar = new SessionCalendar("Europe/London", Tuesdays, oneOffs: [dropIn], closures: [Christmas]);
        var clock = new FakeTimeProvider(T("2026-12-24T17:30Z"));

        var state = calendar.At(clock.GetUtcNow());

        state.Current.Should().Be(OneOff("2026-12-24T17:00Z", "2026-12-24T19:00Z"));
        state.Closure.Should().Be(Christmas, "the closure is still in force around the one-off");
        calendar.Sessions(T("2026-12-21T00:00Z"), T("2026-12-28T00:00Z")).Should().Equal(
            Cancelled("weekly", "2026-12-22T18:00Z", "2026-12-22T20:00Z", "Christmas holidays"),
            OneOff("2026-12-24T17:00Z", "2026-12-24T19:00Z"));
    }

    [Fact]
    public void A_closure_recorded_after_a_one_off_cancels_it()
    {
        var extra = new OneOffSlot("extra", T("2027-01-06T18:00Z"), T("2027-01-06T19:00Z"), CreatedAt: T("2027-01-01T10:00Z"));
        var ill = new ClosureSlot("ill", T("2027-01-06T00:00Z"), T("2027-01-07T00:00Z"), "Facilitator ill", CreatedAt: T("2027-01-06T08:00Z"));
        var calendar = new SessionCalendar("Europe/London", Tuesdays, oneOffs: [extra], closures: [ill]);

        calendar.At(T("2027-01-06T18:30Z")).IsOpen.Should().BeFalse();
        calendar.Sessions(T("2027-01-06T00:00Z"), T("2027-01-07T00:00Z")).Should().Equal(
            Cancelled("oneOff", "2027-01-06T18:00Z", "2027-01-06T19:00Z", "Facilitator ill"));
    }

    [Fact]
    public void A_one_off_opens_when_it_is_not_known_which_was_recorded_first()
    {
        var extra = new OneOffSlot("extra", T("2026-12-24T17:00Z"), T("2026-12-24T19:00Z"));
        var calendar = new SessionCalendar("Europe/London", Tuesdays, oneOffs: [extra], closures: [Christmas]);

        calendar.At(T("2026-12-24T17:00Z")).Current.Should().Be(OneOff("2026-12-24T17:00Z", "2026-12-24T19:00Z"));
    }
}
