using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using OnlineGroup.Server.Accounts;

namespace OnlineGroup.Server.Chat;

/// <summary>
/// The live chat. Thin: identity comes from the token's claims, never from arguments; each method
/// names who may call it; the work is done by the feature services. Features add their methods in
/// partial files of their own folder, taking their services as method parameters (SignalR resolves
/// them from DI), e.g. <c>Safeguarding/ChatHub.Safeguarding.cs</c>.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed partial class ChatHub(Admission admission, MessageService messages, ConnectionRegistry registry,
    IEnumerable<IConnectionObserver> connectionObservers) : Hub<IChatClient>
{
    private CurrentUser Caller => CurrentUser.From(Context.User!);

    [SignedInAtConnect]
    public async Task<JoinResult> JoinGroup(string groupId)
    {
        var entry = await admission.JoinAsync(Context.ConnectionId, Caller, groupId, Context.ConnectionAborted);
        foreach (var name in entry.SignalRGroups)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, name, Context.ConnectionAborted);
        }

        return entry.Result;
    }

    [SignedInAtConnect]
    public async Task LeaveGroup(string groupId)
    {
        registry.Leave(Context.ConnectionId, groupId);
        foreach (var name in new[] { ChatGroups.Room(groupId), ChatGroups.Staff(groupId), ChatGroups.Lobby(groupId) })
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, name);
        }
    }

    [SignedInAtConnect]
    public Task<SendResult> SendMessage(string groupId, string clientMessageId, string text) =>
        messages.SendAsync(registry.Get(Context.ConnectionId, groupId), groupId, clientMessageId, text, Context.ConnectionAborted);

    [SignedInAtConnect]
    public async Task<IReadOnlyList<MessageDto>> GetHistory(string groupId, long afterSeq)
    {
        if (registry.Get(Context.ConnectionId, groupId) is null)
        {
            throw new HubException("Join the group first: history is for those admitted to it.");
        }

        return await messages.HistoryAsync(groupId, afterSeq, ChatLimits.HistoryPageSize, Context.ConnectionAborted);
    }

    [Authorize(Policy = Policies.Staff)]
    public async Task SendStaffNote(string groupId, string text)
    {
        var joined = registry.Get(Context.ConnectionId, groupId);
        if (joined is not { IsGroupStaff: true })
        {
            throw new HubException("Join the group as staff first: notes go to the staff of a group you are in.");
        }

        if (string.IsNullOrWhiteSpace(text) || text.Length > ChatLimits.MaxTextLength)
        {
            throw new HubException($"A staff note needs 1 to {ChatLimits.MaxTextLength} characters.");
        }

        await Clients.Group(ChatGroups.Staff(groupId)).StaffNote(new StaffNoteEvent(groupId, joined.DisplayName, text));
    }

    public override async Task OnConnectedAsync()
    {
        registry.Connected(Caller.Id, Context);
        foreach (var observer in connectionObservers)
        {
            await observer.OnConnectedAsync(Context, Groups);
        }

        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        registry.Disconnected(Context.ConnectionId, Context.UserIdentifier);
        return base.OnDisconnectedAsync(exception);
    }
}
