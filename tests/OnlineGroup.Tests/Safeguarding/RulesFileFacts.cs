using OnlineGroup.Server.Safeguarding;
using OnlineGroup.Server.Safeguarding.Detection;

namespace OnlineGroup.Tests.Safeguarding;

/// <summary>The rules file format: what it accepts, what it refuses, and what each construct matches.</summary>
public sealed class RulesFileFacts
{
    [Fact]
    public void The_shipped_rules_compile()
    {
        var rules = SafeguardingRuleSet.Load(ShippedRules.Path);

        rules.RuleCount.Should().BeGreaterThan(20);
        rules.PatternCount.Should().BeGreaterThan(1000);
        rules.Version.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void A_misspelt_field_is_refused_with_where_it_is()
    {
        var act = () => SafeguardingRuleSet.Parse("""
            { "rules": [ { "id": "x", "category": "selfHarm", "severity": "low", "action": "flag", "pattern": ["cut"] } ] }
            """);

        act.Should().Throw<InvalidDataException>().WithMessage("*pattern*");
    }

    [Fact]
    public void Every_problem_in_the_file_is_listed_at_once()
    {
        var act = () => SafeguardingRuleSet.Parse("""
            {
              "rules": [
                { "id": "a", "category": "selfHarm", "severity": "none", "action": "flag", "patterns": ["cut"] },
                { "id": "a", "category": "selfHarm", "severity": "low", "action": "allow", "patterns": ["(cut|"] }
              ]
            }
            """);

        act.Should().Throw<InvalidDataException>()
            .WithMessage("*needs a severity*")
            .WithMessage("*used twice*")
            .WithMessage("*needs an action*")
            .WithMessage("*unbalanced*");
    }

    [Fact]
    public void A_pattern_no_message_could_ever_match_is_refused()
    {
        var act = () => SafeguardingRuleSet.Parse("""
            { "rules": [ { "id": "x", "category": "selfHarm", "severity": "low", "action": "flag", "patterns": ["убить"] } ] }
            """);

        act.Should().Throw<InvalidDataException>().WithMessage("*no message can match*");
    }

    [Fact]
    public void Groups_expand_to_every_choice_and_an_empty_choice_makes_a_word_optional()
    {
        var rules = Rules("""{ "id": "x", "category": "abuseDisclosure", "severity": "high", "action": "flag", "patterns": ["(he|my stepdad) (hits|hurts) (me|)"] }""");

        rules.Scan("my stepdad hurts me").RaisesConcern.Should().BeTrue();
        rules.Scan("he hits").RaisesConcern.Should().BeTrue();
        rules.Scan("she hits me").RaisesConcern.Should().BeFalse();
    }

    [Fact]
    public void Patterns_match_whole_words_unless_a_star_opens_an_end()
    {
        var rules = Rules("""{ "id": "x", "category": "suicidalIdeation", "severity": "low", "action": "flag", "patterns": ["suicid*", "kms"] }""");

        rules.Scan("feeling suicidal").RaisesConcern.Should().BeTrue();
        rules.Scan("kms").RaisesConcern.Should().BeTrue();
        rules.Scan("kmsl that was funny").RaisesConcern.Should().BeFalse();
    }

    [Fact]
    public void A_number_in_a_pattern_stands_for_any_number()
    {
        var rules = Rules("""{ "id": "x", "category": "meansAndMethod", "severity": "high", "action": "hold", "patterns": ["took 10 pills"] }""");

        rules.Scan("i took 32 pills").Action.Should().Be(ScanAction.Hold);
    }

    [Fact]
    public void A_proximity_pattern_matches_its_second_part_within_the_window_after_the_first()
    {
        var rules = Rules("""{ "id": "x", "category": "meansAndMethod", "severity": "high", "action": "hold", "nearWindow": 2, "patterns": ["cut ... arm"] }""");

        rules.Scan("i cut my left arm").RaisesConcern.Should().BeTrue();
        rules.Scan("i cut it on the way home and my arm").RaisesConcern.Should().BeFalse();
        rules.Scan("my arm, i cut").RaisesConcern.Should().BeFalse();
    }

    [Fact]
    public void An_unless_pattern_near_a_match_cancels_only_its_own_rule()
    {
        var rules = SafeguardingRuleSet.Parse("""
            {
              "rules": [
                { "id": "hurt", "category": "selfHarm", "severity": "medium", "action": "flag", "patterns": ["hurt myself"], "unless": ["football"], "unlessWindow": 2 },
                { "id": "foot", "category": "selfHarm", "severity": "low", "action": "flag", "patterns": ["football"] }
              ]
            }
            """);

        var explained = rules.Explain("i hurt myself playing football");

        explained.CancelledRules.Should().Equal("hurt");
        explained.MatchedRules.Should().Equal("foot");
        rules.Explain("i hurt myself. it was after we had been to football").CancelledRules.Should().BeEmpty();
    }

    [Fact]
    public void A_benign_idiom_cancels_any_match_it_overlaps()
    {
        var rules = SafeguardingRuleSet.Parse("""
            {
              "rules": [ { "id": "cut", "category": "selfHarm", "severity": "medium", "action": "flag", "patterns": ["cutting"] } ],
              "benign": [ { "id": "class", "patterns": ["cutting class"] } ]
            }
            """);

        rules.Scan("we were cutting class lol").Should().BeSameAs(ScanResult.Allowed);
        rules.Scan("i've been cutting again").RaisesConcern.Should().BeTrue();
    }

    [Fact]
    public void Squashed_phrases_match_across_split_words_and_must_be_long_enough_to_be_safe()
    {
        var rules = Rules("""{ "id": "x", "category": "suicidalIdeation", "severity": "medium", "action": "flag", "patterns": ["suicide"], "squash": ["suicide"] }""");
        var tooShort = () => Rules("""{ "id": "x", "category": "meansAndMethod", "severity": "high", "action": "hold", "patterns": ["od"], "squash": ["want to od"] }""");

        rules.Scan("thinking about sui-cide").RaisesConcern.Should().BeTrue();
        tooShort.Should().Throw<InvalidDataException>().WithMessage("*too short*");
    }

    [Fact]
    public void A_detector_rule_reacts_to_contact_details_without_patterns()
    {
        var rules = Rules("""{ "id": "x", "category": "groomingContact", "severity": "high", "action": "hold", "detector": "phoneNumber" }""");

        rules.Scan("ring 07700 900123").Action.Should().Be(ScanAction.Hold);
        rules.Scan("ring me").Should().BeSameAs(ScanResult.Allowed);
    }

    private static SafeguardingRuleSet Rules(string rule) => SafeguardingRuleSet.Parse($$"""{ "rules": [ {{rule}} ] }""");
}
