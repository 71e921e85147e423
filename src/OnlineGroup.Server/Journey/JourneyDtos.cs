namespace OnlineGroup.Server.Journey;

public sealed record AimDto(string AimId, string Text, int Position);

public sealed record AimInput(string? AimId, string? Text);

/// <summary><c>PUT /api/groups/{id}/aims</c>: the whole list, in order. Items with an <c>aimId</c> keep it (and their goals); those left out are retired.</summary>
public sealed record PutAimsRequest(IReadOnlyList<AimInput>? Aims);

public sealed record GoalRequest(string? AimId, string? Text);

public sealed record GoalDto(string GoalId, string MemberId, string AimId, string Aim, string Text, DateTimeOffset CreatedAt, int? LatestScore);

public sealed record CheckInRequest(string? GoalId, int? Score, string? Note);

public sealed record CheckInDto(string CheckInId, string GoalId, int Score, string? Note, DateTimeOffset At);

public sealed record ProgressPoint(string CheckInId, DateTimeOffset At, int Score, string? Note);

public sealed record GoalProgress(string GoalId, string AimId, string Aim, string Text, DateTimeOffset CreatedAt, IReadOnlyList<ProgressPoint> CheckIns);

/// <summary>A member's progress against their goals: what the chart draws, as data.</summary>
public sealed record ProgressDto(string GroupId, string GroupName, string MemberId, string DisplayName, IReadOnlyList<GoalProgress> Goals);

public sealed record ExitRequest(string? Plan, string? Note);

public sealed record ExitDto(string ExitId, string GroupId, string MemberId, string Plan, string? Note, DateTimeOffset ExitedAt,
    IReadOnlyList<FollowUpDto> FollowUps, IReadOnlyList<string> PlacesOfferedTo);

public sealed record FollowUpDto(string FollowUpId, string GroupId, string MemberId, string DisplayName, string Plan, DateTimeOffset ExitedAt,
    int Week, DateTimeOffset DueAt, bool Due, DateTimeOffset? NotifiedAt, DateTimeOffset? DoneAt, string? DoneBy, string? Note);

public sealed record DoneRequest(string? Note);

public static class ExitPlans
{
    public const string MovingOn = "movingOn";
    public const string ReferredElsewhere = "referredElsewhere";
    public const string Paused = "paused";

    public static readonly IReadOnlyList<string> All = [MovingOn, ReferredElsewhere, Paused];
}
