using Microsoft.Extensions.Time.Testing;
using OnlineGroup.Server.Schedule;
using static OnlineGroup.Tests.Schedule.CalendarTestData;

namespace OnlineGroup.Tests.Schedule;

public class SessionOverrides
{
    private static readonly WeeklySlot[] Tuesdays = [Slot(DayOfWeek.Tuesday, "18:00", "20:00")];

    private static SessionCalendar With(params SessionOverride[] overrides) =>
        new("Europe/London", Tuesdays, overrides: overrides);

    [Fact]
    public void An_extended_session_stays_open_until_its_new_end()
    {
        var calendar = With(new SessionOverride(T("2027-01-05T18:00Z"), T("2027-01-05T20:30Z")));
        var clock = new FakeTimeProvider(T("2027-01-05T20:00Z"));

        var extended = calendar.At(clock.GetUtcNow());
        clock.Advance(TimeSpan.FromMinutes(30));
        var afterwards = calendar.At(clock.GetUtcNow());

        extended.Current.Should().Be(Weekly("2027-01-05T18:00Z", "2027-01-05T20:30Z"));
        extended.ClosesAt.Should().Be(T("2027-01-05T20:30Z"));
        afterwards.IsOpen.Should().BeFalse();
        calendar.Sessions(T("2027-01-05T00:00Z"), T("2027-01-06T00:00Z")).Should().Equal(Weekly("2027-01-05T18:00Z", "2027-01-05T20:30Z"));
    }

    [Fact]
    public void A_session_extended_past_a_day_is_still_found_in_progress()
    {
        // Unrealistic, but the calendar must find a session in progress however long it has been made.
        var calendar = new SessionCalendar("Europe/London", [],
            oneOffs: [new OneOffSlot("short", T("2027-01-05T18:00Z"), T("2027-01-05T18:30Z"))],
            overrides: [new SessionOverride(T("2027-01-05T18:00Z"), T("2027-01-07T18:00Z"))]);

        calendar.At(T("2027-01-07T17:45Z")).Current.Should().Be(OneOff("2027-01-05T18:00Z", "2027-01-07T18:00Z"));
    }

    [Fact]
    public void A_session_ended_early_is_closed_from_the_moment_it_was_ended()
    {
        var calendar = With(new SessionOverride(T("2027-01-05T18:00Z"), T("2027-01-05T19:15Z")));
        var clock = new FakeTimeProvider(T("2027-01-05T19:15Z").AddTicks(-1));

        var justBefore = calendar.At(clock.GetUtcNow());
        clock.Advance(TimeSpan.FromTicks(1));
        var ended = calendar.At(clock.GetUtcNow());

        justBefore.IsOpen.Should().BeTrue();
        ended.IsOpen.Should().BeFalse();
        ended.Next.Should().Be(Weekly("2027-01-12T18:00Z", "2027-01-12T20:00Z"));
        calendar.Sessions(T("2027-01-05T00:00Z"), T("2027-01-06T00:00Z")).Should().Equal(Weekly("2027-01-05T18:00Z", "2027-01-05T19:15Z"));
    }

    [Fact]
    public void The_last_override_for_a_session_wins_and_a_null_end_puts_the_scheduled_end_back()
    {
        var start = T("2027-01-05T18:00Z");

        With(new(start, T("2027-01-05T20:30Z")), new(start, T("2027-01-05T21:00Z"))).At(T("2027-01-05T20:45Z")).IsOpen.Should().BeTrue();
        With(new(start, T("2027-01-05T20:30Z")), new(start, null)).At(T("2027-01-05T20:15Z")).IsOpen.Should().BeFalse();
    }

    [Fact]
    public void An_override_naming_no_session_or_a_cancelled_one_changes_nothing()
    {
        var calendar = new SessionCalendar("Europe/London", Tuesdays,
            closures: [new ClosureSlot("c", T("2027-01-12T00:00Z"), T("2027-01-13T00:00Z"), "Closed")],
            overrides: [new(T("2027-01-05T18:05Z"), T("2027-01-05T22:00Z")), new(T("2027-01-12T18:00Z"), T("2027-01-12T22:00Z"))]);

        calendar.Sessions(T("2027-01-05T00:00Z"), T("2027-01-13T00:00Z")).Should().Equal(
            Weekly("2027-01-05T18:00Z", "2027-01-05T20:00Z"),
            Cancelled("weekly", "2027-01-12T18:00Z", "2027-01-12T20:00Z", "Closed"));
    }

    [Fact]
    public void ExtendSession_moves_the_end_of_the_session_in_progress_later_than_the_group_would_close()
    {
        var calendar = With();
        var clock = new FakeTimeProvider(T("2027-01-05T19:50Z"));

        var change = calendar.ExtendSession(clock.GetUtcNow(), TimeSpan.FromMinutes(15));

        change.Should().Be(new SessionOverride(T("2027-01-05T18:00Z"), T("2027-01-05T20:15Z")));
        calendar.ExtendSession(T("2027-01-05T21:00Z"), TimeSpan.FromMinutes(15)).Should().BeNull("no session is in progress");
    }

    [Fact]
    public void A_session_extended_twice_keeps_its_latest_end()
    {
        var clock = new FakeTimeProvider(T("2027-01-05T19:50Z"));
        var first = With().ExtendSession(clock.GetUtcNow(), TimeSpan.FromMinutes(15))!;
        clock.Advance(TimeSpan.FromMinutes(20));

        var second = With(first).ExtendSession(clock.GetUtcNow(), TimeSpan.FromMinutes(15))!;

        second.EndsAt.Should().Be(T("2027-01-05T20:30Z"));
        With(first, second).At(T("2027-01-05T20:29Z")).IsOpen.Should().BeTrue();
    }

    [Fact]
    public void EndSession_ends_every_session_in_progress_and_leaves_later_ones()
    {
        OneOffSlot[] oneOffs =
        [
            new("overlapping", T("2027-01-05T19:00Z"), T("2027-01-05T21:00Z")),
            new("later", T("2027-01-05T21:30Z"), T("2027-01-05T22:00Z")),
        ];
        var calendar = new SessionCalendar("Europe/London", Tuesdays, oneOffs);
        var clock = new FakeTimeProvider(T("2027-01-05T19:30Z"));

        var changes = calendar.EndSession(clock.GetUtcNow());
        var ended = new SessionCalendar("Europe/London", Tuesdays, oneOffs, overrides: changes);

        changes.Should().Equal(
            new SessionOverride(T("2027-01-05T18:00Z"), T("2027-01-05T19:30Z")),
            new SessionOverride(T("2027-01-05T19:00Z"), T("2027-01-05T19:30Z")));
        ended.At(clock.GetUtcNow()).IsOpen.Should().BeFalse();
        ended.At(clock.GetUtcNow()).Next.Should().Be(OneOff("2027-01-05T21:30Z", "2027-01-05T22:00Z"));
        calendar.EndSession(T("2027-01-05T21:15Z")).Should().BeEmpty();
    }
}
