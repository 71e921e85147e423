using OnlineGroup.Server.Schedule;

namespace OnlineGroup.Tests.Schedule;

public class TimeZoneValidation
{
    [Theory]
    [InlineData("Europe/London")]
    [InlineData("America/New_York")]
    [InlineData("UTC")]
    public void A_known_IANA_time_zone_is_accepted(string zone)
    {
        ScheduleValidation.ValidateTimeZone(zone).Should().BeEmpty();
    }

    [Theory]
    [InlineData("Europe/Londn", "'Europe/Londn' is not a known IANA time zone; did you mean Europe/London?")]
    [InlineData("London", "'London' is not a known IANA time zone; did you mean Europe/London?")]
    [InlineData("Mars/Olympus_Mons", "'Mars/Olympus_Mons' is not a known IANA time zone, e.g. Europe/London.")]
    [InlineData("GMT Standard Time", "'GMT Standard Time' is a Windows time zone name; use the IANA name Europe/London.")]
    [InlineData("", "A time zone is required: an IANA name such as Europe/London.")]
    [InlineData(null, "A time zone is required: an IANA name such as Europe/London.")]
    public void An_unknown_time_zone_is_refused_with_what_to_use_instead(string? zone, string message)
    {
        ScheduleValidation.ValidateTimeZone(zone).Should().Equal(new ScheduleError("timeZone", message));
    }

    [Fact]
    public void A_calendar_for_an_unknown_time_zone_cannot_be_built()
    {
        var build = () => new SessionCalendar("Europe/Londn", []);

        build.Should().Throw<ArgumentException>().WithMessage("'Europe/Londn' is not a known IANA time zone; did you mean Europe/London?*");
    }
}
