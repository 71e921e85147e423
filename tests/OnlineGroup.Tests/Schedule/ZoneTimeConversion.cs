using OnlineGroup.Server.Schedule;

namespace OnlineGroup.Tests.Schedule;

public class ZoneTimeConversion
{
    [Theory]
    [InlineData("Europe/London")]
    [InlineData("America/New_York")]
    [InlineData("Australia/Sydney")]
    [InlineData("Australia/Lord_Howe")] // half-hour clock changes
    [InlineData("America/Santiago")] // clocks change at midnight
    [InlineData("Asia/Kolkata")] // no clock changes
    public void Every_quarter_hour_of_2027_maps_to_the_instant_the_documented_rule_gives(string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        for (var local = new DateTime(2027, 1, 1); local.Year == 2027; local = local.AddMinutes(15))
        {
            var expected = ExpectedUtc(zone, local);

            var actual = ZoneTime.ToUtc(zone, local.Ticks);

            if (actual != expected.Ticks)
            {
                actual.Should().Be(expected.Ticks, $"{local:yyyy-MM-dd HH:mm} in {zoneId} should be {expected:O}");
            }
        }
    }

    [Fact]
    public void The_local_date_of_an_instant_is_the_date_on_the_wall_clock()
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

        ZoneTime.LocalDate(london, new DateTime(2027, 6, 30, 23, 30, 0, DateTimeKind.Utc).Ticks).Should().Be(new DateOnly(2027, 7, 1));
        ZoneTime.LocalDate(london, new DateTime(2027, 12, 31, 23, 30, 0, DateTimeKind.Utc).Ticks).Should().Be(new DateOnly(2027, 12, 31));
    }

    // Written with TimeZoneInfo's own questions, independently of ZoneTime's probing.
    private static DateTime ExpectedUtc(TimeZoneInfo zone, DateTime local)
    {
        if (zone.IsAmbiguousTime(local))
        {
            return local - zone.GetAmbiguousTimeOffsets(local).Max(); // the first of the two
        }

        if (zone.IsInvalidTime(local))
        {
            return local - zone.GetUtcOffset(local.AddHours(-3)); // the offset before the gap
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
