using Microsoft.Extensions.Time.Testing;
using OnlineGroup.IntegrationTests.Infrastructure;
using static OnlineGroup.IntegrationTests.Schedule.ScheduleTesting;

namespace OnlineGroup.IntegrationTests.Schedule;

/// <summary>A restart neither loses a session nor repeats one: triggers are rebuilt from the database.</summary>
public sealed class RestartMidSession : IAsyncLifetime
{
    private readonly OnlineGroupApp _before = new(new FakeTimeProvider(T("2027-01-12T17:30Z")));
    private OnlineGroupApp _after = null!;
    private LiveGroup _group = null!;

    public async Task InitializeAsync()
    {
        _group = await _before.LiveGroupAsync(youngPeople: 1, open: false);
        await _before.PutWeeklyAsync(_group.ModeratorToken, _group.GroupId, new { day = "Tuesday", start = "18:00", end = "20:00" });
        await using (var sam = await ChatClient.ConnectAsync(_before, _group.Young[0].Token))
        {
            await sam.JoinAsync(_group.GroupId);
            _before.Time.Advance(TimeSpan.FromMinutes(30));
            await sam.NextStateAsync("open");
        }

        await _before.DisposeAsync();
        // The same server, started again an hour into the session.
        _after = new OnlineGroupApp(new FakeTimeProvider(T("2027-01-12T19:00Z")), _before.DataFolder);
    }

    public async Task DisposeAsync() => await _after.DisposeAsync();

    [Fact]
    public async Task TheGroupIsStillOpenAndItsWarningAndCloseStillComeOnce()
    {
        await using var sam = await ChatClient.ConnectAsync(_after, _group.Young[0].Token);
        (await sam.JoinAsync(_group.GroupId)).Admitted.Should().BeTrue("the session is still on after the restart");
        (await _after.StatusAsync(_group.Young[0].Token, _group.GroupId)).State.Should().Be("open");

        _after.Time.Advance(TimeSpan.FromMinutes(50));
        (await sam.NextAsync<SessionEnding>("SessionEnding")).ClosesAt.Should().Be(T("2027-01-12T20:00Z"));
        _after.Time.Advance(TimeSpan.FromMinutes(10));
        (await sam.NextAsync<SessionClosed>("SessionClosed")).NextSession!.StartsAt.Should().Be(T("2027-01-19T18:00Z"));
        (await sam.SendAsync(_group.GroupId, "still there?")).Reason.Should().Be("closed");

        var sessionLines = (await _after.AuditAsync(_group.AdminToken, _group.GroupId))
            .Where(a => a.Action.StartsWith("session.", StringComparison.Ordinal)).Select(a => a.Action);
        sessionLines.Should().Equal(["session.opened", "session.closed"], "the restart neither opened the session again nor closed it twice");
        sam.Drain("SessionClosed").Should().BeEmpty();
    }
}
