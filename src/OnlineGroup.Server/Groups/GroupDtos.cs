namespace OnlineGroup.Server.Groups;

public sealed record CreateGroupRequest(
    string? Name,
    string? TimeZone,
    int? Capacity,
    int? MinAge,
    int? MaxAge,
    bool? AllowSupporters,
    bool? RequireModerator,
    int? MinModerators,
    bool? Premoderate,
    string? ClosedMessage);

public sealed record GroupDto(
    string Id,
    string Name,
    string TimeZone,
    int Capacity,
    int MinAge,
    int MaxAge,
    bool AllowSupporters,
    bool RequireModerator,
    int MinModerators,
    bool Premoderate,
    string? ClosedMessage,
    DateTimeOffset CreatedAt)
{
    public static GroupDto From(Data.Group g) => new(g.Id, g.Name, g.TimeZone, g.Capacity, g.MinAge, g.MaxAge,
        g.AllowSupporters, g.RequireModerator, g.MinModerators, g.Premoderate, g.ClosedMessage, g.CreatedAt);
}

public sealed record AssignStaffRequest(string? UserId, string? Duty);

/// <summary><c>gender</c>: how the young person describes themself; needed (and kept) only for a group with gender limits.</summary>
public sealed record AddMemberRequest(string? DisplayName, int? Age, string? Kind, string? Gender = null);

public sealed record AddMemberResponse(string MemberId, string InviteCode, string Status, int? WaitlistPosition);

public sealed record CreateSessionRequest(DateTimeOffset? StartsAt, DateTimeOffset? EndsAt);

public sealed record OneOffSessionDto(string Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

public sealed record MemberDto(string MemberId, string DisplayName, int Age, string Kind, string Status, bool Redeemed, DateTimeOffset CreatedAt);

public sealed record StaffDutyDto(string UserId, string DisplayName, string Role, string Duty);
