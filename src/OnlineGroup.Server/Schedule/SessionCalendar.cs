using System.Runtime.CompilerServices;

namespace OnlineGroup.Server.Schedule;

/// <summary>
/// A group's opening times as a pure function of time: weekly sessions in the group's time zone,
/// one-off sessions, closures and moderators' overrides in; the sessions in a window, the state at an
/// instant, and the instants at which the group opens, is warned and closes out. Build one from the
/// stored schedule; it is immutable and safe to share between threads. The rules are in
/// docs/schedule-calendar.md.
/// </summary>
public sealed class SessionCalendar
{
    /// <summary>The longest window <see cref="Sessions"/> and <see cref="Events"/> accept.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(366);

    /// <summary>How far ahead <see cref="At"/> looks for the next session.</summary>
    public static readonly TimeSpan NextSessionHorizon = TimeSpan.FromDays(366);

    private const int WeeklyKind = -1;
    private const int NoClosure = -1;
    private const int InlineDayCapacity = 8;

    // A weekly session lasts at most a day, plus an hour when the clocks go back, plus slack.
    private static readonly long WeeklyLookback = TimeSpan.FromHours(26).Ticks;

    private readonly TimeZoneInfo _zone;
    private readonly WeeklySlot[][] _slotsByDay; // indexed by DayOfWeek, sorted by start
    private readonly int _maxSlotsPerDay;
    private readonly OneOffSlot[] _oneOffs; // sorted by start
    private readonly long[] _oneOffStart;
    private readonly long[] _oneOffEnd;
    private readonly ClosureSlot[] _closures; // sorted by From
    private readonly long[] _closureFrom;
    private readonly long[] _closureTo;
    private readonly long[] _closureMaxTo; // the latest To among closures [0..i], to stop scans early
    private readonly Dictionary<long, long>? _overrideEnds; // session start -> effective end, UTC ticks
    private readonly long _lookback; // the longest a session can last: anything covering t starts after t - this

