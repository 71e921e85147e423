using OnlineGroup.Server.Chat;

namespace OnlineGroup.Server.Schedule;

/// <summary><c>PUT /api/groups/{id}/schedule</c>: the weekly sessions, in local time; <c>timeZone</c> optionally moves the group.</summary>
public sealed record PutScheduleRequest(string? TimeZone, IReadOnlyList<WeeklySlotInput>? Weekly);

public sealed record WeeklySlotDto(string Day, string Start, string End)
{
    public static WeeklySlotDto From(Data.WeeklySession s) => new(s.Day.ToString(), Time(s.Start), Time(s.End));

    private static string Time(TimeOnly t) => t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record ScheduleDto(string TimeZone, IReadOnlyList<WeeklySlotDto> Weekly);

public sealed record CreateClosureRequest(DateTimeOffset? From, DateTimeOffset? To, string? Reason);

public sealed record ClosureDto(string Id, DateTimeOffset From, DateTimeOffset To, string Reason, DateTimeOffset CreatedAt)
{
    public static ClosureDto Of(Data.Closure c) => new(c.Id, c.From, c.To, c.Reason, c.CreatedAt);
}

/// <summary>One entry of <c>GET /api/groups/{id}/sessions</c>.</summary>
public sealed record SessionDto(DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Kind, bool Cancelled, string? Reason)
{
    public static SessionDto From(SessionOccurrence s) => new(s.StartsAt, s.EndsAt, s.Kind, s.Cancelled, s.Reason);
}

/// <summary>The closure in force, as the status shows it.</summary>
public sealed record ClosureInForce(DateTimeOffset From, DateTimeOffset To, string Reason);

/// <summary>
/// <c>GET /api/groups/{id}/status</c>: the gate's state and <c>reason</c> (null when open), the session in
/// progress and the next one, words for a young person, the closure in force, and where to get help now.
/// </summary>
public sealed record GroupStatusDto(
    string State,
    string? Reason,
    SessionWindow? CurrentSession,
    SessionWindow? NextSession,
    string? Message,
    ClosureInForce? Closure,
    IReadOnlyList<SupportContact> SupportContacts);
