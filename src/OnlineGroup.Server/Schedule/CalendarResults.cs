namespace OnlineGroup.Server.Schedule;

/// <summary>The values of <see cref="SessionOccurrence.Kind"/>, as the contract spells them.</summary>
public static class SessionKinds
{
    public const string Weekly = "weekly";
    public const string OneOff = "oneOff";
}

/// <summary>
/// One session on the calendar, in UTC. <see cref="EndsAt"/> is the effective end after moderators'
/// overrides (the scheduled end for a cancelled session). <see cref="Reason"/> is the closure's reason
/// when <see cref="Cancelled"/>, otherwise null.
/// </summary>
public sealed record SessionOccurrence(DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Kind, bool Cancelled, string? Reason);

/// <summary>
/// The calendar at one instant. <see cref="Current"/> is the session in progress (open from its start
/// inclusive to its end exclusive); <see cref="ClosesAt"/> is when the group next closes, later than
/// <c>Current.EndsAt</c> only when another session overlaps or follows on without a gap.
/// <see cref="Next"/> is the first session that is not cancelled starting after that instant (within
/// <see cref="SessionCalendar.NextSessionHorizon"/>). <see cref="Closure"/> is the closure in force at that
/// instant, if any, even while a one-off inside it is open.
/// </summary>
public sealed record CalendarState(SessionOccurrence? Current, DateTimeOffset? ClosesAt, SessionOccurrence? Next, ClosureSlot? Closure)
{
    public bool IsOpen => Current is not null;
}

/// <summary>What happens at a <see cref="CalendarEvent"/>, in the order they happen within one opening.</summary>
public enum CalendarEventKind
{
    Opens,
    ClosingWarning,
    Closes,
}

/// <summary>
/// Something that happens at an instant: the group opens, is warned that it closes soon, or closes.
/// <see cref="OpensAt"/> and <see cref="ClosesAt"/> bound the opening it belongs to (for the
/// <c>SessionEnding</c> payload's <c>closesAt</c>).
/// </summary>
public sealed record CalendarEvent(DateTimeOffset At, CalendarEventKind Kind, DateTimeOffset OpensAt, DateTimeOffset ClosesAt);
