using Microsoft.AspNetCore.SignalR.Client;
using OnlineGroup.IntegrationTests.Infrastructure;
using HubException = Microsoft.AspNetCore.SignalR.HubException;

namespace OnlineGroup.IntegrationTests.Moderation;

public sealed class WhoMayModerate(ModerationApp fixture) : IClassFixture<ModerationApp>
{
    private readonly OnlineGroupApp _app = fixture.App;

    public static TheoryData<string> ModeratorMethods =>
    [
        "PauseGroup", "ResumeGroup", "SetSlowMode", "RemoveMessage", "ApproveMessage", "RejectMessage",
        "MuteMember", "UnmuteMember", "RemoveMember", "SendPrivateMessage", "GetTalkBalance",
    ];

    public static TheoryData<string> StaffViews => ["GetStaffHistory", "GetHeldMessages", "GetBackchannel"];

    [Theory]
    [MemberData(nameof(ModeratorMethods))]
    [MemberData(nameof(StaffViews))]
    public async Task AYoungPersonGetsAHubExceptionAndNothingChanges(string method)
    {
        await using var room = await Room.OpenAsync(_app);
        var (messageId, auditBefore) = await PrepareAsync(room);

        var call = () => room.Robin.Connection.InvokeCoreAsync<object?>(method, Args(method, room, messageId));

        (await call.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("unauthorized");
        await AssertNothingChangedAsync(room, messageId, auditBefore);
    }

    [Theory]
    [MemberData(nameof(ModeratorMethods))]
    public async Task AModeratorOfAnotherGroupGetsAHubExceptionAndNothingChanges(string method)
    {
        await using var room = await Room.OpenAsync(_app);
        var (messageId, auditBefore) = await PrepareAsync(room);
        await using var outsider = await room.ModeratorAsync(assign: false);

        var call = () => outsider.Connection.InvokeCoreAsync<object?>(method, Args(method, room, messageId));

        (await call.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("not a moderator of this group");
        await AssertNothingChangedAsync(room, messageId, auditBefore);
    }

    [Theory]
    [MemberData(nameof(ModeratorMethods))]
    public async Task ASafeguardingLeadCannotModerateEvenInTheirOwnGroup(string method)
    {
        await using var room = await Room.OpenAsync(_app);
        var (messageId, auditBefore) = await PrepareAsync(room);
        await using var lead = await ChatClient.ConnectAsync(_app, room.Group.LeadToken);
        await lead.JoinAsync(room.Id);

        var call = () => lead.Connection.InvokeCoreAsync<object?>(method, Args(method, room, messageId));

        (await call.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("unauthorized");
        await AssertNothingChangedAsync(room, messageId, auditBefore);
    }

    [Theory]
    [MemberData(nameof(StaffViews))]
    public async Task StaffOfAnotherGroupCannotReadItsStaffViews(string method)
    {
        await using var room = await Room.OpenAsync(_app);
        var (messageId, _) = await PrepareAsync(room);
        await using var outsider = await room.ModeratorAsync(assign: false);

        var call = () => outsider.Connection.InvokeCoreAsync<object?>(method, Args(method, room, messageId));

        (await call.Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("not on this group's staff");
    }

    private static async Task<(string MessageId, int AuditCount)> PrepareAsync(Room room)
    {
        var sent = await room.Sam.SendAsync(room.Id, "something to act on");
        await room.Alex.NextMessageAsync();
        await room.Sam.NextMessageAsync();
        return (sent.MessageId!, (await room.AuditAsync()).Count);
    }

    private static object?[] Args(string method, Room room, string messageId) => method switch
    {
        "PauseGroup" => [room.Id, "taking over"],
        "ResumeGroup" or "GetTalkBalance" or "GetHeldMessages" or "GetBackchannel" => [room.Id],
        "SetSlowMode" => [room.Id, 300],
        "RemoveMessage" or "RejectMessage" => [room.Id, messageId, "because I can"],
        "ApproveMessage" => [room.Id, messageId],
        "MuteMember" => [room.Id, room.SamId, 60, "quiet"],
        "UnmuteMember" => [room.Id, room.SamId],
        "RemoveMember" => [room.Id, room.SamId, "out"],
        "SendPrivateMessage" => [room.Id, room.SamId, "psst"],
        "GetStaffHistory" => [room.Id, 0L],
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "no arguments for this method"),
    };

    /// <summary>No audit entry, no pause, slow mode, mute or removal: Sam still posts and Alex still sees it, and the first message is still there.</summary>
    private static async Task AssertNothingChangedAsync(Room room, string messageId, int auditCount)
    {
        (await room.AuditAsync()).Should().HaveCount(auditCount);
        (await room.Sam.SendAsync(room.Id, "still here")).Status.Should().Be("published");
        (await room.Sam.SendAsync(room.Id, "and again, no slow mode")).Status.Should().Be("published");
        (await room.Alex.NextMessageAsync()).Text.Should().Be("still here");
        (await room.Sam.NextMessageAsync()).Text.Should().Be("still here", "so anything sent to Sam before it has arrived too");
        room.Sam.Drain("GroupStateChanged").Should().BeEmpty();
        (await room.Alex.HistoryAsync(room.Id, 0)).Select(m => m.MessageId).Should().Contain(messageId);
        room.Sam.Drain("Muted").Should().BeEmpty();
        room.Sam.Drain("RemovedFromGroup").Should().BeEmpty();
        room.Sam.Drain("PrivateMessage").Should().BeEmpty();
    }
}
