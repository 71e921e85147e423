using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Schedule;

/// <summary>
/// A moderator's change to the end of one session (<c>ExtendSession</c>, <c>EndSession</c>), named by the
/// session's start. Read back oldest first into <see cref="SessionOverride"/>s: the last one for a session wins.
/// </summary>
public sealed class SessionChange
{
    /// <summary>Increasing: the order changes were made in, even within one clock tick.</summary>
    public long Id { get; init; }
    public required string GroupId { get; init; }
    public DateTimeOffset SessionStartsAt { get; init; }
    /// <summary>The session's new end; null puts the scheduled end back.</summary>
    public DateTimeOffset? EndsAt { get; init; }
    /// <summary><see cref="SessionChangeKinds.Extended"/> or <see cref="SessionChangeKinds.Ended"/>.</summary>
    public required string Kind { get; init; }
    public required string CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

public static class SessionChangeKinds
{
    public const string Extended = "extended";
    public const string Ended = "ended";
}

/// <summary>
/// What the session clock last announced for a group: the opening it said was in progress (null when it
/// last said closed), when that opening closes, and the closing time it has warned about. Updated in the
/// same transaction as the open/close audit entries, so a restart neither repeats nor loses an announcement.
/// </summary>
public sealed class SessionProgress
{
    public required string GroupId { get; init; }
    public DateTimeOffset? OpenedAt { get; set; }
    public DateTimeOffset? ClosesAt { get; set; }
    public DateTimeOffset? WarnedFor { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The schedule's part of the schema.</summary>
public static class ScheduleModel
{
    public const int MaxClosureReasonLength = 500;

    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<SessionChange>(e =>
        {
            e.HasIndex(c => new { c.GroupId, c.Id });
            e.Property(c => c.Kind).HasMaxLength(16);
        });
        modelBuilder.Entity<SessionProgress>().HasKey(p => p.GroupId);
        modelBuilder.Entity<Closure>().Property(c => c.Reason).HasMaxLength(MaxClosureReasonLength);
    }
}
