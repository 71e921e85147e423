using OnlineGroup.Server.Chat;

namespace OnlineGroup.Server.Safeguarding;

/// <summary>
/// On the message path: each young person's message that the scan flagged, held or blocked raises its
/// own concern, stored in the message's transaction (with its history, outbox row and audit entry);
/// once committed, staff are told and the young person is offered support.
/// </summary>
public sealed class ConcernObserver(ConcernService concerns) : IMessageObserver
{
    public void OnAccepted(PendingWrite write, SendContext context, ScanResult scan)
    {
        if (!scan.RaisesConcern || context.Sender.IsGroupStaff)
        {
            return;
        }

        var created = concerns.FromScan(write.Message, scan, context.Now);
        write.Related.AddRange(created.Entities);
        var youngPerson = context.Sender.User.Id;
        write.AfterCommit.Add(_ => concerns.AfterRaisedAsync(created.Concern, youngPerson));
    }
}
