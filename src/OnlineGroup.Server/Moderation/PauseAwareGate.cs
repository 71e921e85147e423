using OnlineGroup.Server.Chat;

namespace OnlineGroup.Server.Moderation;

/// <summary>A moderator's pause, as one of the opening-times gate's conditions: an open session that is paused reports <c>paused</c>.</summary>
public sealed class PauseCondition(IGroupModeration moderation) : IGateCondition
{
    private static readonly GateRefusal Paused = new(GroupStates.Paused, GroupStates.Paused);

    public int Order => 400;

    public async ValueTask<GateRefusal?> CheckAsync(string groupId, CancellationToken ct) =>
        await moderation.IsPausedAsync(groupId, ct) ? Paused : null;
}

/// <summary>
/// Applies <see cref="PauseCondition"/> on top of a gate that does not ask <see cref="IGateCondition"/>s
/// itself (the interim calendar gate). Harmless over one that does: a paused decision is no longer open.
/// </summary>
public sealed class PauseAwareGate(IGroupGate inner, PauseCondition pause) : IGroupGate
{
    public async ValueTask<GateDecision> DecideAsync(string groupId, CancellationToken ct = default)
    {
        var decision = await inner.DecideAsync(groupId, ct);
        return decision.IsOpen && await pause.CheckAsync(groupId, ct) is { } refusal
            ? decision with { State = refusal.State, Reason = refusal.Reason }
            : decision;
    }
}
