using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OnlineGroup.IntegrationTests.Infrastructure;
using OnlineGroup.Server.Schedule;
using Quartz;
using static OnlineGroup.IntegrationTests.Schedule.ScheduleTesting;

namespace OnlineGroup.IntegrationTests.Schedule;

/// <summary>
/// The method the Quartz job calls, called directly with the scheduler on standby: it takes "now" from the
/// app's clock, announces what changed once, and sets the trigger for the next moment.
/// </summary>
public sealed class SessionClockSync : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new(new FakeTimeProvider(T("2027-01-12T17:00Z")));
    private LiveGroup _group = null!;
    private SessionClock _clock = null!;
    private SessionTriggers _triggers = null!;

    public async Task InitializeAsync()
    {
        _group = await _app.LiveGroupAsync(youngPeople: 1, open: false);
        await _app.PutWeeklyAsync(_group.ModeratorToken, _group.GroupId, new { day = "Tuesday", start = "18:00", end = "20:00" });
        var scheduler = await _app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(CancellationToken.None);
        await scheduler.Standby(CancellationToken.None);
        _clock = _app.Services.GetRequiredService<SessionClock>();
        _triggers = _app.Services.GetRequiredService<SessionTriggers>();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AtTheStartItOpensOnceAndSetsTheTriggerForTheWarning()
    {
        await using var sam = await ChatClient.ConnectAsync(_app, _group.Young[0].Token);
        (await sam.JoinAsync(_group.GroupId)).Reason.Should().Be("closed");
        (await _triggers.NextWakeAsync(_group.GroupId)).Should().Be(T("2027-01-12T18:00Z"));

        _app.Time.Advance(TimeSpan.FromHours(1));
        var first = await _clock.SyncAsync(_group.GroupId);
        var again = await _clock.SyncAsync(_group.GroupId);

        first!.Open.Should().BeTrue();
        first.WakeAt.Should().Be(T("2027-01-12T19:50Z"));
        again!.ChangesAnything.Should().BeFalse();
        (await sam.NextStateAsync("open")).ClosesAt.Should().Be(T("2027-01-12T20:00Z"));
        (await _triggers.NextWakeAsync(_group.GroupId)).Should().Be(T("2027-01-12T19:50Z"));
        (await _app.AuditAsync(_group.AdminToken, _group.GroupId)).Count(a => a.Action == "session.opened").Should().Be(1);
    }

    [Fact]
    public async Task LookingOnlyAfterTheEndClosesWithoutALateWarningAndWaitsForNextWeek()
    {
        _app.Time.Advance(TimeSpan.FromHours(1));
        await _clock.SyncAsync(_group.GroupId);
        await using var sam = await ChatClient.ConnectAsync(_app, _group.Young[0].Token);
        await sam.JoinAsync(_group.GroupId);

        _app.Time.Advance(TimeSpan.FromHours(2));
        var step = await _clock.SyncAsync(_group.GroupId);

        step!.Close.Should().BeTrue();
        step.Warn.Should().BeFalse("a warning for a session already over would only confuse");
        await sam.NextAsync<SessionClosed>("SessionClosed");
        (await _triggers.NextWakeAsync(_group.GroupId)).Should().Be(T("2027-01-19T18:00Z"));
    }

    [Fact]
    public async Task ForAGroupThatDoesNotExistItDoesNothing()
    {
        (await _clock.SyncAsync("no-such-group")).Should().BeNull();
        (await _triggers.NextWakeAsync("no-such-group")).Should().BeNull();
    }
}
