using Microsoft.AspNetCore.Authorization;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Safeguarding;

namespace OnlineGroup.Server.Chat;

/// <summary>The safeguarding hub methods: peer reports, moderator escalations, acknowledgement.</summary>
public sealed partial class ChatHub
{
    /// <summary>"I'm worried about someone": a young person reports a message. Nobody is told who reported it, except staff.</summary>
    [Authorize(Policy = Policies.Participant)]
    public async Task<ConcernCreated> ReportMessage(string groupId, string messageId, string? reason, ConcernService concerns, ConnectionRegistry connections) =>
        (await concerns.ReportAsync(Caller, connections.Get(Context.ConnectionId, groupId), groupId, messageId, reason, Context.ConnectionAborted)).OrThrow();

    [Authorize(Policy = Policies.Moderation)]
    public async Task<ConcernCreated> EscalateMessage(string groupId, string messageId, string severity, string? note, ConcernService concerns) =>
        (await concerns.EscalateMessageAsync(Caller, groupId, messageId, severity, note, Context.ConnectionAborted)).OrThrow();

    [Authorize(Policy = Policies.Safeguarding)]
    public async Task AcknowledgeConcern(string concernId, ConcernService concerns) =>
        (await concerns.AcknowledgeAsync(Caller, concernId, Context.ConnectionAborted)).OrThrow();
}
