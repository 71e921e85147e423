using OnlineGroup.Server.Schedule;

namespace OnlineGroup.Tests.Schedule;

public class WeeklyScheduleValidation
{
    private static IReadOnlyList<ScheduleError> Errors(params WeeklySlotInput[] weekly) => ScheduleValidation.ParseWeekly(weekly).Errors;

    [Fact]
    public void Full_English_day_names_in_any_case_and_24_hour_times_are_read()
    {
        var result = ScheduleValidation.ParseWeekly([new("tuesday", "18:00", "20:00"), new("FRIDAY", "22:00", "01:00"), new(" Sunday ", "9:30", "11:00")]);

        result.IsValid.Should().BeTrue();
        result.Slots.Should().Equal(
            new WeeklySlot(DayOfWeek.Tuesday, new(18, 0), new(20, 0)),
            new WeeklySlot(DayOfWeek.Friday, new(22, 0), new(1, 0)),
            new WeeklySlot(DayOfWeek.Sunday, new(9, 30), new(11, 0)));
    }

    [Theory]
    [InlineData("Tusday", "'Tusday' is not a day of the week; use the full English name: did you mean Tuesday?")]
    [InlineData("Tue", "'Tue' is not a day of the week; use the full English name: did you mean Tuesday?")]
    [InlineData("Weekend", "'Weekend' is not a day of the week; use a full English day name such as Tuesday.")]
    [InlineData("2", "'2' is not a day of the week; use a full English day name such as Tuesday.")]
    [InlineData("", "A day is required: a full English day name such as Tuesday.")]
    public void An_unknown_day_is_refused_with_the_name_to_use(string day, string message)
    {
        Errors(new WeeklySlotInput(day, "18:00", "20:00")).Should().Equal(new ScheduleError("weekly[0].day", message));
    }

    [Theory]
    [InlineData("6pm", "'6pm' is not a time; use HH:mm on the 24-hour clock, e.g. 18:00.")]
    [InlineData("18.00", "'18.00' is not a time; use HH:mm on the 24-hour clock, e.g. 18:00.")]
    [InlineData("25:00", "'25:00' is not a time; use HH:mm on the 24-hour clock, e.g. 18:00.")]
    [InlineData("24:00", "'24:00' is not a time; write midnight as 00:00 (a session that ends at 00:00 runs until midnight).")]
    [InlineData(null, "An end time is required, as HH:mm on the 24-hour clock, e.g. 18:00.")]
    public void A_malformed_time_is_refused_with_the_format_to_use(string? end, string message)
    {
        Errors(new WeeklySlotInput("Tuesday", "18:00", end)).Should().Equal(new ScheduleError("weekly[0].end", message));
    }

    [Fact]
    public void A_session_that_ends_when_it_starts_is_refused()
    {
        Errors(new WeeklySlotInput("Tuesday", "18:00", "18:00")).Should().Equal(new ScheduleError("weekly[0].end",
            "Tuesday 18:00 to 18:00 starts and ends at the same time; give an end time after the start (an end earlier than the start means the session runs past midnight)."));
    }

    [Fact]
    public void A_session_longer_than_twelve_hours_is_refused()
    {
        Errors(new WeeklySlotInput("Tuesday", "08:00", "21:00"), new("Friday", "18:00", "06:30")).Should().Equal(
            new ScheduleError("weekly[0].end", "Tuesday 08:00 to 21:00 lasts 13 hours; a session can last at most 12 hours."),
            new ScheduleError("weekly[1].end", "Friday 18:00 to 06:30 lasts 12 hours 30 minutes; a session can last at most 12 hours. It runs past midnight because it ends earlier than it starts."));
        Errors(new WeeklySlotInput("Tuesday", "08:00", "20:00")).Should().BeEmpty("exactly twelve hours is allowed");
    }

    [Fact]
    public void Sessions_that_overlap_on_the_same_day_are_refused()
    {
        Errors(new("Monday", "18:00", "20:00"), new("Monday", "19:30", "21:00")).Should().Equal(new ScheduleError("weekly[1]",
            "Monday 19:30 to 21:00 overlaps Monday 18:00 to 20:00 (weekly[0]); weekly sessions must not overlap."));
    }

    [Fact]
    public void Sessions_that_overlap_across_midnight_are_refused()
    {
        Errors(new("Friday", "22:00", "01:00"), new("Saturday", "00:30", "02:00")).Should().Equal(new ScheduleError("weekly[1]",
            "Saturday 00:30 to 02:00 overlaps Friday 22:00 to 01:00 (weekly[0]); weekly sessions must not overlap."));
    }

    [Fact]
    public void Sessions_that_overlap_across_the_end_of_the_week_are_refused()
    {
        Errors(new("Monday", "00:30", "02:00"), new("Sunday", "23:00", "01:00")).Should().Equal(new ScheduleError("weekly[1]",
            "Sunday 23:00 to 01:00 overlaps Monday 00:30 to 02:00 (weekly[0]); weekly sessions must not overlap."));
    }

    [Fact]
    public void Sessions_that_only_touch_are_accepted()
    {
        Errors(
            new("Monday", "18:00", "20:00"),
            new("Monday", "20:00", "22:00"),
            new("Sunday", "22:00", "00:00"),
            new("Monday", "00:00", "01:00")).Should().BeEmpty();
    }

    [Fact]
    public void Every_problem_is_listed_and_no_slots_are_given()
    {
        var result = ScheduleValidation.ParseWeekly([new("Tusday", "6pm", "20:00"), new("Friday", "10:00", "10:00")]);

        result.IsValid.Should().BeFalse();
        result.Slots.Should().BeEmpty();
        result.Errors.Select(e => e.Field).Should().Equal("weekly[0].day", "weekly[0].start", "weekly[1].end");
    }
}
