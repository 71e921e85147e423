using System.ComponentModel.DataAnnotations;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Journey;

namespace OnlineGroup.Tests.Journey;

public sealed class FollowUpPlanning
{
    private static readonly MemberExit Exit = new()
    {
        Id = "x1", GroupId = "g1", MemberId = "m1", Plan = ExitPlans.MovingOn, PreviousStatus = "active", RecordedBy = "s1",
        ExitedAt = new DateTimeOffset(2026, 1, 10, 20, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public void ByDefaultFollowUpsAreDueTwoSixAndTwelveWeeksAfterTheExit()
    {
        var plan = FollowUps.Plan(Exit, new JourneyOptions().Weeks);

        plan.Select(f => (f.Week, f.DueAt)).Should().Equal(
            (2, Exit.ExitedAt.AddDays(14)), (6, Exit.ExitedAt.AddDays(42)), (12, Exit.ExitedAt.AddDays(84)));
        plan.Should().OnlyContain(f => f.ExitId == "x1" && f.MemberId == "m1" && f.NotifiedAt == null && f.DoneAt == null);
    }

    [Fact]
    public void ConfiguredWeeksReplaceTheDefaultAndComeOutInOrder()
    {
        var plan = FollowUps.Plan(Exit, new JourneyOptions { FollowUpWeeks = [8, 1] }.Weeks);

        plan.Select(f => f.Week).Should().Equal(1, 8);
    }

    [Theory]
    [InlineData(new[] { 0, 2 }, "each from 1 to 104")]
    [InlineData(new[] { 2, 2 }, "the same week twice")]
    public void WeeksThatMakeNoSenseStopTheServerWithAReason(int[] weeks, string expected)
    {
        var options = new JourneyOptions { FollowUpWeeks = weeks };

        options.Validate(new ValidationContext(options)).Select(r => r.ErrorMessage).Should().ContainSingle().Which.Should().Contain(expected);
    }

    [Theory]
    [InlineData(ExitPlans.MovingOn, "You have finished your time in Evening group")]
    [InlineData(ExitPlans.ReferredElsewhere, "arranged for you to get support somewhere that fits you better")]
    [InlineData(ExitPlans.Paused, "Your place in Evening group is paused for now")]
    public void EachPlanHasItsOwnGoodbyeAndAllPointToSupport(string plan, string expected)
    {
        var message = Goodbyes.Message(plan, "Evening group", followUps: true);

        message.Should().Contain(expected).And.Contain("check in with you").And.EndWith("the people below are there for you.");
    }
}
