namespace OnlineGroup.Server.Data;

// The stored shape of the product. Each feature owns the behaviour around its entities; they sit
// together here so the schema (and its migrations, one set per provider) reads in one place.

/// <summary>Anyone who can sign in: staff (admin, moderator, safeguarding) and young people (participant).</summary>
public sealed class Account
{
    public required string Id { get; init; }
    public required string Username { get; set; }
    public required string NormalizedUsername { get; set; }
    public required string PasswordHash { get; set; }
    public required string DisplayName { get; set; }
    public required string Role { get; set; }
    public bool Disabled { get; set; }
    /// <summary>Bumped to revoke every token issued before it (disable, password change).</summary>
    public int TokenVersion { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}

public sealed class Group
{
    public required string Id { get; init; }
    public required string Name { get; set; }
    public required string TimeZone { get; set; }
    public int Capacity { get; set; }
    public int MinAge { get; set; }
    public int MaxAge { get; set; }
    public bool AllowSupporters { get; set; }
    public bool RequireModerator { get; set; } = true;
    public int MinModerators { get; set; } = 1;
    public bool Premoderate { get; set; }
    public string? ClosedMessage { get; set; }
    /// <summary>The last <c>seq</c> handed out; advanced inside the transaction that stores messages.</summary>
    public long LastSeq { get; set; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A staff member's duty in one group: moderator, safeguardingLead or deputyLead.</summary>
public sealed class GroupStaff
{
    public required string GroupId { get; init; }
    public required string AccountId { get; init; }
    public required string Duty { get; init; }
    public DateTimeOffset AssignedAt { get; init; }
}

/// <summary>A young person's place in a group. The account is linked when the invitation is redeemed.</summary>
public sealed class Member
{
    public required string Id { get; init; }
    public required string GroupId { get; init; }
    public string? AccountId { get; set; }
    public required string DisplayName { get; set; }
    public int Age { get; set; }
    public required string Kind { get; set; }
    public required string Status { get; set; }
    /// <summary>SHA-256 of the invitation code: the code is a credential, so only its hash is kept.</summary>
    public required string InviteCodeHash { get; set; }
    public DateTimeOffset? RedeemedAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>How the young person describes their gender: kept only for a group with gender limits, never shown to peers.</summary>
    public string? Gender { get; set; }
    /// <summary>The version of the house rules the young person last agreed to, and when.</summary>
    public int? AgreedRulesVersion { get; set; }
    public DateTimeOffset? AgreedRulesAt { get; set; }
}

public sealed class Message
{
    public required string Id { get; init; }
    public required string GroupId { get; init; }
    /// <summary>Position in the group's visible history; set only once the message is published.</summary>
    public long? Seq { get; set; }
    public required string AuthorAccountId { get; init; }
    public string? AuthorMemberId { get; init; }
    public required string AuthorName { get; init; }
    public required string AuthorRole { get; init; }
    public required string ClientMessageId { get; init; }
    public required string Text { get; init; }
    public DateTimeOffset SentAt { get; init; }
    public required string Status { get; set; }
    public string? Reason { get; set; }
    public string? Severity { get; set; }
    public string? Categories { get; set; }
    public DateTimeOffset? RemovedAt { get; set; }
    public string? RemovedBy { get; set; }
    public string? RemovedReason { get; set; }
}

public sealed class WeeklySession
{
    public required string Id { get; init; }
    public required string GroupId { get; init; }
    public DayOfWeek Day { get; init; }
    public TimeOnly Start { get; init; }
    public TimeOnly End { get; init; }
}

public sealed class OneOffSession
{
    public required string Id { get; init; }
    public required string GroupId { get; init; }
    public DateTimeOffset StartsAt { get; init; }
    public DateTimeOffset EndsAt { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

public sealed class Closure
{
    public required string Id { get; init; }
    public required string GroupId { get; init; }
    public DateTimeOffset From { get; init; }
    public DateTimeOffset To { get; init; }
    public required string Reason { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>One line of the append-only audit trail: who did what to what, when and why.</summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public string? GroupId { get; init; }
    public required string ActorId { get; init; }
    public required string ActorRole { get; init; }
    public required string Action { get; init; }
    public string? TargetType { get; init; }
    public string? TargetId { get; init; }
    public string? Reason { get; init; }
    /// <summary>Extra facts as JSON (ids, counts, settings) — never a young person's message text.</summary>
    public string? Data { get; init; }
    public DateTimeOffset At { get; init; }
}
