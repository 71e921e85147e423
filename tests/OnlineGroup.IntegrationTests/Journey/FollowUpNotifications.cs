using OnlineGroup.IntegrationTests.Infrastructure;
using OnlineGroup.IntegrationTests.Records;
using OnlineGroup.IntegrationTests.Safeguarding;
using OnlineGroup.Server.Journey;

namespace OnlineGroup.IntegrationTests.Journey;

public sealed class FollowUpNotifications : IAsyncLifetime
{
    private WebhookReceiver _receiver = null!;
    private OnlineGroupApp _app = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _app = SafeguardingTestApp.Create(webhook: _receiver);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task AFollowUpThatComesDueGoesToTheWebhookWithIdsAndDatesOnly()
    {
        var group = await _app.LiveGroupAsync(youngPeople: 1);
        var runs = await JobRuns.WatchAsync(_app, FollowUpTrigger.Job);
        var exit = await _app.ExitAsync(group.ModeratorToken, group.GroupId, group.Young[0].MemberId, "movingOn", "Sam's last session went well");

        _app.Time.Advance(TimeSpan.FromDays(14));
        await runs.NextAsync();
        var received = await _receiver.NextAcceptedAsync();

        received.Event.Should().Be("followup.due");
        received.Json.GetProperty("followUpId").GetString().Should().Be(exit.FollowUps[0].FollowUpId);
        received.Json.GetProperty("groupId").GetString().Should().Be(group.GroupId);
        received.Json.GetProperty("memberId").GetString().Should().Be(group.Young[0].MemberId);
        received.Json.GetProperty("week").GetInt32().Should().Be(2);
        received.IdempotencyKey.Should().Be(received.Json.GetProperty("notificationId").GetString());
        received.Body.Should().NotContain("Sam", "the receiver may be e-mail or SMS: no names, no notes");
    }
}
