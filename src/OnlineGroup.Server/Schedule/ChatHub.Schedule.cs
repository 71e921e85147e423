using Microsoft.AspNetCore.Authorization;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Schedule;

namespace OnlineGroup.Server.Chat;

/// <summary>The schedule's hub methods: moderators extend or end the session in progress.</summary>
public sealed partial class ChatHub
{
    [Authorize(Policy = Policies.Moderation)]
    public Task ExtendSession(string groupId, int minutes, SessionControl sessions) =>
        sessions.ExtendAsync(Caller, groupId, minutes, Context.ConnectionAborted);

    [Authorize(Policy = Policies.Moderation)]
    public Task EndSession(string groupId, SessionControl sessions) =>
        sessions.EndAsync(Caller, groupId, Context.ConnectionAborted);
}
