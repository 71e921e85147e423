using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OnlineGroup.IntegrationTests.Infrastructure;
using Quartz;
using static OnlineGroup.IntegrationTests.Schedule.ScheduleTesting;

namespace OnlineGroup.IntegrationTests.Schedule;

/// <summary>
/// A weekly session driven by Quartz on the app's fake clock, through the real hub: young people wait
/// outside until it opens, are warned before it closes, and stay connected (reading signposting) after.
/// </summary>
public sealed class SessionLifecycle : IAsyncLifetime
{
    // Tuesday 12 January 2027, half an hour before a Tuesday 18:00 to 20:00 session (London is on UTC in winter).
    private readonly OnlineGroupApp _app = new(new FakeTimeProvider(T("2027-01-12T17:30Z")));
    private LiveGroup _group = null!;

    public async Task InitializeAsync()
    {
        _group = await _app.LiveGroupAsync(youngPeople: 1, open: false);
        await _app.PutWeeklyAsync(_group.ModeratorToken, _group.GroupId, new { day = "Tuesday", start = "18:00", end = "20:00" });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AYoungPersonWaitsOutsideIsLetInAtTheStartIsWarnedBeforeTheEndAndCanReadButNotSendAfter()
    {
        await using var moderator = await ChatClient.ConnectAsync(_app, _group.ModeratorToken);
        (await moderator.JoinAsync(_group.GroupId)).Admitted.Should().BeTrue("staff are always admitted, to prepare");
        await using var sam = await ChatClient.ConnectAsync(_app, _group.Young[0].Token);

        var early = await sam.JoinAsync(_group.GroupId);
        early.Admitted.Should().BeFalse();
        early.Reason.Should().Be("closed");
        early.NextSession!.Value.GetProperty("startsAt").GetDateTimeOffset().Should().Be(T("2027-01-12T18:00Z"));

        _app.Time.Advance(TimeSpan.FromMinutes(30));
        (await sam.NextStateAsync("open")).ClosesAt.Should().Be(T("2027-01-12T20:00Z"));
        (await sam.JoinAsync(_group.GroupId)).Admitted.Should().BeTrue();
        (await sam.SendAsync(_group.GroupId, "hi everyone")).Status.Should().Be("published");

        _app.Time.Advance(TimeSpan.FromMinutes(110));
        (await sam.NextAsync<SessionEnding>("SessionEnding")).ClosesAt.Should().Be(T("2027-01-12T20:00Z"));
        (await moderator.NextAsync<SessionEnding>("SessionEnding")).ClosesAt.Should().Be(T("2027-01-12T20:00Z"));

        _app.Time.Advance(TimeSpan.FromMinutes(10));
        var closed = await sam.NextAsync<SessionClosed>("SessionClosed");
        closed.NextSession!.StartsAt.Should().Be(T("2027-01-19T18:00Z"));
        await sam.NextStateAsync("closed");

        (await sam.SendAsync(_group.GroupId, "wait, one more thing")).Should().BeEquivalentTo(new SendResult("rejected", null, null, "closed"));
        sam.Connection.State.Should().Be(HubConnectionState.Connected, "a young person keeps the page, and its signposting, after the close");
        (await sam.HistoryAsync(_group.GroupId, 0)).Select(m => m.Text).Should().Equal("hi everyone");
        (await moderator.SendAsync(_group.GroupId, "thanks all, see you next week")).Status.Should().Be("published", "staff can still write");
    }

    [Fact]
    public async Task EachOpenAndCloseIsOnTheAuditTrailOnce()
    {
        await using var sam = await ChatClient.ConnectAsync(_app, _group.Young[0].Token);
        await sam.JoinAsync(_group.GroupId);
        _app.Time.Advance(TimeSpan.FromMinutes(30));
        await sam.NextStateAsync("open");
        _app.Time.Advance(TimeSpan.FromHours(2));
        await sam.NextAsync<SessionClosed>("SessionClosed");

        var audit = await _app.AuditAsync(_group.AdminToken, _group.GroupId);
        audit.Select(a => a.Action).Where(a => a.StartsWith("session.", StringComparison.Ordinal))
            .Should().Equal("session.opened", "session.closed");
        audit.Single(a => a.Action == "session.opened").ActorId.Should().Be("system");
        audit.Single(a => a.Action == "session.closed").At.Should().Be(T("2027-01-12T20:00Z"), "the close is recorded when it happened");
        audit.Should().Contain(a => a.Action == "schedule.changed");
    }

    [Fact]
    public async Task TheSchedulerKeepsTheAppsClockAndWaitsForTheNextSession()
    {
        var scheduler = await _app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(CancellationToken.None);
        scheduler.TimeProvider.Should().BeSameAs(_app.Time);

        var trigger = await scheduler.GetTrigger(new TriggerKey(_group.GroupId, "session-clock"), CancellationToken.None);
        trigger!.NextFireTimeUtc.Should().Be(T("2027-01-12T18:00Z"));
    }
}
