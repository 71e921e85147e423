using OnlineGroup.Server.Chat;

namespace OnlineGroup.Server.Schedule;

/// <summary>
/// The opening-times gate. The calendar decides whether a session is in progress (one pure function,
/// <see cref="SessionCalendar.At"/>); while one is, the <see cref="IGateCondition"/>s are asked in order
/// (readiness, safeguarding cover, moderator presence, pause) and the first refusal gives the state and
/// reason. Answers from memory: the calendar is cached per group and the conditions keep their own.
/// </summary>
public sealed class ScheduleGate(CalendarCache calendars, IEnumerable<IGateCondition> conditions, TimeProvider time) : IGroupGate
{
    private readonly IGateCondition[] _conditions = [.. conditions.OrderBy(c => c.Order)];

    public async ValueTask<GateDecision> DecideAsync(string groupId, CancellationToken ct = default)
    {
        var calendar = await calendars.GetAsync(groupId, ct);
        if (calendar is null)
        {
            return new GateDecision(GroupStates.Closed, GroupStates.Closed, null, null);
        }

        var state = calendar.At(time.GetUtcNow());
        var next = state.Next is { } n ? new SessionWindow(n.StartsAt, n.EndsAt) : null;
        if (state is not { Current: { } current, ClosesAt: { } closesAt })
        {
            return new GateDecision(GroupStates.Closed, GroupStates.Closed, null, next);
        }

        var window = new SessionWindow(current.StartsAt, closesAt);
        foreach (var condition in _conditions)
        {
            if (await condition.CheckAsync(groupId, ct) is { } refusal)
            {
                return new GateDecision(refusal.State, refusal.Reason, window, next);
            }
        }

        return new GateDecision(GroupStates.Open, null, window, next);
    }
}
