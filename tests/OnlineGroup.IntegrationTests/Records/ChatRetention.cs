using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>Three messages, one flagged by the scan (a concern points at it), a private word; 91 days later a new session and one more.</summary>
    public async Task InitializeAsync()
    {
        _group = await _app.LiveGroupAsync(youngPeople: 1);
        _sam = await ChatClient.ConnectAsync(_app, _group.Young[0].Token);
        await _sam.JoinAsync(_group.GroupId);
        await _sam.SendAsync(_group.GroupId, "old one");
        _flaggedId = (await _sam.SendAsync(_group.GroupId, "old [flag] two")).MessageId!;
        await _sam.SendAsync(_group.GroupId, "old three");
        await using (var moderator = await ChatClient.ConnectAsync(_app, _group.ModeratorToken))
        {
            await moderator.JoinAsync(_group.GroupId);
            await moderator.Connection.InvokeAsync("SendPrivateMessage", _group.GroupId, _group.Young[0].MemberId, "an old private word");
        }

        _app.Time.Advance(TimeSpan.FromDays(91));
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
    public async Task ChatOlderThanNinetyDaysIsPurgedExceptMessagesAConcernPointsAt()
    {
        var result = await PurgeAsync();

        result.Should().Be(new PurgeResult(Groups: 1, Deleted: 2, Kept: 1));
        var admin = (await _app.AdminAsync()).AccessToken;
        var timeline = await _app.GetAsync<TimelineDto>(admin, $"/api/groups/{_group.GroupId}/members/{_group.Young[0].MemberId}/timeline");
        timeline.Entries.Should().ContainSingle().Which.Should().Match<TimelineEntry>(e => e.MessageId == _flaggedId && e.Text == "old [flag] two");
        var purged = (await _app.AuditAsync(admin, _group.GroupId, "chat.purged")).Should().ContainSingle().Subject.GetProperty("data");
        purged.GetProperty("deleted").GetInt32().Should().Be(2);
        purged.GetProperty("kept").GetInt32().Should().Be(1);
        purged.GetProperty("privateMessages").GetInt32().Should().Be(1, "private words with staff are chat too");
        purged.GetProperty("keepDays").GetInt32().Should().Be(90);
        (await PurgeAsync()).Deleted.Should().Be(0, "a second run the same night finds nothing more to delete");
    }

    [Fact]
    public async Task AskingForHistoryThatWasPurgedSaysSoAndWhatIsStillThere()
    {
        await PurgeAsync();

        var fromTheStart = () => _sam.HistoryAsync(_group.GroupId, 0);

        (await fromTheStart.Should().ThrowAsync<HubException>()).Which.Message
            .Should().Contain("Messages before seq 4 are no longer kept (the service keeps chat for 90 days)");
        (await _sam.HistoryAsync(_group.GroupId, 3)).Select(m => m.Text).Should().Equal("new four");
        (await _sam.JoinAsync(_group.GroupId)).History.Select(m => m.Text).Should().Equal(["new four"],
            "a kept message from purged history is for staff (the risk timeline), not shown to young people alone");
    }
}
