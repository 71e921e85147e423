using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using OnlineGroup.IntegrationTests.Infrastructure;
using OnlineGroup.IntegrationTests.Journey;
using OnlineGroup.Server.Records;

namespace OnlineGroup.IntegrationTests.Records;

public sealed class HandoverReports : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new(services: MarkerScanner.Use);
    private LiveGroup _group = null!;
    private DateTimeOffset _start;
    private DateTimeOffset _end;
    private ChatClient _moderator = null!;
    private ChatClient _sam = null!;
    private ChatClient _alex = null!;

    public async Task InitializeAsync()
    {
        var now = _app.Time.GetUtcNow();
        (_start, _end) = (now.AddMinutes(-1), now.AddHours(2)); // the session LiveGroupAsync opens
        _group = await _app.LiveGroupAsync(youngPeople: 3);
        _moderator = await ChatClient.ConnectAsync(_app, _group.ModeratorToken);
        _sam = await ChatClient.ConnectAsync(_app, _group.Young[0].Token);
        _alex = await ChatClient.ConnectAsync(_app, _group.Young[1].Token);
        foreach (var client in new[] { _moderator, _sam, _alex })
        {
            (await client.JoinAsync(_group.GroupId)).Admitted.Should().BeTrue();
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { _moderator, _sam, _alex })
        {
            await client.DisposeAsync();
        }

        await _app.DisposeAsync();
    }

    private Task<HandoverDto> BuildAsync() => _app.Services.GetRequiredService<Handovers>().BuildHandoverAsync(_group.GroupId, _start, _end);

    [Fact]
    public async Task TheReportSaysWhoCameWhoSaidHowMuchAndWhatStaffHadToHandle()
    {
        await SayAsync(_sam, "hi everyone");
        await SayAsync(_sam, "rough day at school");
        var held = await SayAsync(_sam, "[hold] i don't want to be here");
        await SayAsync(_alex, "hey sam");
        var flagged = await SayAsync(_alex, "[flag] same tbh");
        var blocked = await SayAsync(_alex, "[block] something unsafe");
        await SayAsync(_moderator, "Welcome both, thanks for coming tonight");
        await _sam.Connection.InvokeAsync("RequestModerator", _group.GroupId, "can i talk to someone");
        await _moderator.Connection.InvokeAsync("MuteMember", _group.GroupId, _group.Young[1].MemberId, 10, "Pausing Alex for a moment");
        _app.Time.Advance(TimeSpan.FromHours(2.1));

        var report = await BuildAsync();

        var content = report.Report!;
        content.Attended.Select(a => a.DisplayName).Should().Equal(["Sam", "Alex"], "Robin never came in");
        content.Messages.Should().Be(new MessageCounts(Total: 6, Published: 4, Held: 1, Blocked: 1, Rejected: 0, Removed: 0));
        content.StaffMessages.Should().Be(1);
        content.PerMember.Should().BeEquivalentTo(new[]
        {
            new MemberMessages(_group.Young[0].MemberId, "Sam", new MessageCounts(3, 2, 1, 0, 0, 0)),
            new MemberMessages(_group.Young[1].MemberId, "Alex", new MessageCounts(3, 2, 0, 1, 0, 0)),
        });
        content.Held.Should().ContainSingle().Which.Should().Match<MessageRef>(m => m.MessageId == held.MessageId && m.AuthorName == "Sam");
        content.Blocked.Should().ContainSingle().Which.MessageId.Should().Be(blocked.MessageId);
        content.Flagged.Select(m => m.MessageId).Should().Equal(held.MessageId, flagged.MessageId, blocked.MessageId);
        content.ModeratorRequests.Should().Be(1);
        content.MutedOrRemoved.Should().ContainSingle().Which.Should().Match<RestrictionRef>(r => r.DisplayName == "Alex" && r.Kind == "mute");
        JsonSerializer.Serialize(content).Should().NotContain("rough day").And.NotContain("unsafe", "reports name messages by id, never by their words");
    }

    [Fact]
    public async Task ModeratorsLeaveNotesDuringTheSessionAndAfterItAndStaffReadThemWithTheReport()
    {
        var during = await _moderator.Connection.InvokeAsync<HandoverNoteDto>("AddHandoverNote", _group.GroupId, "Sam had a rough day; check in next week");
        during.SessionStartsAt.Should().Be(_start);
        _app.Time.Advance(TimeSpan.FromHours(2.1));
        await BuildAsync();

        var after = await _app.PostAsync(_group.ModeratorToken, $"/api/groups/{_group.GroupId}/handover-notes", new { text = "Alex went quiet after 7pm" });
        after.ShouldBe(HttpStatusCode.Created);

        var handovers = await _app.GetAsync<List<HandoverDto>>(_group.LeadToken, $"/api/groups/{_group.GroupId}/handovers");
        var session = handovers.Should().ContainSingle().Subject;
        session.SessionStartsAt.Should().Be(_start);
        session.Report!.Attended.Should().HaveCount(2);
        session.Notes.Select(n => n.Text).Should().Equal("Sam had a rough day; check in next week", "Alex went quiet after 7pm");
        session.Notes.Should().OnlyContain(n => n.AuthorId == _group.ModeratorId);
    }

    [Fact]
    public async Task BuildingTheReportAgainReplacesItRatherThanAddingASecond()
    {
        await SayAsync(_sam, "one");
        _app.Time.Advance(TimeSpan.FromHours(2.1));
        await BuildAsync();
        await BuildAsync();

        (await _app.GetAsync<List<HandoverDto>>(_group.ModeratorToken, $"/api/groups/{_group.GroupId}/handovers"))
            .Should().ContainSingle().Which.Report!.Messages.Total.Should().Be(1);
    }

    [Fact]
    public async Task YoungPeopleCannotReadHandoversOrWriteNotes()
    {
        (await _app.GetAsync(_group.Young[0].Token, $"/api/groups/{_group.GroupId}/handovers")).ShouldBe(HttpStatusCode.Forbidden);
        (await _app.PostAsync(_group.Young[0].Token, $"/api/groups/{_group.GroupId}/handover-notes", new { text = "hello" })).ShouldBe(HttpStatusCode.Forbidden);
        var hub = () => _sam.Connection.InvokeAsync<HandoverNoteDto>("AddHandoverNote", _group.GroupId, "hello");
        await hub.Should().ThrowAsync<HubException>();
        (await _app.GetAsync<List<HandoverDto>>(_group.ModeratorToken, $"/api/groups/{_group.GroupId}/handovers")).Should().BeEmpty();
    }

    /// <summary>Sends, then lets a second pass, as in a real conversation (the fake clock stands still otherwise).</summary>
    private async Task<SendResult> SayAsync(ChatClient client, string text)
    {
        var sent = await client.SendAsync(_group.GroupId, text);
        _app.Time.Advance(TimeSpan.FromSeconds(1));
        return sent;
    }
}
