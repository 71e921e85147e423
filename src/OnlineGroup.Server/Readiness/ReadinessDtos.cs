using OnlineGroup.Server.Chat;

namespace OnlineGroup.Server.Readiness;

public sealed record ScenarioDto(string Scenario, string? Response, bool Standard);

public sealed record FacilitatorDto(string UserId, string? DisplayName, string? Training);

/// <summary>The risk assessment and everything else a group needs before it opens, as staff edit it.</summary>
public sealed record AssessmentDto(
    IReadOnlyList<ScenarioDto> Scenarios,
    string? Aims,
    FacilitatorDto? Facilitator,
    FacilitatorDto? CoFacilitator,
    string? SafeguardingCover,
    string? Supervision,
    string? AbsencePlan,
    string? HouseRules,
    int HouseRulesVersion,
    IReadOnlyList<string> Genders);

/// <param name="Current">Still holds: not voided by an edit and the review date not reached.</param>
public sealed record SignOffDto(string SignedOffBy, string? SignedOffByName, DateTimeOffset SignedOffAt, int Version, DateOnly? ReviewBy,
    bool Current, DateTimeOffset? VoidedAt, string? VoidedBy);

/// <param name="Ready">The sign-off holds now.</param>
/// <param name="Required">Groups:RequireReadiness: without a current sign-off young people are kept out.</param>
/// <param name="Missing">What stops the group opening, in plain words; empty when ready.</param>
public sealed record ReadinessDto(string GroupId, int Version, bool Ready, bool Required, AssessmentDto Assessment, SignOffDto? SignOff,
    IReadOnlyList<string> Missing, DateTimeOffset? UpdatedAt, string? UpdatedBy);

public sealed record ScenarioInput(string? Scenario, string? Response);

public sealed record FacilitatorInput(string? UserId, string? Training);

/// <summary>The whole assessment (it replaces the stored one). <c>version</c>: the version you loaded, to refuse overwriting someone else's edit.</summary>
public sealed record PutReadinessRequest(
    int? Version,
    IReadOnlyList<ScenarioInput?>? Scenarios,
    string? Aims,
    FacilitatorInput? Facilitator,
    FacilitatorInput? CoFacilitator,
    string? SafeguardingCover,
    string? Supervision,
    string? AbsencePlan,
    string? HouseRules,
    IReadOnlyList<string?>? Genders);

/// <summary><c>reviewBy</c>: a date in the group's zone; the sign-off holds until that day begins. <c>version</c>: the version reviewed.</summary>
public sealed record SignOffRequest(DateOnly? ReviewBy, int? Version);

/// <summary>What a young person reads before redeeming an invitation: nothing about other members.</summary>
public sealed record InvitationDto(string GroupName, string? Aims, string? HouseRules, int HouseRulesVersion, SessionWindow? NextSession);

public sealed record HouseRulesDto(string GroupId, string GroupName, string? Aims, string? HouseRules, int HouseRulesVersion,
    int? AgreedVersion, DateTimeOffset? AgreedAt, bool MustAgree);

/// <summary><c>houseRulesVersion</c>: the version read; refused if the rules changed since.</summary>
public sealed record AgreementRequest(int? HouseRulesVersion);
