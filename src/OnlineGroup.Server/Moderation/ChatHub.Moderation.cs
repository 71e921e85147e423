using Microsoft.AspNetCore.Authorization;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Moderation;

namespace OnlineGroup.Server.Chat;

// Moderators' tools on the hub (docs/moderation.md). The role is checked here; the duty in this
// group, the arguments and the work are the moderation services'.
public sealed partial class ChatHub
{
    [Authorize(Policy = Policies.Moderation)]
    public Task PauseGroup(string groupId, string reason, GroupControls controls) =>
        controls.PauseAsync(Caller, groupId, reason, Context.ConnectionAborted);

    [Authorize(Policy = Policies.Moderation)]
    public Task ResumeGroup(string groupId, GroupControls controls) =>
        controls.ResumeAsync(Caller, groupId, Context.ConnectionAborted);

    [Authorize(Policy = Policies.Moderation)]
    public Task SetSlowMode(string groupId, int seconds, GroupControls controls) =>
        controls.SetSlowModeAsync(Caller, groupId, seconds, Context.ConnectionAborted);

    [Authorize(Policy = Policies.Moderation)]
    public Task RemoveMessage(string groupId, string messageId, string reason, MessageModeration moderation) =>
        moderation.RemoveAsync(Caller, groupId, messageId, reason, Context.ConnectionAborted);

    [Authorize(Policy = Policies.Moderation)]
    public Task ApproveMessage(string groupId, string messageId, MessageModeration moderation) =>
        moderation.ApproveAsync(Caller, groupId, messageId, Context.ConnectionAborted);

    [Authorize(Policy = Policies.Moderation)]
    public Task RejectMessage(string groupId, string messageId, string reason, MessageModeration moderation) =>
        moderation.RejectAsync(Caller, groupId, messageId, reason, Context.ConnectionAborted);

    [Authorize(Policy = Policies.Staff)]
    public Task<IReadOnlyList<HeldMessageDto>> GetHeldMessages(string groupId, MessageModeration moderation) =>
        moderation.HeldAsync(Caller, groupId, Context.ConnectionAborted);

    [Authorize(Policy = Policies.Staff)]
    public Task<IReadOnlyList<StaffMessageDto>> GetStaffHistory(string groupId, long afterSeq, MessageModeration moderation) =>
        moderation.StaffHistoryAsync(Caller, groupId, afterSeq, Context.ConnectionAborted);

    [Authorize(Policy = Policies.Moderation)]
    public Task MuteMember(string groupId, string memberId, int minutes, string reason, MemberModeration members) =>
        members.MuteAsync(Caller, groupId, memberId, minutes, reason, Context.ConnectionAborted);

    [Authorize(Policy = Policies.Moderation)]
    public Task UnmuteMember(string groupId, string memberId, MemberModeration members) =>
        members.UnmuteAsync(Caller, groupId, memberId, Context.ConnectionAborted);

    [Authorize(Policy = Policies.Moderation)]
    public Task RemoveMember(string groupId, string memberId, string reason, MemberModeration members) =>
        members.RemoveAsync(Caller, groupId, memberId, reason, Context.ConnectionAborted);

    [Authorize(Policy = Policies.Participant)]
    public Task RequestModerator(string groupId, string text, Backchannel backchannel) =>
        backchannel.RequestModeratorAsync(registry.Get(Context.ConnectionId, groupId), groupId, text, Context.ConnectionAborted);

    [Authorize(Policy = Policies.Moderation)]
    public Task SendPrivateMessage(string groupId, string memberId, string text, Backchannel backchannel) =>
        backchannel.SendPrivateMessageAsync(Caller, groupId, memberId, text, Context.ConnectionAborted);

    [Authorize(Policy = Policies.Staff)]
    public Task<IReadOnlyList<BackchannelDto>> GetBackchannel(string groupId, Backchannel backchannel) =>
        backchannel.RecentAsync(Caller, groupId, Context.ConnectionAborted);

    [Authorize(Policy = Policies.Moderation)]
    public async Task<IReadOnlyList<TalkShare>> GetTalkBalance(string groupId, ModerationAccess access, TalkBalance talk)
    {
        await access.EnsureModeratorAsync(Caller, groupId, Context.ConnectionAborted);
        return await talk.GetAsync(groupId, Context.ConnectionAborted);
    }
}
