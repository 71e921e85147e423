using OnlineGroup.Server.Safeguarding;
using OnlineGroup.Server.Safeguarding.Detection;

namespace OnlineGroup.Tests.Safeguarding;

/// <summary>
/// How matches combine: desire, plan, means and timeframe each count once; two raise severity a level,
/// three or more make it critical; means with suicidal ideation or self-harm is held; critical is held.
/// </summary>
public sealed class RuleCombinationFacts
{
    private static readonly SafeguardingRuleSet Small = SafeguardingRuleSet.Parse("""
        {
          "rules": [
            { "id": "sad", "category": "suicidalIdeation", "severity": "medium", "action": "flag", "signal": "desire", "patterns": ["want to disappear"] },
            { "id": "kys", "category": "bullyingHarmToOthers", "severity": "high", "action": "block", "patterns": ["kys"] }
          ],
          "signals": [
            { "id": "when", "signal": "timeframe", "patterns": ["tonight"] },
            { "id": "plan", "signal": "plan", "patterns": ["going to"] },
            { "id": "means", "signal": "means", "patterns": ["rope"] }
          ]
        }
        """);

    [Fact]
    public void Wanting_to_die_is_a_high_flag()
    {
        var result = ShippedRules.Rules.Scan("I want to die");

        result.Should().BeEquivalentTo(new ScanResult(ScanAction.Flag, Severity.High, [SafeguardingCategories.SuicidalIdeation]));
    }

    [Fact]
    public void Taking_all_my_pills_tonight_is_critical_and_held_without_any_word_for_suicide()
    {
        var result = ShippedRules.Rules.Scan("I'm going to take all my pills tonight");

        result.Action.Should().Be(ScanAction.Hold);
        result.Severity.Should().Be(Severity.Critical);
        result.Categories.Should().Contain(SafeguardingCategories.MeansAndMethod);
    }

    [Fact]
    public void Desire_plan_means_and_timeframe_together_are_critical_and_held()
    {
        var result = ShippedRules.Rules.Scan("i want to die. i've got a rope and i'm going to do it tonight");

        result.Action.Should().Be(ScanAction.Hold);
        result.Severity.Should().Be(Severity.Critical);
        result.Categories.Should().Contain([SafeguardingCategories.SuicidalIdeation, SafeguardingCategories.MeansAndMethod]);
    }

    [Fact]
    public void Two_signals_raise_the_severity_by_one_level()
    {
        Small.Scan("i want to disappear").Severity.Should().Be(Severity.Medium);
        Small.Scan("i want to disappear tonight").Severity.Should().Be(Severity.High);
    }

    [Fact]
    public void Three_signals_make_it_critical_and_critical_is_never_published()
    {
        var result = Small.Scan("i want to disappear, i am going to, tonight");

        result.Severity.Should().Be(Severity.Critical);
        result.Action.Should().Be(ScanAction.Hold);
    }

    [Fact]
    public void Means_alongside_suicidal_ideation_is_held_as_means_and_method()
    {
        var result = Small.Scan("i want to disappear, there is a rope");

        result.Action.Should().Be(ScanAction.Hold);
        result.Categories.Should().Equal(SafeguardingCategories.SuicidalIdeation, SafeguardingCategories.MeansAndMethod);
    }

    [Fact]
    public void Means_plan_and_timing_without_any_rule_are_held_as_critical()
    {
        var result = Small.Scan("going to use the rope tonight");

        result.Should().BeEquivalentTo(new ScanResult(ScanAction.Hold, Severity.Critical, [SafeguardingCategories.MeansAndMethod]));
    }

    [Theory]
    [InlineData("tonight")]
    [InlineData("going to the cinema tonight")]
    [InlineData("going to buy a rope for climbing")]
    public void Fewer_than_three_signals_alone_raise_nothing(string text) =>
        Small.Scan(text).Should().BeSameAs(ScanResult.Allowed);

    [Fact]
    public void Signals_do_not_escalate_bullying_into_a_disclosure()
    {
        var result = Small.Scan("kys tonight");

        result.Action.Should().Be(ScanAction.Block);
        result.Categories.Should().Equal(SafeguardingCategories.BullyingHarmToOthers);
    }

    [Fact]
    public void Results_name_categories_in_camel_case_and_are_shared_between_scans()
    {
        var first = ShippedRules.Rules.Scan("my stepdad hits me");
        var second = ShippedRules.Rules.Scan("my stepdad hits me");

        first.Categories.Should().Equal("abuseDisclosure");
        second.Should().BeSameAs(first);
    }
}
