using OnlineGroup.Server.Chat;

namespace OnlineGroup.Server.Moderation;

/// <summary>
/// Reports an open group that a moderator has paused as <c>paused</c>, wrapping whichever opening-times
/// gate is registered. Harmless if that gate already asks <see cref="IGroupModeration.IsPausedAsync"/> itself.
/// </summary>
public sealed class PauseAwareGate(IGroupGate inner, IGroupModeration moderation) : IGroupGate
{
    public async ValueTask<GateDecision> DecideAsync(string groupId, CancellationToken ct = default)
    {
        var decision = await inner.DecideAsync(groupId, ct);
        return decision.IsOpen && await moderation.IsPausedAsync(groupId, ct)
            ? decision with { State = GroupStates.Paused }
            : decision;
    }
}
