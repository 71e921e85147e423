namespace OnlineGroup.Server.Chat;

/// <summary>Whether young people may be in a group now, and if not, why and when it next opens.</summary>
public sealed record GateDecision(string State, string? Reason, SessionWindow? CurrentSession, SessionWindow? NextSession)
{
    public bool IsOpen => State == GroupStates.Open;
}

/// <summary>
/// The opening-times gate: answers from memory on the message path. The Schedule feature provides
/// the implementation (the calendar, moderator presence, closures, readiness).
/// </summary>
public interface IGroupGate
{
    ValueTask<GateDecision> DecideAsync(string groupId, CancellationToken ct = default);
}
