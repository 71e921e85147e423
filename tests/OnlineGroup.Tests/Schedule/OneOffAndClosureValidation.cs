using OnlineGroup.Server.Schedule;
using static OnlineGroup.Tests.Schedule.CalendarTestData;

namespace OnlineGroup.Tests.Schedule;

public class OneOffAndClosureValidation
{
    [Fact]
    public void A_one_off_that_ends_before_it_starts_is_refused()
    {
        ScheduleValidation.ValidateOneOff(T("2027-01-05T18:00Z"), T("2027-01-05T17:00Z")).Should().Equal(new ScheduleError("endsAt",
            "The session ends (2027-01-05T17:00+00:00) before it starts (2027-01-05T18:00+00:00); endsAt must be later than startsAt."));
        ScheduleValidation.ValidateOneOff(T("2027-01-05T18:00Z"), T("2027-01-05T18:00Z")).Should().Equal(new ScheduleError("endsAt",
            "The session starts and ends at the same moment (2027-01-05T18:00+00:00); endsAt must be later than startsAt."));
    }

    [Fact]
    public void A_one_off_longer_than_twelve_hours_is_refused()
    {
        ScheduleValidation.ValidateOneOff(T("2027-01-05T08:00Z"), T("2027-01-05T22:15Z")).Should().Equal(new ScheduleError("endsAt",
            "The session lasts 14 hours 15 minutes; a session can last at most 12 hours."));
    }

    [Fact]
    public void A_one_off_may_have_started_already_but_must_end_later_than_now()
    {
        var now = T("2027-01-05T18:30Z");

        ScheduleValidation.ValidateOneOff(T("2027-01-05T18:00Z"), T("2027-01-05T20:00Z"), now).Should().BeEmpty();
        ScheduleValidation.ValidateOneOff(T("2027-01-05T17:00Z"), T("2027-01-05T18:30Z"), now).Should().Equal(new ScheduleError("endsAt",
            "The session ends (2027-01-05T18:30+00:00) before now (2027-01-05T18:30+00:00); endsAt must be in the future."));
    }

    [Fact]
    public void A_closure_that_ends_before_it_begins_is_refused_and_a_long_one_is_accepted()
    {
        ScheduleValidation.ValidateClosure(T("2027-01-05T00:00Z"), T("2027-01-04T00:00Z")).Should().Equal(new ScheduleError("to",
            "The closure ends (2027-01-04T00:00+00:00) before it begins (2027-01-05T00:00+00:00); 'to' must be later than 'from'."));
        ScheduleValidation.ValidateClosure(T("2027-01-05T00:00Z"), T("2027-01-05T00:00Z")).Should().Equal(new ScheduleError("to",
            "The closure begins and ends at the same moment (2027-01-05T00:00+00:00); 'to' must be later than 'from'."));
        ScheduleValidation.ValidateClosure(T("2027-07-20T00:00Z"), T("2027-09-01T00:00Z")).Should().BeEmpty();
    }

    [Fact]
    public void Validate_lists_every_problem_in_a_whole_schedule_with_its_field()
    {
        var errors = ScheduleValidation.Validate(new ScheduleInput(
            "Europe/Londn",
            Weekly: [new("Tuesday", "18:00", "20:00"), new("Tuesday", "19:00", "21:00")],
            OneOffs: [new OneOffSlot("o", T("2027-01-05T18:00Z"), T("2027-01-05T17:00Z"))],
            Closures: [new ClosureSlot("c", T("2027-01-05T00:00Z"), T("2027-01-04T00:00Z"), "Holiday")]));

        errors.Select(e => e.Field).Should().Equal("timeZone", "weekly[1]", "oneOffs[0].endsAt", "closures[0].to");
    }
}
