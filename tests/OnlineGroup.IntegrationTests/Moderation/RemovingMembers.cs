using Microsoft.AspNetCore.SignalR.Client;
using OnlineGroup.IntegrationTests.Infrastructure;
using HubException = Microsoft.AspNetCore.SignalR.HubException;

namespace OnlineGroup.IntegrationTests.Moderation;

public sealed class RemovingMembers(ModerationApp fixture) : IClassFixture<ModerationApp>
{
    private readonly OnlineGroupApp _app = fixture.App;

    [Fact]
    public async Task ARemovedMemberIsToldTakenOutOfTheRoomAndCannotPost()
    {
        await using var room = await Room.OpenAsync(_app);

        await room.Moderator.Connection.InvokeAsync("RemoveMember", room.Id, room.SamId, "Repeatedly unkind after a warning");

        (await room.Sam.NextAsync<RemovedFromGroup>("RemovedFromGroup")).GroupId.Should().Be(room.Id);
        (await room.Sam.SendAsync(room.Id, "let me back")).Reason.Should().Be("notJoined");
        var history = () => room.Sam.HistoryAsync(room.Id, 0);
        await history.Should().ThrowAsync<HubException>();

        await room.Alex.SendAsync(room.Id, "is sam gone?");
        await room.Moderator.Connection.InvokeAsync("PauseGroup", room.Id, "a moment to settle");
        await room.Moderator.Connection.InvokeAsync("SendPrivateMessage", room.Id, room.SamId, "Sam, I'm here if you want to talk.");
        (await room.Sam.NextAsync<PrivateNotice>("PrivateMessage")).Text.Should().Be("Sam, I'm here if you want to talk.");
        room.Sam.Drain("MessagePublished").Should().BeEmpty("messages after the removal no longer reach Sam");
        room.Sam.Drain("GroupStateChanged").Should().BeEmpty("nor does the group's state");
    }

    [Fact]
    public async Task ARemovedMemberCannotRejoinThisSessionButCanComeToTheNextOne()
    {
        await using var room = await Room.OpenAsync(_app);
        await room.Moderator.Connection.InvokeAsync("RemoveMember", room.Id, room.SamId, "Needs a break tonight");
        await room.Sam.NextAsync<RemovedFromGroup>("RemovedFromGroup");

        await using var again = await ChatClient.ConnectAsync(_app, room.Group.Young[0].Token);
        var refused = await again.JoinAsync(room.Id);
        refused.Admitted.Should().BeFalse();
        refused.Reason.Should().Be("removed");
        refused.History.Should().BeEmpty();
        (await again.SendAsync(room.Id, "please")).Reason.Should().Be("notJoined");

        _app.Time.Advance(TimeSpan.FromHours(2)); // the session (a minute ago to two hours from then) is over
        await _app.OpenSessionNowAsync(room.Group.AdminToken, room.Id, hours: 0.5);

        var next = await again.JoinAsync(room.Id);
        next.Admitted.Should().BeTrue();
        (await again.SendAsync(room.Id, "i'm back, sorry about last time")).Status.Should().Be("published");
    }

    [Fact]
    public async Task RemovalIsRecordedUntilTheSessionEnds()
    {
        await using var room = await Room.OpenAsync(_app);
        var now = _app.Time.GetUtcNow();

        await room.Moderator.Connection.InvokeAsync("RemoveMember", room.Id, room.SamId, "Needs a break tonight");

        var entry = (await room.AuditAsync()).Should().ContainSingle(a => a.Action == "member.removed").Subject;
        entry.TargetId.Should().Be(room.SamId);
        entry.Reason.Should().Be("Needs a break tonight");
        entry.Data!.Value.GetProperty("until").GetDateTimeOffset().Should().Be(now.AddHours(2), "the session opened by the test ends two hours from its start");
    }

    private sealed record RemovedFromGroup(string GroupId);
}
