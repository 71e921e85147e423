using OnlineGroup.Server.Readiness;

namespace OnlineGroup.Tests.Readiness;

public class GenderLimitRules
{
    [Fact]
    public void A_group_open_to_all_takes_anyone_and_keeps_nothing()
    {
        GenderLimits.Evaluate("Evening group", [], "girl").Should().Be(new GenderLimits.Check(null, null));
        GenderLimits.Evaluate("Evening group", [], null).Should().Be(new GenderLimits.Check(null, null));
    }

    [Fact]
    public void A_limited_group_matches_the_self_description_ignoring_case_and_keeps_the_groups_wording()
    {
        GenderLimits.Evaluate("Girls' group", ["girl", "non-binary"], " Non-Binary ").Should().Be(new GenderLimits.Check(null, "non-binary"));
    }

    [Fact]
    public void A_limited_group_says_who_it_is_for_when_refusing()
    {
        var refused = GenderLimits.Evaluate("Girls' group", ["girl", "non-binary"], "boy");

        refused.Stored.Should().BeNull();
        refused.Error.Should().Be("Girls' group is for young people who describe themselves as: girl, non-binary. The description given, 'boy', is not one of these, so they cannot join this group; another group may suit them.");
        GenderLimits.Evaluate("Girls' group", ["girl"], " ").Error.Should().Contain("Ask how the young person describes their gender");
    }

    [Fact]
    public void Staff_lists_are_tidied_and_bounded()
    {
        GenderLimits.Normalize([" girl", "Girl", "", null, "non-binary "], out var genders).Should().BeNull();
        genders.Should().Equal("girl", "non-binary");
        GenderLimits.Normalize([new string('x', 41)], out _).Should().Contain("1 to 40");
        GenderLimits.Normalize([.. Enumerable.Range(0, 11).Select(i => "g" + i)], out _).Should().Contain("at most 10");
    }
}
