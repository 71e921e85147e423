namespace OnlineGroup.Server.Schedule;

/// <summary>
/// A session that repeats every week, in the group's local time. <paramref name="End"/> at or before
/// <paramref name="Start"/> means the session runs past midnight into the next day (22:00 to 01:00);
/// it still belongs to <paramref name="Day"/>, the day it starts.
/// </summary>
public sealed record WeeklySlot(DayOfWeek Day, TimeOnly Start, TimeOnly End);

/// <summary>
/// A session staff arranged for one particular time. <paramref name="CreatedAt"/> is when it was
/// arranged: a closure recorded after it cancels it, one recorded before it does not (see
/// docs/schedule-calendar.md). Leave it null only when the order is truly unknown; the one-off then opens.
/// </summary>
public sealed record OneOffSlot(string Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset? CreatedAt = null);

/// <summary>
/// A time the group does not meet (holidays, a facilitator away). Weekly sessions overlapping it do not
/// open; one-offs overlapping it do not open if the closure was recorded after them. <paramref name="Reason"/>
/// is shown with the cancelled sessions. <paramref name="CreatedAt"/> is when the closure was recorded.
/// </summary>
public sealed record ClosureSlot(string Id, DateTimeOffset From, DateTimeOffset To, string Reason, DateTimeOffset? CreatedAt = null);

/// <summary>
/// A moderator's change to the end of one occurrence, named by its start (<see cref="SessionOccurrence.StartsAt"/>):
/// <c>ExtendSession</c> moves <paramref name="EndsAt"/> later, <c>EndSession</c> sets it to the moment it was ended.
/// A null <paramref name="EndsAt"/> puts the scheduled end back. When several overrides name the same
/// session, the last one in the list wins; an override naming no occurrence, or a cancelled one, is ignored.
/// </summary>
public sealed record SessionOverride(DateTimeOffset SessionStartsAt, DateTimeOffset? EndsAt);
