using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using OnlineGroup.IntegrationTests.Infrastructure;
using OnlineGroup.IntegrationTests.Journey;
using OnlineGroup.Server.Records;

namespace OnlineGroup.IntegrationTests.Records;

public sealed class ChatRetention : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new(services: MarkerScanner.Use);
    private LiveGroup _group = null!;
    private ChatClient _sam = null!;
    private string _flaggedId = null!;
    private string _escalatedId = null!;

    /// <summary>
    /// Three messages, one escalated by a moderator and one flagged by the scan (a concern points at each),
    /// a private word; 91 days later the
    /// nightly purge has run, and a new session has one more message.
    /// </summary>
    public async Task InitializeAsync()
    {
        _group = await _app.LiveGroupAsync(youngPeople: 1);
        _sam = await ChatClient.ConnectAsync(_app, _group.Young[0].Token);
        await _sam.JoinAsync(_group.GroupId);
        _escalatedId = (await _sam.SendAsync(_group.GroupId, "old one")).MessageId!;
        _flaggedId = (await _sam.SendAsync(_group.GroupId, "old [flag] two")).MessageId!;
        await _sam.SendAsync(_group.GroupId, "old three");
        await using (var moderator = await ChatClient.ConnectAsync(_app, _group.ModeratorToken))
        {
            await moderator.JoinAsync(_group.GroupId);
            await moderator.Connection.InvokeAsync<JsonElement>("EscalateMessage", _group.GroupId, _escalatedId, "medium", "keep an eye on this");
            await moderator.Connection.InvokeAsync("SendPrivateMessage", _group.GroupId, _group.Young[0].MemberId, "an old private word");
        }

        var nightly = await JobRuns.WatchAsync(_app, RetentionJob.Job);
        _app.Time.Advance(TimeSpan.FromDays(91));
        await nightly.NextAsync(); // the nights slept through are purged as soon as the clock is back
        await _app.OpenSessionNowAsync((await _app.AdminAsync()).AccessToken, _group.GroupId);
        (await _sam.SendAsync(_group.GroupId, "new four")).Seq.Should().Be(4);
    }

    public async Task DisposeAsync()
    {
        await _sam.DisposeAsync();
        await _app.DisposeAsync();
    }

    private Task<PurgeResult> PurgeAsync() => _app.Services.GetRequiredService<Retention>().PurgeExpiredChatAsync();

    [Fact]
    public async Task TheNightlyPurgeDeletesChatOlderThanNinetyDaysExceptMessagesAConcernPointsAt()
    {
        var admin = (await _app.AdminAsync()).AccessToken;
        var timeline = await _app.GetAsync<TimelineDto>(admin, $"/api/groups/{_group.GroupId}/members/{_group.Young[0].MemberId}/timeline");
        timeline.Entries.Where(e => e.Kind == "message").Should().ContainSingle()
            .Which.Should().Match<TimelineEntry>(e => e.MessageId == _flaggedId && e.Text == "old [flag] two");
        timeline.Entries.Where(e => e.Kind == "concern").Select(e => e.MessageId).Should().BeEquivalentTo([_escalatedId, _flaggedId]);
        var kept = await _app.GetAsync<JsonElement>(admin, $"/api/members/{_group.Young[0].MemberId}/export");
        kept.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString())
            .Should().Equal(["old one", "old [flag] two", "new four"], "the rows concerns point at are kept; the rest is gone");
        var purged = (await _app.AuditAsync(admin, _group.GroupId, "chat.purged")).Should().ContainSingle().Subject.GetProperty("data");
        purged.GetProperty("deleted").GetInt32().Should().Be(1);
        purged.GetProperty("kept").GetInt32().Should().Be(2);
        purged.GetProperty("privateMessages").GetInt32().Should().Be(1, "private words with staff are chat too");
        purged.GetProperty("keepDays").GetInt32().Should().Be(90);
        (await PurgeAsync()).Deleted.Should().Be(0, "a second run the same night finds nothing more to delete");
    }

    [Fact]
    public async Task AskingForHistoryThatWasPurgedSaysSoAndWhatIsStillThere()
    {
        var fromTheStart = () => _sam.HistoryAsync(_group.GroupId, 0);

        (await fromTheStart.Should().ThrowAsync<HubException>()).Which.Message
            .Should().Contain("Messages before seq 4 are no longer kept (the service keeps chat for 90 days)");
        (await _sam.HistoryAsync(_group.GroupId, 3)).Select(m => m.Text).Should().Equal("new four");
        (await _sam.JoinAsync(_group.GroupId)).History.Select(m => m.Text).Should().Equal(["new four"],
            "a kept message from purged history is for staff (the risk timeline), not shown to young people alone");
    }

    [Fact]
    public async Task ThePurgeRunsEveryNightAtThreeUtc()
    {
        var scheduler = await _app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var now = _app.Time.GetUtcNow();
        var threeToday = new DateTimeOffset(now.UtcDateTime.Date.AddHours(3), TimeSpan.Zero);

        (await scheduler.GetTrigger(RetentionJob.Trigger))!.NextFireTimeUtc.Should().Be(threeToday > now ? threeToday : threeToday.AddDays(1));
    }
}
