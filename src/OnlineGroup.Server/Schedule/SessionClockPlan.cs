namespace OnlineGroup.Server.Schedule;

/// <summary>
/// What the session clock last announced for a group: the opening it said is in progress (null
/// <see cref="OpenedAt"/> when it last said closed), when that opening closes, and the closing time it has
/// warned about.
/// </summary>
public readonly record struct Announced(DateTimeOffset? OpenedAt, DateTimeOffset? ClosesAt, DateTimeOffset? WarnedFor)
{
    public bool IsOpen => OpenedAt is not null;
}

/// <summary>
/// One step of the session clock: whether to announce a close, an open, a new closing time or a closing
/// warning (in that order), what is announced afterwards, and when to look again (null: nothing is coming).
/// </summary>
public sealed record ClockStep(bool Close, bool Open, bool ClosesAtChanged, bool Warn, Announced After, DateTimeOffset? WakeAt)
{
    public bool ChangesAnything => Close || Open || ClosesAtChanged || Warn;
}

/// <summary>
/// The session clock's decisions as a pure function: compare what the calendar says now with what was last
/// announced, and say what to announce. Triggers only say when to look; this says what is true, so a trigger
/// that fires late, twice, or after a restart does the right thing once.
/// </summary>
public static class SessionClockPlan
{
    public static ClockStep Plan(CalendarState truth, Announced before, DateTimeOffset now, TimeSpan closingWarning)
    {
        // The opening announced is still the one in progress if the session in progress began before it was
        // due to close: extended, shortened, or joined by a session that follows on without a gap.
        var sameRun = before.IsOpen && truth.Current is { } current && current.StartsAt <= before.ClosesAt;
        var close = before.IsOpen && !sameRun;
        var open = truth.IsOpen && !sameRun;
        var closesAtChanged = false;
        var after = close ? default : before;
        if (open)
        {
            after = new Announced(truth.Current!.StartsAt, truth.ClosesAt, null);
        }
        else if (sameRun && before.ClosesAt != truth.ClosesAt)
        {
            after = after with { ClosesAt = truth.ClosesAt };
            closesAtChanged = true;
        }

        if (truth.ClosesAt is not { } closesAt)
        {
            return new ClockStep(close, open, closesAtChanged, Warn: false, after, truth.Next?.StartsAt);
        }

        var warnAt = closesAt - closingWarning;
        var warn = closingWarning > TimeSpan.Zero && after.WarnedFor != closesAt && now >= warnAt;
        if (warn)
        {
            after = after with { WarnedFor = closesAt };
        }

        var warningToCome = closingWarning > TimeSpan.Zero && after.WarnedFor != closesAt;
        return new ClockStep(close, open, closesAtChanged, warn, after, warningToCome ? warnAt : closesAt);
    }
}
