using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Safeguarding;

namespace OnlineGroup.Server.Data;

/// <summary>
/// A safeguarding concern: raised by the scan, a peer report or a moderator; acknowledged and resolved
/// by safeguarding staff. Stored in the same transaction as what raised it, with the transcript frozen.
/// </summary>
public sealed class Concern
{
    public required string Id { get; init; }
    public required string GroupId { get; init; }
    public string? MessageId { get; init; }
    /// <summary>The young person the concern is about (their member id in the group).</summary>
    public string? MemberId { get; init; }
    /// <summary>Their account, so a lead sees earlier concerns about the same young person (the risk timeline).</summary>
    public string? SubjectAccountId { get; init; }
    /// <summary><see cref="ConcernSources"/>: the scan, a peer report or a moderator.</summary>
    public required string Source { get; init; }
    /// <summary>What the scan did with the message (flag, hold, block); null for reports and escalations.</summary>
    public string? Action { get; init; }
    public required string Severity { get; init; }
    /// <summary>Comma-separated categories.</summary>
    public required string Categories { get; init; }
    /// <summary><see cref="ConcernStatus"/>.</summary>
    public required string Status { get; set; }
    /// <summary>0: the group's leads; 1: also its deputy leads; 2: all safeguarding staff.</summary>
    public int EscalationLevel { get; set; }
    public DateTimeOffset RaisedAt { get; init; }
    /// <summary>When the next re-escalation falls due if nobody acknowledges; null when none will.</summary>
    public DateTimeOffset? DueAt { get; set; }
    /// <summary>The reporter (peer report) or moderator (escalation); staff see it, the reported young person never does.</summary>
    public string? RaisedBy { get; init; }
    public string? ReportReason { get; init; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public string? Outcome { get; set; }
    /// <summary>JSON: the messages around it as they were when it was raised (<see cref="TranscriptLine"/>).</summary>
    public required string Transcript { get; init; }
    /// <summary>Optimistic concurrency: a deadline run and an acknowledgement never both win.</summary>
    public int Version { get; set; }
}

/// <summary>One step in a concern's history: raised, escalated, acknowledged, a note, resolved.</summary>
public sealed class ConcernEntry
{
    public long Id { get; init; }
    public required string ConcernId { get; init; }
    public required string Kind { get; init; }
    public DateTimeOffset At { get; init; }
    public required string ActorId { get; init; }
    public required string ActorRole { get; init; }
    public string? ActorName { get; init; }
    public int? Level { get; init; }
    public string? Text { get; init; }
}

/// <summary>
/// The outbox: one outbound notification of a concern raised or escalated, stored with it and kept
/// until the receiver answers 2xx. <see cref="Key"/> is the Idempotency-Key sent on every attempt.
/// </summary>
public sealed class ConcernNotification
{
    public long Id { get; init; }
    public required string Key { get; init; }
    public required string ConcernId { get; init; }
    public required string Kind { get; init; }
    /// <summary>The JSON body, frozen when stored so that every retry sends the same bytes.</summary>
    public required string Payload { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>The outbox (one per running instance) that claimed it last, for diagnostics.</summary>
    public string? ClaimedBy { get; set; }
    /// <summary>
    /// While in the future, the claiming outbox is delivering it and no other instance may; a claim left by
    /// an instance that died runs out then and another takes the row over. Null when nobody holds it.
    /// </summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
}

public static class ConcernModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Concern>(e =>
        {
            e.HasIndex(c => new { c.Status, c.DueAt });
            e.HasIndex(c => new { c.GroupId, c.RaisedAt });
            e.HasIndex(c => c.SubjectAccountId);
            e.HasIndex(c => c.MessageId);
            e.Property(c => c.Source).HasMaxLength(16);
            e.Property(c => c.Action).HasMaxLength(16);
            e.Property(c => c.Severity).HasMaxLength(16);
            e.Property(c => c.Categories).HasMaxLength(1000);
            e.Property(c => c.Status).HasMaxLength(16);
            e.Property(c => c.ReportReason).HasMaxLength(ConcernLimits.MaxReasonLength);
            e.Property(c => c.Outcome).HasMaxLength(ConcernLimits.MaxNoteLength);
            e.Property(c => c.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<ConcernEntry>(e =>
        {
            e.HasIndex(x => new { x.ConcernId, x.Id });
            e.Property(x => x.Kind).HasMaxLength(16);
            e.Property(x => x.Text).HasMaxLength(ConcernLimits.MaxNoteLength);
        });
        modelBuilder.Entity<ConcernNotification>(e =>
        {
            e.HasIndex(n => n.Key).IsUnique();
            e.HasIndex(n => new { n.DeliveredAt, n.NextAttemptAt });
            e.HasIndex(n => n.ConcernId);
            e.Property(n => n.Key).HasMaxLength(64);
            e.Property(n => n.Kind).HasMaxLength(32);
            e.Property(n => n.LastError).HasMaxLength(200);
            e.Property(n => n.ClaimedBy).HasMaxLength(64);
        });
    }
}
