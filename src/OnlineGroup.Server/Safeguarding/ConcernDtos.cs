using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Safeguarding;

public static class ConcernStatus
{
    public const string Raised = "raised";
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";
}

public static class ConcernSources
{
    /// <summary>The safeguarding scan flagged, held or blocked a young person's message.</summary>
    public const string Scan = "scan";
    /// <summary>A young person reported a message ("I'm worried about someone").</summary>
    public const string Report = "report";
    /// <summary>A moderator escalated a message.</summary>
    public const string Moderator = "moderator";
}

/// <summary>What a history entry records.</summary>
public static class ConcernEntryKinds
{
    public const string Raised = "raised";
    public const string Escalated = "escalated";
    public const string Acknowledged = "acknowledged";
    public const string Note = "note";
    public const string Resolved = "resolved";
}

public static class ConcernLimits
{
    public const int MaxNoteLength = 4000;
    public const int MaxReasonLength = 500;
    /// <summary>How many visible messages before the one of concern its transcript keeps.</summary>
    public const int TranscriptBefore = 10;
    public const int MaxEscalationLevel = 2;
}

/// <summary>One message as it stood in a concern's transcript.</summary>
public sealed record TranscriptLine(string MessageId, long? Seq, string AuthorId, string AuthorName, string AuthorRole, string Text,
    DateTimeOffset SentAt, string Status, bool OfConcern)
{
    public static TranscriptLine From(Message m, bool ofConcern = false) =>
        new(m.Id, m.Seq, m.AuthorMemberId ?? m.AuthorAccountId, m.AuthorName, m.AuthorRole, m.Text, m.SentAt, m.Status, ofConcern);
}

/// <summary>The answer to <c>ReportMessage</c> and <c>EscalateMessage</c>.</summary>
public sealed record ConcernCreated(string ConcernId);

public sealed record ScanRequest(string? Text);

public sealed record ScanAnswer(string Action, string Severity, IReadOnlyList<string> Categories);

public sealed record NoteRequest(string? Text);

public sealed record ResolveRequest(string? Outcome);

/// <summary>A concern in a list: enough to triage, no transcript.</summary>
public sealed record ConcernSummaryDto(
    string ConcernId,
    string GroupId,
    string? GroupName,
    string Severity,
    IReadOnlyList<string> Categories,
    string Status,
    string Source,
    string? Action,
    string? MessageId,
    string? MemberId,
    string? MemberName,
    DateTimeOffset RaisedAt,
    int EscalationLevel,
    DateTimeOffset? DueAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ResolvedAt);

public sealed record ConcernHistoryDto(string Kind, DateTimeOffset At, string ActorId, string ActorRole, string? ActorName, int? Level, string? Text);

public sealed record ConcernNotificationDto(string Kind, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt, int Attempts, string? LastError);

/// <summary>An earlier (or later) concern about the same young person: ids, severity and dates only.</summary>
public sealed record RiskTimelineEntry(string ConcernId, string GroupId, string Severity, string Status, DateTimeOffset RaisedAt, int EscalationLevel);

/// <summary>Who raised a peer report or escalation: for staff only.</summary>
public sealed record RaisedByDto(string AccountId, string? MemberId, string? DisplayName, string Role);

/// <summary>One concern with everything a lead needs to act on it.</summary>
public sealed record ConcernDetailDto(
    ConcernSummaryDto Concern,
    RaisedByDto? RaisedBy,
    string? ReportReason,
    string? AcknowledgedBy,
    string? ResolvedBy,
    string? Outcome,
    IReadOnlyList<TranscriptLine> Transcript,
    IReadOnlyList<ConcernHistoryDto> History,
    IReadOnlyList<ConcernNotificationDto> Notifications,
    IReadOnlyList<RiskTimelineEntry> RiskTimeline);

public static class ConcernMapping
{
    public static IReadOnlyList<string> CategoriesOf(Concern c) =>
        string.IsNullOrEmpty(c.Categories) ? [] : c.Categories.Split(',');

    public static ConcernEvent ToEvent(Concern c) =>
        new(c.Id, c.GroupId, c.Severity, CategoriesOf(c), c.Status, c.MessageId, c.MemberId, c.RaisedAt, c.EscalationLevel);

    public static ConcernSummaryDto ToSummary(Concern c, string? groupName, string? memberName) =>
        new(c.Id, c.GroupId, groupName, c.Severity, CategoriesOf(c), c.Status, c.Source, c.Action, c.MessageId, c.MemberId, memberName,
            c.RaisedAt, c.EscalationLevel, c.DueAt, c.AcknowledgedAt, c.ResolvedAt);

    public static string Lower(ScanAction action) => action switch
    {
        ScanAction.Allow => "allow",
        ScanAction.Flag => "flag",
        ScanAction.Hold => "hold",
        _ => "block",
    };

    public static string Lower(Severity severity) => severity switch
    {
        Severity.None => "none",
        Severity.Low => "low",
        Severity.Medium => "medium",
        Severity.High => "high",
        _ => "critical",
    };

    public static Severity? ParseSeverity(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        "LOW" => Severity.Low,
        "MEDIUM" => Severity.Medium,
        "HIGH" => Severity.High,
        "CRITICAL" => Severity.Critical,
        _ => null,
    };

    /// <summary>High and critical concerns carry an acknowledgement deadline.</summary>
    public static bool HasDeadline(string severity) => severity is "high" or "critical";
}
