using OnlineGroup.Server.Data;
using OnlineGroup.Server.Readiness;

namespace OnlineGroup.Tests.Readiness;

public class ReadinessChecklist
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeZoneInfo Sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");

    private static DateTimeOffset T(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static GroupReadiness Complete() => new()
    {
        GroupId = "g",
        Version = 1,
        Scenarios = [.. ReadinessRules.StandardScenarios.Select(s => new RiskScenario { Scenario = s, Response = "planned" })],
        FacilitatorId = "f",
        FacilitatorTraining = "first aid",
        CoFacilitatorId = "c",
        CoFacilitatorTraining = "safeguarding",
        SafeguardingCover = "lead on call",
        Supervision = "monthly",
        AbsencePlan = "co-facilitator covers",
        HouseRules = "be kind",
        HouseRulesVersion = 1,
    };

    private static GroupReadiness SignedOff(DateOnly reviewBy)
    {
        var r = Complete();
        r.SignedOffBy = "lead";
        r.SignedOffAt = T("2027-01-01T10:00Z");
        r.SignedOffVersion = r.Version;
        r.ReviewBy = reviewBy;
        return r;
    }

    [Fact]
    public void A_group_with_no_assessment_lists_every_gap_in_plain_words_and_needs_a_sign_off()
    {
        var missing = ReadinessRules.Missing(null, 0, London, T("2027-01-01T00:00Z"));

        missing.Should().HaveCount(14);
        missing.Should().Contain("No response planned for 'disclosure of immediate risk during a session'.")
            .And.Contain("No co-facilitator named.")
            .And.Contain("No plan for holidays and facilitator absence.");
        missing[^1].Should().StartWith("Not signed off yet");
    }

    [Fact]
    public void A_complete_signed_off_assessment_has_nothing_missing_until_its_review_date_begins_in_the_groups_zone()
    {
        var r = SignedOff(new DateOnly(2027, 1, 31));

        ReadinessRules.Missing(r, 4, London, T("2027-01-30T23:59:59Z")).Should().BeEmpty();
        ReadinessRules.Missing(r, 4, London, T("2027-01-31T00:00Z")).Should().Equal(
            "Review date passed on 2027-01-31: a safeguarding lead must review the risk assessment and sign it off again.");
        ReadinessRules.SignOffGap(r, Sydney, T("2027-01-30T12:59:59Z")).Should().BeNull("Sydney reaches the 31st at 13:00 UTC on the 30th");
        ReadinessRules.SignOffGap(r, Sydney, T("2027-01-30T13:00Z")).Should().StartWith("Review date passed");
    }

    [Fact]
    public void Staff_are_told_two_weeks_ahead_that_the_review_date_is_coming()
    {
        var r = SignedOff(new DateOnly(2027, 1, 31));

        ReadinessRules.Notices(r, London, T("2027-01-16T12:00Z")).Should().BeEmpty();
        ReadinessRules.Notices(r, London, T("2027-01-17T12:00Z")).Should().Equal(
            "Review due by 2027-01-31 (in 14 days): from that day young people are kept out until a safeguarding lead signs it off again.");
        ReadinessRules.Notices(r, London, T("2027-01-30T12:00Z")).Single().Should().Contain("(tomorrow)");
        ReadinessRules.Notices(r, London, T("2027-01-31T00:00Z")).Should().BeEmpty("once it has passed it is missing, not coming");
    }

    [Fact]
    public void An_edit_after_sign_off_voids_it_whatever_the_review_date()
    {
        var r = SignedOff(new DateOnly(2027, 6, 1));
        r.Version = 2;
        r.VoidedAt = T("2027-02-03T23:30Z");

        ReadinessRules.Missing(r, 4, London, T("2027-02-04T00:00Z")).Should().Equal(
            "The sign-off was voided by an edit on 2027-02-03: a safeguarding lead must sign it off again.");
        ReadinessRules.SignedOffUntil(r, London).Should().BeNull();
    }

    [Fact]
    public void An_added_worst_case_needs_its_own_response_and_a_blank_response_does_not_count()
    {
        var r = Complete();
        r.Scenarios.Add(new RiskScenario { Scenario = "a member meets another offline", Response = "  " });
        r.Scenarios[5].Response = "";

        ReadinessRules.ContentGaps(r, 4).Should().Equal(
            "No response planned for 'technical outage'.",
            "No response planned for 'a member meets another offline'.");
    }

    [Fact]
    public void A_named_facilitator_needs_their_training_recorded()
    {
        var r = Complete();
        r.FacilitatorTraining = null;
        r.CoFacilitatorId = null;
        r.CoFacilitatorTraining = null;

        ReadinessRules.ContentGaps(r, 4).Should().Equal("The facilitator's training is not recorded.", "No co-facilitator named.");
    }
}
