using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Schedule;

/// <summary>A session opens to young people only while enough of the group's moderators are connected.</summary>
public sealed class ModeratorPresence : IAsyncLifetime
{
    private static readonly object Moderated = new
    {
        name = "Moderated group", timeZone = "Europe/London", capacity = 12, minAge = 11, maxAge = 18,
        requireModerator = true, minModerators = 1,
    };

    private readonly OnlineGroupApp _app = new();
    private LiveGroup _group = null!;

    public async Task InitializeAsync() => _group = await _app.LiveGroupAsync(youngPeople: 1, settings: Moderated);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AYoungPersonWaitsForAModeratorAndIsLetInWhenOneArrives()
    {
        await using var sam = await ChatClient.ConnectAsync(_app, _group.Young[0].Token);

        var waiting = await sam.JoinAsync(_group.GroupId);
        waiting.Admitted.Should().BeFalse();
        waiting.Reason.Should().Be("awaitingModerator");
        waiting.State.Should().Be("awaitingModerator");
        var status = await _app.StatusAsync(_group.Young[0].Token, _group.GroupId);
        status.State.Should().Be("awaitingModerator");
        status.Message.Should().Contain("waiting for a moderator");

        await using var moderator = await ChatClient.ConnectAsync(_app, _group.ModeratorToken);
        (await moderator.JoinAsync(_group.GroupId)).Admitted.Should().BeTrue();
        (await sam.NextStateAsync("open")).ClosesAt.Should().NotBeNull();
        (await sam.JoinAsync(_group.GroupId)).Admitted.Should().BeTrue();
        (await sam.SendAsync(_group.GroupId, "hello")).Status.Should().Be("published");
    }

    [Fact]
    public async Task TheGroupPausesWhenTheLastModeratorLeavesAndResumesWhenOneReturns()
    {
        await using var sam = await ChatClient.ConnectAsync(_app, _group.Young[0].Token);
        var moderator = await ChatClient.ConnectAsync(_app, _group.ModeratorToken);
        await moderator.JoinAsync(_group.GroupId);
        (await sam.JoinAsync(_group.GroupId)).Admitted.Should().BeTrue();

        await moderator.DisposeAsync();
        await sam.NextStateAsync("awaitingModerator");
        (await sam.SendAsync(_group.GroupId, "is anyone there?")).Should().BeEquivalentTo(new SendResult("rejected", null, null, "paused"));
        (await _app.StatusAsync(_group.Young[0].Token, _group.GroupId)).State.Should().Be("awaitingModerator");

        await using var back = await ChatClient.ConnectAsync(_app, _group.ModeratorToken);
        await back.JoinAsync(_group.GroupId);
        await sam.NextStateAsync("open");
        (await sam.SendAsync(_group.GroupId, "oh good, you're back")).Status.Should().Be("published", "still joined: no need to join again");
    }

    [Fact]
    public async Task AGroupNeedingTwoModeratorsWaitsForTheSecond()
    {
        var groupId = await _app.CreateGroupAsync(_group.AdminToken, new
        {
            name = "Two facilitators", timeZone = "Europe/London", capacity = 12, minAge = 11, maxAge = 18,
            requireModerator = true, minModerators = 2,
        });
        var (secondId, secondToken) = await _app.StaffAsync(_group.AdminToken, "moderator");
        await _app.AssignAsync(_group.AdminToken, groupId, _group.ModeratorId, "moderator");
        await _app.AssignAsync(_group.AdminToken, groupId, secondId, "moderator");
        await _app.AssignAsync(_group.AdminToken, groupId, _group.LeadId, "safeguardingLead");
        var kai = await _app.YoungPersonAsync(_group.AdminToken, groupId, "Kai");
        await _app.OpenSessionNowAsync(_group.AdminToken, groupId);
        await using var young = await ChatClient.ConnectAsync(_app, kai.Token);
        await using var first = await ChatClient.ConnectAsync(_app, _group.ModeratorToken);
        await first.JoinAsync(groupId);

        (await young.JoinAsync(groupId)).Reason.Should().Be("awaitingModerator");

        await using var second = await ChatClient.ConnectAsync(_app, secondToken);
        await second.JoinAsync(groupId);
        await young.NextStateAsync("open");
        (await young.JoinAsync(groupId)).Admitted.Should().BeTrue();
    }

    [Fact]
    public async Task AGroupThatDoesNotRequireAModeratorOpensOnTimeByItself()
    {
        var groupId = await _app.CreateGroupAsync(_group.AdminToken);
        await _app.AssignAsync(_group.AdminToken, groupId, _group.LeadId, "safeguardingLead");
        var kai = await _app.YoungPersonAsync(_group.AdminToken, groupId, "Kai");
        await _app.OpenSessionNowAsync(_group.AdminToken, groupId);
        await using var young = await ChatClient.ConnectAsync(_app, kai.Token);

        (await young.JoinAsync(groupId)).Admitted.Should().BeTrue();
    }
}
