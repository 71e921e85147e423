using OnlineGroup.Server.Safeguarding;
using OnlineGroup.Server.Safeguarding.Detection;

namespace OnlineGroup.Tests.Safeguarding;

/// <summary>
/// A young person telling us they are at risk is never refused: silencing a child is worse than any
/// message. Disclosures are flagged or held; only incitement is blocked, and even that raises a concern.
/// </summary>
public sealed class DisclosureFacts
{
    [Theory]
    [InlineData("i want to kill myself")]
    [InlineData("i cut again last night")]
    [InlineData("i'm going to take all my pills tonight")]
    [InlineData("my stepdad touches me at night")]
    [InlineData("i made myself sick after dinner again")]
    [InlineData("i want to die, kys everyone")]
    [InlineData("someone at school keeps telling me to kys")]
    [InlineData("they all told me to kill myself")]
    [InlineData("people wrote kys on my locker")]
    public void Disclosures_are_raised_but_never_blocked(string text)
    {
        var result = ShippedRules.Rules.Scan(text);

        result.RaisesConcern.Should().BeTrue();
        result.Action.Should().NotBe(ScanAction.Block);
    }

    [Theory]
    [InlineData("kys")]
    [InlineData("k y s loser")]
    [InlineData("go kill yourself")]
    [InlineData("nobody would miss you")]
    public void Telling_someone_to_kill_themselves_is_blocked_and_still_raises_a_concern(string text)
    {
        var result = ShippedRules.Rules.Scan(text);

        result.Action.Should().Be(ScanAction.Block);
        result.RaisesConcern.Should().BeTrue();
        result.Categories.Should().Contain(SafeguardingCategories.BullyingHarmToOthers);
    }

    [Theory]
    [InlineData("please don't kill yourself, we're here for you")]
    [InlineData("promise me you won't hurt yourself tonight")]
    [InlineData("did you hurt yourself?")]
    public void Supportive_messages_that_use_the_same_words_are_not_blocked(string text) =>
        ShippedRules.Rules.Scan(text).Action.Should().NotBe(ScanAction.Block);

    [Fact]
    public void A_rules_file_that_would_block_a_disclosure_is_refused()
    {
        var act = () => SafeguardingRuleSet.Parse("""
            { "rules": [ { "id": "bad", "category": "selfHarm", "severity": "high", "action": "block", "patterns": ["cut myself"] } ] }
            """);

        act.Should().Throw<InvalidDataException>().WithMessage("*'bad' would block a disclosure*never refused*");
    }

    [Fact]
    public void A_block_that_meets_a_disclosure_becomes_a_hold()
    {
        var rules = SafeguardingRuleSet.Parse("""
            {
              "rules": [
                { "id": "kys", "category": "bullyingHarmToOthers", "severity": "high", "action": "block", "patterns": ["kys"] },
                { "id": "die", "category": "suicidalIdeation", "severity": "high", "action": "flag", "patterns": ["want to die"] }
              ]
            }
            """);

        rules.Scan("kys").Action.Should().Be(ScanAction.Block);
        rules.Scan("kys, i want to die too").Action.Should().Be(ScanAction.Hold);
    }
}
