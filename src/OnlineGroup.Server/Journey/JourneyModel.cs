using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Journey;

namespace OnlineGroup.Server.Data;

/// <summary>
/// A young person's place on a group's waiting list. <see cref="Position"/> is the explicit order staff
/// control (1 is offered the next free place); it is kept dense (1..n) by every change to the list.
/// </summary>
public sealed class WaitlistPlace
{
    public required string MemberId { get; init; }
    public required string GroupId { get; init; }
    public int Position { get; set; }
    public DateTimeOffset WaitingSince { get; init; }
}

/// <summary>One of a group's aims ("Better help seeking"). Retired rather than deleted: goals point at it.</summary>
public sealed class GroupAim
{
    public required string Id { get; init; }
    public required string GroupId { get; init; }
    public required string Text { get; set; }
    public int Position { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A member's personal goal under one of the group's aims, in their own words.</summary>
public sealed class Goal
{
    public required string Id { get; init; }
    public required string GroupId { get; init; }
    public required string MemberId { get; init; }
    public required string AimId { get; init; }
    public required string Text { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A short check-in against a goal: how it is going (1–5) and, if they like, a note.</summary>
public sealed class CheckIn
{
    public required string Id { get; init; }
    public required string GroupId { get; init; }
    public required string MemberId { get; init; }
    public required string GoalId { get; init; }
    public int Score { get; init; }
    public string? Note { get; init; }
    public DateTimeOffset At { get; init; }
}

/// <summary>How a young person left a group, recorded by staff with the plan for what comes next.</summary>
public sealed class MemberExit
{
    public required string Id { get; init; }
    public required string GroupId { get; init; }
    public required string MemberId { get; init; }
    /// <summary><see cref="ExitPlans"/>: movingOn, referredElsewhere or paused.</summary>
    public required string Plan { get; init; }
    /// <summary>Staff's note (kept for staff; the young person sees it in their own data export).</summary>
    public string? Note { get; init; }
    /// <summary>What the member's status was before (active or waitlisted).</summary>
    public required string PreviousStatus { get; init; }
    public required string RecordedBy { get; init; }
    public DateTimeOffset ExitedAt { get; init; }
}

/// <summary>A reminder to the group's staff to check in with a young person some weeks after they left.</summary>
public sealed class FollowUp
{
    public required string Id { get; init; }
    public required string GroupId { get; init; }
    public required string MemberId { get; init; }
    public required string ExitId { get; init; }
    public int Week { get; init; }
    public DateTimeOffset DueAt { get; init; }
    /// <summary>When staff were told it is due (hub event, and the webhook when one is configured).</summary>
    public DateTimeOffset? NotifiedAt { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public string? DoneBy { get; set; }
    public string? DoneNote { get; set; }
}

public static class JourneyModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<WaitlistPlace>(e =>
        {
            e.HasKey(w => w.MemberId);
            e.HasIndex(w => new { w.GroupId, w.Position });
        });
        modelBuilder.Entity<GroupAim>(e =>
        {
            e.HasIndex(a => new { a.GroupId, a.Position });
            e.Property(a => a.Text).HasMaxLength(JourneyLimits.MaxAimLength);
        });
        modelBuilder.Entity<Goal>(e =>
        {
            e.HasIndex(g => new { g.GroupId, g.MemberId });
            e.Property(g => g.Text).HasMaxLength(JourneyLimits.MaxGoalLength);
        });
        modelBuilder.Entity<CheckIn>(e =>
        {
            e.HasIndex(c => new { c.GroupId, c.MemberId, c.At });
            e.HasIndex(c => c.GoalId);
            e.Property(c => c.Note).HasMaxLength(JourneyLimits.MaxNoteLength);
        });
        modelBuilder.Entity<MemberExit>(e =>
        {
            e.HasIndex(x => new { x.GroupId, x.MemberId });
            e.Property(x => x.Plan).HasMaxLength(32);
            e.Property(x => x.PreviousStatus).HasMaxLength(16);
            e.Property(x => x.Note).HasMaxLength(JourneyLimits.MaxNoteLength);
        });
        modelBuilder.Entity<FollowUp>(e =>
        {
            e.HasIndex(f => new { f.GroupId, f.DoneAt, f.DueAt });
            e.HasIndex(f => new { f.NotifiedAt, f.DueAt });
            e.HasIndex(f => f.MemberId);
            e.Property(f => f.DoneNote).HasMaxLength(JourneyLimits.MaxNoteLength);
        });
    }
}
