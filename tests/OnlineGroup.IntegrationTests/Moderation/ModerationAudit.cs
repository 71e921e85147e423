using Microsoft.AspNetCore.SignalR.Client;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Moderation;

public sealed class ModerationAudit(ModerationApp fixture) : IClassFixture<ModerationApp>
{
    private readonly OnlineGroupApp _app = fixture.App;

    [Fact]
    public async Task EveryStaffActionIsInTheAuditTrailWithWhoWhatAndWhy()
    {
        await using var room = await Room.OpenAsync(_app, Room.Premoderated);
        var hub = room.Moderator.Connection;
        var held = await room.Sam.SendAsync(room.Id, "first held");
        var heldToo = await room.Alex.SendAsync(room.Id, "second held");
        var setUp = (await room.AuditAsync()).Count;

        await hub.InvokeAsync("PauseGroup", room.Id, "Upsetting topic; regrouping");
        await hub.InvokeAsync("ResumeGroup", room.Id);
        await hub.InvokeAsync("SetSlowMode", room.Id, 20);
        await hub.InvokeAsync("ApproveMessage", room.Id, held.MessageId);
        await hub.InvokeAsync("RejectMessage", room.Id, heldToo.MessageId, "Names another young person");
        await hub.InvokeAsync("RemoveMessage", room.Id, held.MessageId, "On reflection, too graphic");
        await hub.InvokeAsync("MuteMember", room.Id, room.AlexId, 15, "Talking over others");
        await hub.InvokeAsync("UnmuteMember", room.Id, room.AlexId);
        await hub.InvokeAsync("SendPrivateMessage", room.Id, room.RobinId, "Checking in with you privately");
        await hub.InvokeAsync("RemoveMember", room.Id, room.SamId, "Sharing self-harm methods after a warning");

        var audit = (await room.AuditAsync()).Skip(setUp).ToList();

        audit.Select(a => (a.Action, a.TargetType, a.TargetId, a.Reason)).Should().Equal(
            ("group.paused", "group", room.Id, "Upsetting topic; regrouping"),
            ("group.resumed", "group", room.Id, null),
            ("group.slowMode", "group", room.Id, null),
            ("message.approved", "message", held.MessageId, null),
            ("message.rejected", "message", heldToo.MessageId, "Names another young person"),
            ("message.removed", "message", held.MessageId, "On reflection, too graphic"),
            ("member.muted", "member", room.AlexId, "Talking over others"),
            ("member.unmuted", "member", room.AlexId, null),
            ("member.privateMessage", "member", room.RobinId, null),
            ("member.removed", "member", room.SamId, "Sharing self-harm methods after a warning"));
        audit.Should().OnlyContain(a => a.ActorId == room.Group.ModeratorId && a.ActorRole == "moderator" && a.At == _app.Time.GetUtcNow());
        audit.Single(a => a.Action == "group.slowMode").Data!.Value.GetProperty("seconds").GetInt32().Should().Be(20);
        audit.Single(a => a.Action == "member.muted").Data!.Value.GetProperty("minutes").GetInt32().Should().Be(15);
        audit.Select(a => a.Data?.GetRawText() ?? "").Should().NotContain(d => d.Contains("held", StringComparison.Ordinal) && d.Contains("first", StringComparison.Ordinal),
            "the audit trail keeps ids and settings, never a young person's words");
        audit.Select(a => a.Data?.GetRawText() ?? "").Should().NotContain(d => d.Contains("Checking in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task YoungPeopleCannotReadTheAuditTrail()
    {
        await using var room = await Room.OpenAsync(_app);
        using var http = _app.Http(room.Group.Young[0].Token);

        (await http.GetAsync($"/api/groups/{room.Id}/audit")).StatusCode.Should().Be(System.Net.HttpStatusCode.Forbidden);
    }
}