    /// <summary>Builds the calendar.</summary>
    /// <param name="timeZoneId">The group's IANA time zone, e.g. Europe/London.</param>
    /// <param name="weekly">Weekly sessions in local time.</param>
    /// <param name="oneOffs">One-off sessions.</param>
    /// <param name="closures">Closures; one whose <c>To</c> is not after its <c>From</c> covers nothing.</param>
    /// <param name="overrides">Moderators' changes to single sessions' ends, oldest first.</param>
    /// <exception cref="ArgumentException">The time zone is unknown, or a slot's day is not a day of the week.</exception>
    public SessionCalendar(
        string timeZoneId,
        IEnumerable<WeeklySlot> weekly,
        IEnumerable<OneOffSlot>? oneOffs = null,
        IEnumerable<ClosureSlot>? closures = null,
        IEnumerable<SessionOverride>? overrides = null)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone))
        {
            throw new ArgumentException(ScheduleValidation.UnknownTimeZoneMessage(timeZoneId), nameof(timeZoneId));
        }

        _zone = zone;

        var slots = weekly.ToArray();
        foreach (var slot in slots)
        {
            if (!Enum.IsDefined(slot.Day))
            {
                throw new ArgumentException($"{(int)slot.Day} is not a day of the week.", nameof(weekly));
            }
        }

        _slotsByDay = new WeeklySlot[7][];
        for (var day = DayOfWeek.Sunday; day <= DayOfWeek.Saturday; day++)
        {
            _slotsByDay[(int)day] = [.. slots.Where(s => s.Day == day).OrderBy(s => s.Start).ThenBy(s => s.End)];
            _maxSlotsPerDay = Math.Max(_maxSlotsPerDay, _slotsByDay[(int)day].Length);
        }

        _oneOffs = [.. (oneOffs ?? []).OrderBy(o => o.StartsAt.UtcTicks).ThenBy(o => o.EndsAt.UtcTicks).ThenBy(o => o.Id, StringComparer.Ordinal)];
        _oneOffStart = [.. _oneOffs.Select(o => o.StartsAt.UtcTicks)];
        _oneOffEnd = [.. _oneOffs.Select(o => Math.Max(o.StartsAt.UtcTicks, o.EndsAt.UtcTicks))];

        _closures = [.. (closures ?? []).Where(c => c.To > c.From).OrderBy(c => c.From.UtcTicks).ThenBy(c => c.To.UtcTicks).ThenBy(c => c.Id, StringComparer.Ordinal)];
        _closureFrom = [.. _closures.Select(c => c.From.UtcTicks)];
        _closureTo = [.. _closures.Select(c => c.To.UtcTicks)];
        _closureMaxTo = new long[_closures.Length];
        for (var i = 0; i < _closures.Length; i++)
        {
            _closureMaxTo[i] = i == 0 ? _closureTo[0] : Math.Max(_closureMaxTo[i - 1], _closureTo[i]);
        }

        long lookback = WeeklyLookback;
        for (var i = 0; i < _oneOffs.Length; i++)
        {
            lookback = Math.Max(lookback, _oneOffEnd[i] - _oneOffStart[i]);
        }

        foreach (var change in overrides ?? [])
        {
            _overrideEnds ??= [];
            long start = change.SessionStartsAt.UtcTicks;
            if (change.EndsAt is { } endsAt)
            {
                _overrideEnds[start] = endsAt.UtcTicks;
                lookback = Math.Max(lookback, endsAt.UtcTicks - start);
            }
            else
            {
                _overrideEnds.Remove(start);
            }
        }

        _lookback = Math.Min(lookback, MaxWindow.Ticks);
    }

    /// <summary>The group's time zone.</summary>
    public TimeZoneInfo TimeZone => _zone;

    /// <summary>
    /// Every session that overlaps [<paramref name="from"/>, <paramref name="to"/>), cancelled ones
    /// included, sorted by start (a weekly session before a one-off starting at the same instant).
    /// A zero-length session (ended the moment it started) is listed when it starts in the window.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The window is longer than <see cref="MaxWindow"/>.</exception>
    public IReadOnlyList<SessionOccurrence> Sessions(DateTimeOffset from, DateTimeOffset to)
    {
        CheckWindow(from, to);
        long start = ZoneTime.Clamp(from.UtcTicks);
        long end = ZoneTime.Clamp(to.UtcTicks);
        if (end <= start)
        {
            return [];
        }

        var sessions = new List<SessionOccurrence>();
        InitCursor(out var cursor, start - _lookback, end);
        while (TryNext(ref cursor, out var occurrence))
        {
            if (occurrence.End > start || occurrence.Start >= start)
            {
                sessions.Add(ToResult(occurrence));
            }
        }

        return sessions;
    }

    /// <summary>
    /// The calendar at <paramref name="now"/>: the session in progress, if any (open from its start
    /// inclusive to its end exclusive), when the group closes, the next session that is not cancelled,
    /// and the closure in force.
    /// </summary>
    public CalendarState At(DateTimeOffset now)
    {
        long t = ZoneTime.Clamp(now.UtcTicks);
        InitCursor(out var cursor, t - _lookback, t + NextSessionHorizon.Ticks);

        bool open = false, hasNext = false;
        Occurrence current = default, next = default;
        long closesAt = 0;
        while (TryNextOpening(ref cursor, out var occurrence))
        {
            if (occurrence.Start <= t)
            {
                // Started already: in progress if it has not ended. Of overlapping ones, the one ending last.
                if (occurrence.End > t && (!open || occurrence.End > current.End))
                {
                    current = occurrence;
                    closesAt = occurrence.End;
                    open = true;
                }

                continue;
            }

            if (open && occurrence.Start <= closesAt)
            {
                closesAt = Math.Max(closesAt, occurrence.End); // follows on without a gap: still open
            }

            if (!hasNext)
            {
                next = occurrence;
                hasNext = true;
            }

            if (!open || occurrence.Start > closesAt)
            {
                break;
            }
        }

        return new CalendarState(
            open ? ToResult(current) : null,
            open ? Utc(closesAt) : null,
            hasNext ? ToResult(next) : null,
            ClosureAt(t));
    }

    /// <summary>
    /// The instants in [<paramref name="from"/>, <paramref name="to"/>) at which the group opens, is
    /// warned that it closes in <paramref name="closingWarning"/> (at the opening itself if the opening is
    /// shorter than that; no warnings when it is zero), and closes. Sessions that overlap or follow on
    /// without a gap make one opening. Sorted by instant.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The warning is negative, or the window is longer than <see cref="MaxWindow"/>.</exception>
    public IReadOnlyList<CalendarEvent> Events(DateTimeOffset from, DateTimeOffset to, TimeSpan closingWarning)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(closingWarning, TimeSpan.Zero);
        CheckWindow(from, to);
        long start = ZoneTime.Clamp(from.UtcTicks);
        long end = ZoneTime.Clamp(to.UtcTicks);
        var events = new List<CalendarEvent>();
        if (end <= start)
        {
            return events;
        }

        // Look past the window's end: an opening that starts inside it may run on beyond it.
        InitCursor(out var cursor, start - _lookback, end + MaxWindow.Ticks);
        bool inOpening = false;
        long opensAt = 0, closesAt = 0;
        while (TryNextOpening(ref cursor, out var occurrence))
        {
            if (inOpening && occurrence.Start <= closesAt)
            {
                closesAt = Math.Max(closesAt, occurrence.End);
                continue;
            }

            if (inOpening)
            {
                AddOpening(events, opensAt, closesAt, start, end, closingWarning.Ticks);
            }

            inOpening = occurrence.Start < end;
            if (!inOpening)
            {
                break;
            }

            opensAt = occurrence.Start;
            closesAt = occurrence.End;
        }

        if (inOpening)
        {
            AddOpening(events, opensAt, closesAt, start, end, closingWarning.Ticks);
        }

        return events;
    }

    /// <summary>
    /// What <c>ExtendSession</c> records: the session in progress at <paramref name="now"/> ends
    /// <paramref name="by"/> after the group would otherwise close. Null when no session is in progress.
    /// </summary>
    public SessionOverride? ExtendSession(DateTimeOffset now, TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(by, TimeSpan.Zero);
        var state = At(now);
        return state is { Current: { } current, ClosesAt: { } closesAt }
            ? new SessionOverride(current.StartsAt, closesAt + by)
            : null;
    }

    /// <summary>
    /// What <c>EndSession</c> records: every session in progress at <paramref name="now"/> ends then.
    /// Empty when none is. Sessions starting later still open.
    /// </summary>
    public IReadOnlyList<SessionOverride> EndSession(DateTimeOffset now)
    {
        long t = ZoneTime.Clamp(now.UtcTicks);
        var ended = new List<SessionOverride>();
        InitCursor(out var cursor, t - _lookback, t + 1);
        while (TryNextOpening(ref cursor, out var occurrence))
        {
            if (occurrence.End > t)
            {
                ended.Add(new SessionOverride(Utc(occurrence.Start), Utc(t)));
            }
        }

        return ended;
    }

    private static void AddOpening(List<CalendarEvent> events, long opensAt, long closesAt, long from, long to, long warning)
    {
        var opens = Utc(opensAt);
        var closes = Utc(closesAt);
        if (opensAt >= from && opensAt < to)
        {
            events.Add(new CalendarEvent(opens, CalendarEventKind.Opens, opens, closes));
        }

        long warnAt = Math.Max(opensAt, closesAt - warning);
        if (warning > 0 && warnAt >= from && warnAt < to)
        {
            events.Add(new CalendarEvent(Utc(warnAt), CalendarEventKind.ClosingWarning, opens, closes));
        }

        if (closesAt >= from && closesAt < to)
        {
            events.Add(new CalendarEvent(closes, CalendarEventKind.Closes, opens, closes));
        }
    }

    private static void CheckWindow(DateTimeOffset from, DateTimeOffset to)
    {
        if (to - from > MaxWindow)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The window from {from:O} to {to:O} is longer than {MaxWindow.TotalDays} days.");
        }
    }

    private static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);

    private SessionOccurrence ToResult(in Occurrence o) => new(
        Utc(o.Start),
        Utc(o.End),
        o.OneOff == WeeklyKind ? SessionKinds.Weekly : SessionKinds.OneOff,
        o.Cancelled,
        o.Cancelled ? _closures[o.Closure].Reason : null);

    private ClosureSlot? ClosureAt(long t)
    {
        int found = NoClosure;
        for (int i = LowerBound(_closureFrom, t + 1) - 1; i >= 0 && _closureMaxTo[i] > t; i--)
        {
            if (_closureTo[i] > t)
            {
                found = i;
            }
        }

        return found == NoClosure ? null : _closures[found];
    }

    // The earliest-starting closure overlapping [start, end) that cancels this session, or NoClosure.
    private int CancellingClosure(long start, long end, int oneOff)
    {
        int found = NoClosure;
        for (int i = LowerBound(_closureFrom, end) - 1; i >= 0 && _closureMaxTo[i] > start; i--)
        {
            if (_closureTo[i] > start && (oneOff == WeeklyKind || RecordedAfter(_closures[i].CreatedAt, _oneOffs[oneOff].CreatedAt)))
            {
                found = i;
            }
        }

        return found;
    }

    // A closure cancels a one-off only when it is known to be the later decision.
    private static bool RecordedAfter(DateTimeOffset? closure, DateTimeOffset? oneOff) =>
        closure is { } c && oneOff is { } o && c > o;

    private Occurrence Resolve(long start, long end, int oneOff)
    {
        int closure = CancellingClosure(start, end, oneOff);
        if (closure == NoClosure && _overrideEnds is not null && _overrideEnds.TryGetValue(start, out long overridden))
        {
            end = Math.Max(start, overridden);
        }

        return new Occurrence(start, end, oneOff, closure);
    }

    private Occurrence WeeklyOccurrence(DateOnly day, WeeklySlot slot)
    {
        long localStart = (day.DayNumber * TimeSpan.TicksPerDay) + slot.Start.Ticks;
        long localEnd = ((day.DayNumber + (slot.End <= slot.Start ? 1L : 0L)) * TimeSpan.TicksPerDay) + slot.End.Ticks;
        long start = ZoneTime.ToUtc(_zone, localStart);
        long end = ZoneTime.ToUtc(_zone, localEnd);
        if (end <= start)
        {
            // It starts in a spring-forward gap and its end is not after the moved start: keep its length.
            end = start + (localEnd - localStart);
        }

        return Resolve(start, end, WeeklyKind);
    }

    private void InitCursor(out Cursor cursor, long from, long limit)
    {
        from = ZoneTime.Clamp(from);
        limit = ZoneTime.Clamp(limit);
        cursor = default;
        cursor.Limit = limit;
        // A day early: a wall clock going back at midnight can put a later instant on an earlier date.
        cursor.NextDay = ZoneTime.LocalDate(_zone, from).AddDays(-1);
        cursor.LastDay = ZoneTime.LocalDate(_zone, limit).AddDays(1);
        cursor.OneOff = LowerBound(_oneOffStart, from);
        if (_maxSlotsPerDay > InlineDayCapacity)
        {
            cursor.Heap = new Occurrence[_maxSlotsPerDay];
        }
    }

    // The next session starting before the cursor's limit, in order of start.
    private bool TryNext(ref Cursor cursor, out Occurrence occurrence)
    {
        bool weekly = PeekWeekly(ref cursor, out var nextWeekly) && nextWeekly.Start < cursor.Limit;
        bool oneOff = cursor.OneOff < _oneOffs.Length && _oneOffStart[cursor.OneOff] < cursor.Limit;
        if (weekly && (!oneOff || nextWeekly.Start <= _oneOffStart[cursor.OneOff]))
        {
            cursor.Index++;
            occurrence = nextWeekly;
            return true;
        }

        if (oneOff)
        {
            int i = cursor.OneOff++;
            occurrence = Resolve(_oneOffStart[i], _oneOffEnd[i], i);
            return true;
        }

        occurrence = default;
        return false;
    }

    // The next session that opens: not cancelled and not ended the moment it started.
    private bool TryNextOpening(ref Cursor cursor, out Occurrence occurrence)
    {
        while (TryNext(ref cursor, out occurrence))
        {
            if (occurrence.Opens)
            {
                return true;
            }

            if (occurrence.Cancelled && occurrence.OneOff == WeeklyKind && occurrence.Start >= _closureFrom[occurrence.Closure])
            {
                // Every weekly session from here until two days before the closure ends overlaps it too: skip them.
                var skipTo = ZoneTime.LocalDate(_zone, _closureTo[occurrence.Closure]).AddDays(-2);
                if (skipTo >= cursor.NextDay)
                {
                    cursor.Index = cursor.Count;
                    cursor.NextDay = skipTo;
                }
            }
        }

        return false;
    }

    private bool PeekWeekly(ref Cursor cursor, out Occurrence occurrence)
    {
        while (cursor.Index >= cursor.Count)
        {
            if (_maxSlotsPerDay == 0 || cursor.NextDay > cursor.LastDay)
            {
                occurrence = default;
                return false;
            }

            FillDay(ref cursor);
        }

        occurrence = DayBuffer(ref cursor)[cursor.Index];
        return true;
    }

    // One local day's weekly sessions, in order of their UTC start: a start moved by a spring-forward
    // gap can land after a later slot's start that day.
    private void FillDay(ref Cursor cursor)
    {
        var day = cursor.NextDay;
        var slots = _slotsByDay[(int)day.DayOfWeek];
        var buffer = DayBuffer(ref cursor);
        for (var i = 0; i < slots.Length; i++)
        {
            var occurrence = WeeklyOccurrence(day, slots[i]);
            int j = i;
            for (; j > 0 && buffer[j - 1].Start > occurrence.Start; j--)
            {
                buffer[j] = buffer[j - 1];
            }

            buffer[j] = occurrence;
        }

        cursor.Index = 0;
        cursor.Count = slots.Length;
        cursor.NextDay = day.AddDays(1);
    }

    private static Span<Occurrence> DayBuffer(ref Cursor cursor) =>
        cursor.Heap is { } heap ? heap : cursor.Inline;

    private static int LowerBound(long[] sorted, long value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>One session in UTC ticks; <see cref="End"/> is the effective end, after any override.</summary>
    private readonly record struct Occurrence(long Start, long End, int OneOff, int Closure)
    {
        public bool Cancelled => Closure != NoClosure;

        public bool Opens => !Cancelled && End > Start;
    }

    /// <summary>Where a walk through the sessions in order of start has got to. Lives on the stack.</summary>
    private struct Cursor
    {
        public long Limit; // only sessions starting before this
        public DateOnly NextDay; // the local day whose weekly sessions come after those buffered
        public DateOnly LastDay;
        public int Index; // buffered weekly sessions not yet returned: [Index, Count)
        public int Count;
        public int OneOff; // the next one-off
        public InlineDay Inline;
        public Occurrence[]? Heap; // only for a day with more sessions than fit inline
    }

    [InlineArray(InlineDayCapacity)]
    private struct InlineDay
    {
        private Occurrence _first;
    }
}
