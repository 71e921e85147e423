using System.ComponentModel.DataAnnotations;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Records;

namespace OnlineGroup.Tests.Records;

public sealed class PurgedHistory
{
    private static readonly ChatRetentionMark Mark = new() { GroupId = "g1", PurgedThroughSeq = 41, KeepDays = 90 };

    [Fact]
    public void HistoryReachingIntoPurgedChatIsRefusedSayingWhatIsKept()
    {
        Retention.PurgedHistory(Mark, 0).Should().Be(
            "Messages before seq 42 are no longer kept (the service keeps chat for 90 days). Ask for history after seq 41.");
        Retention.PurgedHistory(Mark, 40).Should().NotBeNull();
    }

    [Fact]
    public void HistoryAfterThePurgeOrWithNothingPurgedIsAnswered()
    {
        Retention.PurgedHistory(Mark, 41).Should().BeNull();
        Retention.PurgedHistory(null, 0).Should().BeNull();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3651)]
    public void ARetentionPeriodOutsideOneDayToTenYearsStopsTheServerWithAReason(int days)
    {
        var options = new RetentionOptions { ChatDays = days };
        var results = new List<ValidationResult>();

        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true).Should().BeFalse();
        results.Single().ErrorMessage.Should().Contain("Retention:ChatDays");
    }
}
