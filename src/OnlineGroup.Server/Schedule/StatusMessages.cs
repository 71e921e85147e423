using OnlineGroup.Server.Chat;

namespace OnlineGroup.Server.Schedule;

/// <summary>What a young person reads on the status of a group that is not open: plain words, no blame.</summary>
public static class StatusMessages
{
    public const string Closed =
        "The group is closed right now. If you need to talk to someone before it next opens, the contacts below are there for you.";

    public const string AwaitingModerator =
        "The session has started and is waiting for a moderator to join. You'll be let in as soon as one arrives.";

    public const string Paused =
        "A moderator has paused the group for a moment. Please stay with us; it will carry on soon.";

    public const string CannotOpen =
        "The group can't open right now. If you need to talk to someone, the contacts below are there for you.";

    /// <summary>The message for a gate decision; the group's own closed message, where it has one, for closed.</summary>
    public static string? For(GateDecision decision, string? closedMessage) => decision.State switch
    {
        GroupStates.Open => null,
        GroupStates.AwaitingModerator => AwaitingModerator,
        GroupStates.Paused => Paused,
        _ when decision.Reason is null or GateReasons.Closed => closedMessage ?? Closed,
        _ => closedMessage ?? CannotOpen,
    };
}
