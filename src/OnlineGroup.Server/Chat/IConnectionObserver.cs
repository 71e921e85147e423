using Microsoft.AspNetCore.SignalR;

namespace OnlineGroup.Server.Chat;

/// <summary>
/// Told when a connection starts, before it joins any group: a feature may add it to SignalR groups of
/// its own (safeguarding staff hear of concerns in their groups from the moment they connect).
/// </summary>
public interface IConnectionObserver
{
    Task OnConnectedAsync(HubCallerContext connection, IGroupManager groups);
}
