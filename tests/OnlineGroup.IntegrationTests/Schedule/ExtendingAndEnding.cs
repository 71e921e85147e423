using Microsoft.AspNetCore.SignalR;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Schedule;

/// <summary>Moderators extend the session in progress or end it early; everyone is told, and it is on the record.</summary>
public sealed class ExtendingAndEnding : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new();
    private LiveGroup _group = null!;
    private ChatClient _moderator = null!;
    private ChatClient _sam = null!;
    private DateTimeOffset _closesAt;

    public async Task InitializeAsync()
    {
        _group = await _app.LiveGroupAsync(youngPeople: 1);
        _moderator = await ChatClient.ConnectAsync(_app, _group.ModeratorToken);
        _sam = await ChatClient.ConnectAsync(_app, _group.Young[0].Token);
        await _moderator.JoinAsync(_group.GroupId);
        (await _sam.JoinAsync(_group.GroupId)).Admitted.Should().BeTrue();
        _closesAt = (await _app.StatusAsync(_group.Young[0].Token, _group.GroupId)).CurrentSession!.EndsAt;
    }

    public async Task DisposeAsync()
    {
        await _sam.DisposeAsync();
        await _moderator.DisposeAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task ExtendingTellsEveryoneTheNewClosingTimeAndTheSessionClosesThenInstead()
    {
        await _moderator.ExtendSessionAsync(_group.GroupId, 30);

        var newClose = _closesAt.AddMinutes(30);
        (await _sam.NextStateAsync(s => s.ClosesAt == newClose)).State.Should().Be("open");
        (await _app.StatusAsync(_group.Young[0].Token, _group.GroupId)).CurrentSession!.EndsAt.Should().Be(newClose);

        _app.Time.Advance(_closesAt - _app.Time.GetUtcNow());
        (await _sam.SendAsync(_group.GroupId, "glad we have longer")).Status.Should().Be("published", "the old closing time has passed, the new one has not");
        _app.Time.Advance(TimeSpan.FromMinutes(30));
        await _sam.NextAsync<SessionClosed>("SessionClosed");
        (await _sam.SendAsync(_group.GroupId, "bye")).Reason.Should().Be("closed");

        var extended = (await _app.AuditAsync(_group.AdminToken, _group.GroupId)).Single(a => a.Action == "session.extended");
        extended.ActorId.Should().Be(_group.ModeratorId);
        extended.Data!.Value.GetProperty("minutes").GetInt32().Should().Be(30);
    }

    [Fact]
    public async Task EndingEarlyClosesTheSessionForEveryoneAtOnce()
    {
        await _moderator.EndSessionAsync(_group.GroupId);

        (await _sam.NextAsync<SessionClosed>("SessionClosed")).GroupId.Should().Be(_group.GroupId);
        await _moderator.NextAsync<SessionClosed>("SessionClosed");
        (await _sam.SendAsync(_group.GroupId, "oh, is it over?")).Reason.Should().Be("closed");
        (await _app.StatusAsync(_group.Young[0].Token, _group.GroupId)).State.Should().Be("closed");
        var actions = (await _app.AuditAsync(_group.AdminToken, _group.GroupId)).Select(a => a.Action);
        actions.Should().ContainInOrder("session.opened", "session.ended", "session.closed");
    }

    [Fact]
    public async Task OnlyTheGroupsModeratorsCanExtendOrEndItsSessionAndARefusalChangesNothing()
    {
        var (_, otherModerator) = await _app.StaffAsync(_group.AdminToken, "moderator");
        await using var stranger = await ChatClient.ConnectAsync(_app, otherModerator);
        await using var lead = await ChatClient.ConnectAsync(_app, _group.LeadToken);

        (await _sam.Invoking(c => c.ExtendSessionAsync(_group.GroupId, 30)).Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("unauthorized");
        (await lead.Invoking(c => c.EndSessionAsync(_group.GroupId)).Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("unauthorized");
        (await stranger.Invoking(c => c.EndSessionAsync(_group.GroupId)).Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("Only this group's moderators");

        var status = await _app.StatusAsync(_group.Young[0].Token, _group.GroupId);
        status.State.Should().Be("open");
        status.CurrentSession!.EndsAt.Should().Be(_closesAt);
    }

    [Fact]
    public async Task ExtendingOutsideASessionOrByTooMuchSaysWhy()
    {
        (await _moderator.Invoking(c => c.ExtendSessionAsync(_group.GroupId, 0)).Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("1 to 240 minutes");
        await _moderator.EndSessionAsync(_group.GroupId);

        (await _moderator.Invoking(c => c.ExtendSessionAsync(_group.GroupId, 15)).Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("no session in progress");
        (await _moderator.Invoking(c => c.EndSessionAsync(_group.GroupId)).Should().ThrowAsync<HubException>()).Which.Message.Should().Contain("no session in progress");
    }
}
