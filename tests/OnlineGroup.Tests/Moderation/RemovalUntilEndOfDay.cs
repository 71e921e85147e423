using OnlineGroup.Server.Moderation;

namespace OnlineGroup.Tests.Moderation;

/// <summary>A removal with no known session end lasts until the end of the day where the group meets.</summary>
public sealed class RemovalUntilEndOfDay
{
    [Fact]
    public void EndsAtTheNextLocalMidnightInSummerTime()
    {
        var evening = new DateTimeOffset(2027, 7, 1, 19, 30, 0, TimeSpan.Zero); // 20:30 in London (BST)

        SessionEnd.EndOfLocalDay(evening, "Europe/London").Should().Be(new DateTimeOffset(2027, 7, 1, 23, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void AfterUtcMidnightButBeforeLocalMidnightItIsStillTheLocalDay()
    {
        var lateInNewYork = new DateTimeOffset(2027, 1, 15, 2, 0, 0, TimeSpan.Zero); // 21:00 on 14 January in New York

        SessionEnd.EndOfLocalDay(lateInNewYork, "America/New_York").Should().Be(new DateTimeOffset(2027, 1, 15, 5, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void AMidnightSkippedByAClockChangeMovesToTheFirstRealTimeAfterIt()
    {
        // Cuba springs forward at midnight: on 14 March 2027 local time goes from 23:59:59 on the 13th to 01:00.
        var evening = new DateTimeOffset(2027, 3, 14, 1, 0, 0, TimeSpan.Zero); // 20:00 on 13 March in Havana (UTC-5)

        SessionEnd.EndOfLocalDay(evening, "America/Havana").Should().Be(new DateTimeOffset(2027, 3, 14, 5, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void AnUnknownZoneFallsBackToUtc()
    {
        SessionEnd.EndOfLocalDay(new DateTimeOffset(2027, 7, 1, 19, 30, 0, TimeSpan.Zero), "Not/AZone")
            .Should().Be(new DateTimeOffset(2027, 7, 2, 0, 0, 0, TimeSpan.Zero));
    }
}
