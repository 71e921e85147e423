using Microsoft.EntityFrameworkCore;

namespace OnlineGroup.Server.Data;

/// <summary>
/// A group's live controls, set by its moderators: whether it is paused and how slow it runs. One row
/// per group, created the first time a moderator touches either; no row means open, no slow mode.
/// </summary>
public sealed class GroupControl
{
    public required string GroupId { get; init; }
    public bool Paused { get; set; }
    public DateTimeOffset? PausedAt { get; set; }
    public string? PausedBy { get; set; }
    public string? PauseReason { get; set; }
    /// <summary>Seconds a young person waits between messages; 0 is off.</summary>
    public int SlowModeSeconds { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A mute or a removal from the session, for one member of one group, until a time (or lifted sooner).</summary>
public sealed class MemberRestriction
{
    public required string Id { get; init; }
    public required string GroupId { get; init; }
    public required string MemberId { get; init; }
    /// <summary><see cref="Moderation.RestrictionKinds"/>: mute or removal.</summary>
    public required string Kind { get; init; }
    public DateTimeOffset Until { get; init; }
    public required string Reason { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LiftedAt { get; set; }
    public string? LiftedBy { get; set; }
}

/// <summary>
/// A private word between staff and one young person: a moderator's private message, or a young
/// person's request for a moderator. Part of the record; the text is a child's words, so it is stored, never logged.
/// </summary>
public sealed class BackchannelMessage
{
    public required string Id { get; init; }
    public required string GroupId { get; init; }
    /// <summary><see cref="Moderation.BackchannelKinds"/>: privateMessage or moderatorRequest.</summary>
    public required string Kind { get; init; }
    /// <summary>The young person it is to or from.</summary>
    public required string MemberId { get; init; }
    public required string AuthorAccountId { get; init; }
    public required string AuthorName { get; init; }
    public required string Text { get; init; }
    public DateTimeOffset SentAt { get; init; }
}

public static class ModerationModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<GroupControl>(e =>
        {
            e.HasKey(c => c.GroupId);
            e.Property(c => c.PauseReason).HasMaxLength(Moderation.ModerationLimits.MaxReasonLength);
        });
        modelBuilder.Entity<MemberRestriction>(e =>
        {
            e.HasIndex(r => new { r.GroupId, r.Until });
            e.Property(r => r.Kind).HasMaxLength(16);
            e.Property(r => r.Reason).HasMaxLength(Moderation.ModerationLimits.MaxReasonLength);
        });
        modelBuilder.Entity<BackchannelMessage>(e =>
        {
            e.HasIndex(b => new { b.GroupId, b.SentAt });
            e.Property(b => b.Kind).HasMaxLength(32);
            e.Property(b => b.Text).HasMaxLength(ChatLimits.MaxTextLength);
        });
    }
}
