using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Records;

namespace OnlineGroup.Server.Data;

/// <summary>A young person admitted to a group's live chat: who attended a session, for its handover report.</summary>
public sealed class SessionAttendance
{
    public long Id { get; init; }
    public required string GroupId { get; init; }
    public required string MemberId { get; init; }
    /// <summary>The session they were admitted to (null: admitted while no session was open, e.g. a paused group).</summary>
    public DateTimeOffset? SessionStartsAt { get; init; }
    public DateTimeOffset AdmittedAt { get; init; }
}

/// <summary>A moderator's note for the next shift about one session.</summary>
public sealed class HandoverNote
{
    public required string Id { get; init; }
    public required string GroupId { get; init; }
    public DateTimeOffset SessionStartsAt { get; init; }
    public required string AuthorId { get; init; }
    public required string AuthorName { get; init; }
    public required string Text { get; init; }
    public DateTimeOffset At { get; init; }
}

/// <summary>What happened in one session, built when it closes, for the group's staff.</summary>
public sealed class HandoverReport
{
    public required string Id { get; init; }
    public required string GroupId { get; init; }
    public DateTimeOffset SessionStartsAt { get; init; }
    public DateTimeOffset SessionEndsAt { get; set; }
    public DateTimeOffset BuiltAt { get; set; }
    /// <summary>JSON of <see cref="HandoverContent"/>: ids, names and counts, never message text.</summary>
    public required string Content { get; set; }
}

/// <summary>How far a group's chat has been purged by retention: messages up to this seq are gone.</summary>
public sealed class ChatRetentionMark
{
    public required string GroupId { get; init; }
    public long PurgedThroughSeq { get; set; }
    public int KeepDays { get; set; }
    public DateTimeOffset PurgedAt { get; set; }
}

public static class RecordsModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SessionAttendance>(e =>
        {
            e.HasIndex(a => new { a.GroupId, a.AdmittedAt });
            e.HasIndex(a => a.MemberId);
        });
        modelBuilder.Entity<HandoverNote>(e =>
        {
            e.HasIndex(n => new { n.GroupId, n.SessionStartsAt });
            e.Property(n => n.AuthorName).HasMaxLength(64);
            e.Property(n => n.Text).HasMaxLength(RecordsLimits.MaxNoteLength);
        });
        modelBuilder.Entity<HandoverReport>(e =>
        {
            // One report per session: building it again (a retried close) replaces it.
            e.HasIndex(r => new { r.GroupId, r.SessionStartsAt }).IsUnique();
        });
        modelBuilder.Entity<ChatRetentionMark>().HasKey(r => r.GroupId);
        // The subject access export finds audit entries about one person.
        modelBuilder.Entity<AuditEntry>().HasIndex(a => new { a.TargetType, a.TargetId });
        // The risk timeline finds one young person's flagged and withheld messages. Only those are in the
        // index (its filter is the timeline's condition, word for word, so SQLite can use it): an index
        // of every message would cost the writer a page per message for a page staff open now and then.
        // The nightly retention job reads the whole table instead of an index on SentAt, for the same reason.
        modelBuilder.Entity<Message>().HasIndex(m => m.AuthorMemberId).HasFilter(RiskTimeline.FlaggedOrWithheldSql);
    }
}
