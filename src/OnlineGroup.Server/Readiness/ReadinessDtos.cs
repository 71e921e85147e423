using OnlineGroup.Server.Chat;

namespace OnlineGroup.Server.Readiness;

public sealed record ScenarioDto(string Scenario, string? Response, bool Standard);

public sealed record FacilitatorDto(string UserId, string? DisplayName, string? Training);

/// <summary>
/// The risk assessment and everything else a group needs before it opens, as staff edit it. <c>aims</c> are
/// the group's aims, shown here and edited with <c>PUT /api/groups/{id}/aims</c>.
/// </summary>
public sealed record AssessmentDto(
    IReadOnlyList<ScenarioDto> Scenarios,
    IReadOnlyList<string> Aims,
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
/// <param name="Notices">What will stop it soon (a review date within two weeks).</param>
public sealed record ReadinessDto(string GroupId, int Version, bool Ready, bool Required, AssessmentDto Assessment, SignOffDto? SignOff,
    IReadOnlyList<string> Missing, IReadOnlyList<string> Notices, DateTimeOffset? UpdatedAt, string? UpdatedBy);

public sealed record ScenarioInput(string? Scenario, string? Response);

public sealed record FacilitatorInput(string? UserId, string? Training);

/// <summary>
/// The whole assessment (it replaces the stored one). <c>version</c>: the version you loaded, to refuse
/// overwriting someone else's edit. <c>confirmVoid</c>: save even though a session is in progress and the
/// change voids its sign-off (young people are then kept out until a lead signs it off again).
/// </summary>
public sealed record PutReadinessRequest(
    int? Version,
    bool? ConfirmVoid,
    IReadOnlyList<ScenarioInput?>? Scenarios,
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
public sealed record InvitationDto(string GroupName, IReadOnlyList<string> Aims, string? HouseRules, int HouseRulesVersion, SessionWindow? NextSession);

public sealed record HouseRulesDto(string GroupId, string GroupName, IReadOnlyList<string> Aims, string? HouseRules, int HouseRulesVersion,
    int? AgreedVersion, DateTimeOffset? AgreedAt, bool MustAgree);

/// <summary><c>houseRulesVersion</c>: the version read; refused if the rules changed since.</summary>
public sealed record AgreementRequest(int? HouseRulesVersion);
