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

/// <summary>Why a condition keeps young people out of a group whose session is open.</summary>
public sealed record GateRefusal(string State, string Reason);

/// <summary>
/// A condition beyond the calendar that can keep young people out while a session is open: readiness
/// (<c>notReady</c>), safeguarding cover (<c>noSafeguardingCover</c>), moderator presence
/// (<c>awaitingModerator</c>), a moderator's pause (<c>paused</c>). Features register theirs as
/// <c>services.AddSingleton&lt;IGateCondition, T&gt;()</c>; the gate asks them in <see cref="Order"/> and
/// the first refusal wins. Answers come from memory: the gate runs on the message path.
/// </summary>
public interface IGateCondition
{
    /// <summary>Lower runs first: readiness 100, cover 200, presence 300, pause 400.</summary>
    int Order { get; }

    ValueTask<GateRefusal?> CheckAsync(string groupId, CancellationToken ct);
}
