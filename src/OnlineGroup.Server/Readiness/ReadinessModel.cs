namespace OnlineGroup.Server.Data;

/// <summary>
/// A group's readiness to run: the risk assessment (worst cases and planned responses), the named
/// facilitators and their training, safeguarding cover, supervision, the plan for holidays and absence,
/// the house rules and any gender limits, with a safeguarding lead's sign-off. One row per group.
/// </summary>
public sealed class GroupReadiness
{
    public required string GroupId { get; init; }

    /// <summary>Bumped by every edit that changes something; a sign-off is for one version.</summary>
    public int Version { get; set; }

    public List<RiskScenario> Scenarios { get; set; } = [];
    public string? FacilitatorId { get; set; }
    public string? FacilitatorTraining { get; set; }
    public string? CoFacilitatorId { get; set; }
    public string? CoFacilitatorTraining { get; set; }
    public string? SafeguardingCover { get; set; }
    public string? Supervision { get; set; }
    public string? AbsencePlan { get; set; }
    public string? HouseRules { get; set; }

    /// <summary>Bumped when the house rules' text changes; members agree to one version.</summary>
    public int HouseRulesVersion { get; set; }

    /// <summary>The genders (as young people describe themselves) the group is for; empty: open to all.</summary>
    public List<string> Genders { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    public string? SignedOffBy { get; set; }
    public DateTimeOffset? SignedOffAt { get; set; }
    public int? SignedOffVersion { get; set; }

    /// <summary>A date in the group's zone: the sign-off holds until that day begins.</summary>
    public DateOnly? ReviewBy { get; set; }

    public DateTimeOffset? VoidedAt { get; set; }
    public string? VoidedBy { get; set; }
}

/// <summary>One worst case the service considered, and how it will respond.</summary>
public sealed class RiskScenario
{
    public required string Scenario { get; set; }
    public string? Response { get; set; }
}
