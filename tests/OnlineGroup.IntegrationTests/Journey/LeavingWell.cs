using System.Net;
using System.Text.Json;
using OnlineGroup.IntegrationTests.Infrastructure;
using OnlineGroup.Server.Journey;
using Microsoft.Extensions.DependencyInjection;

namespace OnlineGroup.IntegrationTests.Journey;

public sealed class LeavingWell : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new(settings: new Dictionary<string, string?>
    {
        ["SupportContacts:0:name"] = "Kooth",
        ["SupportContacts:0:url"] = "https://www.kooth.com",
        ["SupportContacts:0:hours"] = "Chat with a counsellor, noon to 10pm",
        ["SupportContacts:1:name"] = "Childline",
        ["SupportContacts:1:phone"] = "0800 1111",
    });

    private LiveGroup _group = null!;

    public async Task InitializeAsync() => _group = await _app.LiveGroupAsync(youngPeople: 2);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private YoungPerson Sam => _group.Young[0];

    [Fact]
    public async Task AnExitEndsTheYoungPersonsAccessKindly()
    {
        await using var sam = await ChatClient.ConnectAsync(_app, Sam.Token);
        (await sam.JoinAsync(_group.GroupId)).Admitted.Should().BeTrue();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sam.Connection.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        var exit = await _app.ExitAsync(_group.ModeratorToken, _group.GroupId, Sam.MemberId, "movingOn", "Finished the six weeks; school counsellor knows");

        exit.Plan.Should().Be("movingOn");
        await closed.Task.WaitAsync(ChatClient.Patience);
        await using var again = await ChatClient.ConnectAsync(_app, Sam.Token);
        var join = await again.JoinAsync(_group.GroupId);
        join.Admitted.Should().BeFalse();
        join.Reason.Should().Be("exited");

        var me = await _app.GetAsync<JsonElement>(Sam.Token, "/api/me");
        var goodbye = me.GetProperty("goodbye");
        goodbye.GetProperty("groupId").GetString().Should().Be(_group.GroupId);
        goodbye.GetProperty("plan").GetString().Should().Be("movingOn");
        goodbye.GetProperty("message").GetString().Should().Contain("finished your time in Evening group").And.Contain("check in with you");
        goodbye.GetProperty("supportContacts").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Should().Equal("Kooth", "Childline");
        goodbye.GetRawText().Should().NotContain("school counsellor", "staff's note is for staff");
        me.GetProperty("groups").EnumerateArray().Single().GetProperty("status").GetString().Should().Be("exited");
        (await _app.GetAsync<JsonElement>(_group.Young[1].Token, "/api/me")).GetProperty("goodbye").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task TheOthersInTheRoomCarryOnAndTheLeaverNoLongerHearsThem()
    {
        await using var sam = await ChatClient.ConnectAsync(_app, Sam.Token);
        await using var alex = await ChatClient.ConnectAsync(_app, _group.Young[1].Token);
        await sam.JoinAsync(_group.GroupId);
        await alex.JoinAsync(_group.GroupId);

        await _app.ExitAsync(_group.ModeratorToken, _group.GroupId, Sam.MemberId, "paused");
        (await sam.NextAsync<JsonElement>("RemovedFromGroup")).GetProperty("groupId").GetString().Should().Be(_group.GroupId);
        (await alex.SendAsync(_group.GroupId, "still here")).Status.Should().Be("published");

        (await alex.NextMessageAsync()).Text.Should().Be("still here");
        sam.Drain("MessagePublished").Should().BeEmpty();
    }

    [Fact]
    public async Task FollowUpsFallDueAtTwoSixAndTwelveWeeksAndStayUntilStaffMarkThemDone()
    {
        await using var moderator = await ChatClient.ConnectAsync(_app, _group.ModeratorToken);
        var exit = await _app.ExitAsync(_group.ModeratorToken, _group.GroupId, Sam.MemberId, "referredElsewhere", "CAMHS referral made");
        var exitedAt = exit.ExitedAt;
        exit.FollowUps.Select(f => (f.Week, f.DueAt)).Should().Equal((2, exitedAt.AddDays(14)), (6, exitedAt.AddDays(42)), (12, exitedAt.AddDays(84)));
        var followUps = _app.Services.GetRequiredService<FollowUps>();
        (await followUps.SendDueFollowUpsAsync()).Should().Be(0, "nothing is due on the day they leave");

        _app.Time.Advance(TimeSpan.FromDays(14));
        (await followUps.SendDueFollowUpsAsync()).Should().Be(1);
        var due = await moderator.NextAsync<JsonElement>("FollowUpDue");
        due.GetProperty("week").GetInt32().Should().Be(2);
        due.GetProperty("displayName").GetString().Should().Be("Sam");
        (await followUps.SendDueFollowUpsAsync()).Should().Be(0, "each reminder is told once");
        var admin = (await _app.AdminAsync()).AccessToken;
        var list = await _app.GetAsync<List<FollowUp>>(admin, $"/api/groups/{_group.GroupId}/followups?status=due");
        var twoWeeks = list.Should().ContainSingle().Subject;
        twoWeeks.Should().Match<FollowUp>(f => f.Week == 2 && f.Plan == "referredElsewhere" && f.Due && f.NotifiedAt != null);

        var done = await _app.PostAsync<FollowUp>(admin, $"/api/followups/{twoWeeks.FollowUpId}/done", new { note = "Spoke to Sam's mum; CAMHS appointment booked" });
        done.DoneAt.Should().Be(_app.Time.GetUtcNow());
        (await _app.GetAsync<List<FollowUp>>(admin, $"/api/groups/{_group.GroupId}/followups?status=due")).Should().BeEmpty();
        (await _app.PostAsync(admin, $"/api/followups/{twoWeeks.FollowUpId}/done", new { note = "again" })).ShouldBe(HttpStatusCode.Conflict);

        _app.Time.Advance(TimeSpan.FromDays(28));
        (await followUps.SendDueFollowUpsAsync()).Should().Be(1);
        (await moderator.NextAsync<JsonElement>("FollowUpDue")).GetProperty("week").GetInt32().Should().Be(6);
        _app.Time.Advance(TimeSpan.FromDays(42));
        (await followUps.SendDueFollowUpsAsync()).Should().Be(1);
        (await moderator.NextAsync<JsonElement>("FollowUpDue")).GetProperty("week").GetInt32().Should().Be(12);
        admin = (await _app.AdminAsync()).AccessToken;
        (await _app.GetAsync<List<FollowUp>>(admin, $"/api/groups/{_group.GroupId}/followups?status=due"))
            .Select(f => f.Week).Should().Equal([6, 12], "a reminder nobody acted on stays due");
        (await _app.GetAsync<List<FollowUp>>(admin, $"/api/groups/{_group.GroupId}/followups?status=done")).Select(f => f.Week).Should().Equal(2);
        (await _app.AuditAsync(admin, _group.GroupId, "followup.due")).Should().HaveCount(3);
    }

    [Fact]
    public async Task AnExitNeedsOneOfTheThreePlansAndOnlyStaffRecordOne()
    {
        var bad = await _app.PostAsync(_group.ModeratorToken, $"/api/groups/{_group.GroupId}/members/{Sam.MemberId}/exit", new { plan = "kickedOut" });
        bad.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.DetailAsync()).Should().Contain("movingOn").And.Contain("referredElsewhere").And.Contain("paused");
        (await _app.PostAsync(_group.Young[1].Token, $"/api/groups/{_group.GroupId}/members/{Sam.MemberId}/exit", new { plan = "movingOn" }))
            .ShouldBe(HttpStatusCode.Forbidden);

        await _app.ExitAsync(_group.ModeratorToken, _group.GroupId, Sam.MemberId);
        (await _app.PostAsync(_group.ModeratorToken, $"/api/groups/{_group.GroupId}/members/{Sam.MemberId}/exit", new { plan = "movingOn" }))
            .ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AYoungPersonWhoLeftStillSeesTheirOwnProgress()
    {
        var aims = await _app.GetAsync<List<Aim>>(Sam.Token, $"/api/groups/{_group.GroupId}/aims");
        var goal = await _app.PostAsync<Goal>(Sam.Token, $"/api/groups/{_group.GroupId}/goals", new { aimId = aims[2].AimId, text = "Use my safety plan" });
        await _app.PostAsync<JsonElement>(Sam.Token, $"/api/groups/{_group.GroupId}/checkins", new { goalId = goal.GoalId, score = 4 });

        await _app.ExitAsync(_group.ModeratorToken, _group.GroupId, Sam.MemberId);

        (await _app.GetAsync<ProgressData>(Sam.Token, $"/api/groups/{_group.GroupId}/members/{Sam.MemberId}/progress"))
            .Goals.Single().CheckIns.Single().Score.Should().Be(4);
        (await _app.PostAsync(Sam.Token, $"/api/groups/{_group.GroupId}/checkins", new { goalId = goal.GoalId, score = 5 })).ShouldBe(HttpStatusCode.Forbidden);
    }
}
