namespace OnlineGroup.Server.Facilitators;

/// <param name="Wellbeing">How you are: 1 (struggling) to 5 (fine).</param>
/// <param name="SessionStartsAt">The session this is about, when known.</param>
public sealed record DebriefRequest(string? GroupId, DateTimeOffset? SessionStartsAt, int? Wellbeing, string? Handover, bool? NeedsSupervision);

public sealed record DebriefDto(string DebriefId, string GroupId, string GroupName, string UserId, string DisplayName, DateTimeOffset? SessionStartsAt,
    int Wellbeing, string? Handover, bool NeedsSupervision, DateTimeOffset SubmittedAt);

public sealed record SupervisionRequestInput(string? GroupId, string? Note);

public sealed record SupervisionRequestDto(string RequestId, string GroupId, string GroupName, string UserId, string DisplayName, string? DebriefId,
    string? Note, DateTimeOffset RequestedAt, DateTimeOffset? ResolvedAt, string? ResolvedBy);

public sealed record GroupHoursDto(string GroupId, string GroupName, string Week, double Hours);

/// <param name="Hours">This week, with time in two rooms at once counted once.</param>
/// <param name="Estimated">A server stopped abruptly during some visits; they are counted up to its last check (within a few minutes).</param>
public sealed record FacilitatorHoursDto(string UserId, string DisplayName, double Hours, bool AboveWarning, string? Warning, bool Estimated,
    IReadOnlyList<GroupHoursDto> Groups);

public sealed record HoursDto(double WarningAbove, IReadOnlyList<FacilitatorHoursDto> Facilitators);

/// <summary>Time with a group since your last debrief for it.</summary>
public sealed record DebriefDueDto(string GroupId, string GroupName, DateTimeOffset PresentFrom, DateTimeOffset PresentUntil, int Minutes);

/// <summary>A facilitator's own view: hours this week, debriefs due, and their open requests for supervision.</summary>
public sealed record MyFacilitationDto(FacilitatorHoursDto Hours, double WarningAbove, IReadOnlyList<DebriefDueDto> DebriefsDue,
    IReadOnlyList<SupervisionRequestDto> OpenSupervisionRequests);
