using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Chat;

/// <summary>Everything a send rule may look at: who is sending what, where, when.</summary>
public sealed record SendContext(JoinedGroup Sender, Group Group, string Text, GateDecision Gate, DateTimeOffset Now);

/// <summary>
/// One check on the message path. Returns a <see cref="RejectReasons"/> value to refuse the send, or
/// null to let it through. Rules answer from memory: they run for every message.
/// </summary>
public interface ISendRule
{
    ValueTask<string?> CheckAsync(SendContext context);
}

/// <summary>
/// Young people can send only while the group is open (staff can prepare at any time): outside a session
/// <c>closed</c>; during one that is held up (a moderator's pause, or no moderator present) <c>paused</c>.
/// </summary>
public sealed class OpenGroupRule : ISendRule
{
    public ValueTask<string?> CheckAsync(SendContext context) =>
        ValueTask.FromResult(context.Sender.IsGroupStaff || context.Gate.IsOpen ? null
            : context.Gate.State is GroupStates.Paused or GroupStates.AwaitingModerator ? RejectReasons.Paused
            : RejectReasons.Closed);
}

/// <summary>
/// Sees each message once it has been accepted for storing: may add what must commit with it and
/// what must happen after. Safeguarding (concerns, outbox) and moderation (talk balance) plug in here.
/// </summary>
public interface IMessageObserver
{
    void OnAccepted(PendingWrite write, SendContext context, Safeguarding.ScanResult scan);
}
