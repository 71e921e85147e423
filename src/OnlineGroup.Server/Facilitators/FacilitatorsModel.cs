namespace OnlineGroup.Server.Data;

/// <summary>A moderator in a group's live room, from joining to leaving (open while they are there).</summary>
public sealed class StaffPresence
{
    public long Id { get; init; }
    public required string GroupId { get; init; }
    public required string AccountId { get; init; }
    public DateTimeOffset JoinedAt { get; init; }
    public DateTimeOffset? LeftAt { get; set; }

    /// <summary>The server process that saw them join (each instance closes only its own).</summary>
    public required string Instance { get; init; }

    /// <summary>When that server last confirmed they were still there (it does so every minute).</summary>
    public DateTimeOffset SeenAt { get; set; }

    /// <summary>The server stopped without seeing them leave: the visit was closed at its last confirmation.</summary>
    public bool EndEstimated { get; set; }
}

/// <summary>A facilitator's few words after a session: how they are, what to hand over. Seen by them and their supervisor only.</summary>
public sealed class Debrief
{
    public required string Id { get; init; }
    public required string GroupId { get; init; }
    public required string AccountId { get; init; }
    public DateTimeOffset? SessionStartsAt { get; init; }
    /// <summary>How they are, 1 (struggling) to 5 (fine).</summary>
    public int Wellbeing { get; init; }
    public string? Handover { get; init; }
    public bool NeedsSupervision { get; init; }
    public DateTimeOffset SubmittedAt { get; init; }
}

/// <summary>A facilitator asking for a supervision conversation (from a debrief, or on its own), until a supervisor has it.</summary>
public sealed class SupervisionRequest
{
    public required string Id { get; init; }
    public required string GroupId { get; init; }
    public required string AccountId { get; init; }
    public string? DebriefId { get; init; }
    public string? Note { get; init; }
    public DateTimeOffset RequestedAt { get; init; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
}
