using System.Net;
using System.Text.Json;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Journey;

public sealed class WaitingList : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new();
    private LiveGroup _group = null!;

    public async Task InitializeAsync() =>
        // Room for two: Sam and Alex take the places.
        _group = await _app.LiveGroupAsync(youngPeople: 2, settings: Settings(capacity: 2));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public static object Settings(int capacity, int minAge = 11, int maxAge = 18, bool allowSupporters = false) => new
    {
        name = "Evening group", timeZone = "Europe/London", capacity, minAge, maxAge, allowSupporters, requireModerator = false, minModerators = 0,
    };

    [Fact]
    public async Task BeyondCapacityNewMembersAreWaitlistedInTheOrderTheyWereAdded()
    {
        var robin = await _app.AddMemberAsync(_group.AdminToken, _group.GroupId, "Robin");
        var kai = await _app.AddMemberAsync(_group.AdminToken, _group.GroupId, "Kai");

        robin.Should().Match<CreatedMember>(m => m.Status == "waitlisted" && m.WaitlistPosition == 1);
        kai.Should().Match<CreatedMember>(m => m.Status == "waitlisted" && m.WaitlistPosition == 2);
        var list = await _app.GetAsync<List<WaitlistEntry>>(_group.ModeratorToken, $"/api/groups/{_group.GroupId}/waitlist");
        list.Select(w => (w.DisplayName, w.Position)).Should().Equal(("Robin", 1), ("Kai", 2));
    }

    [Fact]
    public async Task StaffMoveSomeoneUpTheListAndTheReasonIsOnTheAuditTrail()
    {
        var robin = await _app.AddMemberAsync(_group.AdminToken, _group.GroupId, "Robin");
        await _app.AddMemberAsync(_group.AdminToken, _group.GroupId, "Kai");
        var jess = await _app.AddMemberAsync(_group.AdminToken, _group.GroupId, "Jess");

        var reordered = await _app.PostAsync<List<WaitlistEntry>>(_group.ModeratorToken, $"/api/groups/{_group.GroupId}/waitlist/reorder",
            new { memberId = jess.MemberId, position = 1, reason = "Referred urgently by the school nurse" });

        reordered.Select(w => (w.DisplayName, w.Position)).Should().Equal(("Jess", 1), ("Robin", 2), ("Kai", 3));
        (await _app.GetAsync<List<WaitlistEntry>>(_group.ModeratorToken, $"/api/groups/{_group.GroupId}/waitlist"))
            .Select(w => w.DisplayName).Should().Equal("Jess", "Robin", "Kai");
        var entry = (await _app.AuditAsync(_group.AdminToken, _group.GroupId, "waitlist.reordered")).Should().ContainSingle().Subject;
        entry.GetProperty("reason").GetString().Should().Be("Referred urgently by the school nurse");
        entry.GetProperty("targetId").GetString().Should().Be(jess.MemberId);
        entry.GetProperty("data").GetProperty("from").GetInt32().Should().Be(3);
        entry.GetProperty("data").GetProperty("to").GetInt32().Should().Be(1);

        // The last place is as far as anyone can go; a move needs a reason.
        (await _app.PostAsync<List<WaitlistEntry>>(_group.ModeratorToken, $"/api/groups/{_group.GroupId}/waitlist/reorder",
            new { memberId = jess.MemberId, position = 99, reason = "back in turn" })).Select(w => w.DisplayName).Should().Equal("Robin", "Kai", "Jess");
        var noReason = await _app.PostAsync(_group.ModeratorToken, $"/api/groups/{_group.GroupId}/waitlist/reorder", new { memberId = robin.MemberId, position = 2 });
        noReason.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.DetailAsync()).Should().Contain("audit trail");
    }

    [Fact]
    public async Task WhenAMemberLeavesTheFirstOnTheListGetsThePlaceAndStaffAreTold()
    {
        await using var moderator = await ChatClient.ConnectAsync(_app, _group.ModeratorToken);
        var robin = await _app.PersonAsync(_group.AdminToken, _group.GroupId, "Robin");
        var kai = await _app.PersonAsync(_group.AdminToken, _group.GroupId, "Kai");
        await _app.PostAsync<List<WaitlistEntry>>(_group.ModeratorToken, $"/api/groups/{_group.GroupId}/waitlist/reorder",
            new { memberId = kai.MemberId, position = 1, reason = "Kai has waited longest for a group" });
        await using var kaiChat = await ChatClient.ConnectAsync(_app, kai.Token);
        (await kaiChat.JoinAsync(_group.GroupId)).Reason.Should().Be("waitlisted");

        var exit = await _app.ExitAsync(_group.ModeratorToken, _group.GroupId, _group.Young[0].MemberId, "movingOn");

        exit.PlacesOfferedTo.Should().Equal(kai.MemberId);
        var told = await moderator.NextAsync<JsonElement>("WaitlistPlaceOffered");
        told.GetProperty("memberId").GetString().Should().Be(kai.MemberId);
        told.GetProperty("displayName").GetString().Should().Be("Kai");
        told.GetProperty("stillWaiting").GetInt32().Should().Be(1);
        (await _app.GetAsync<List<WaitlistEntry>>(_group.ModeratorToken, $"/api/groups/{_group.GroupId}/waitlist"))
            .Should().ContainSingle().Which.Should().Match<WaitlistEntry>(w => w.MemberId == robin.MemberId && w.Position == 1);
        (await kaiChat.JoinAsync(_group.GroupId)).Admitted.Should().BeTrue("Kai has Sam's place now");
        (await _app.AuditAsync(_group.AdminToken, _group.GroupId, "waitlist.offered")).Should().ContainSingle()
            .Which.GetProperty("targetId").GetString().Should().Be(kai.MemberId);
    }

    [Fact]
    public async Task LeavingTheWaitingListMovesEveryoneBehindUpWithoutGivingAwayAPlace()
    {
        var robin = await _app.AddMemberAsync(_group.AdminToken, _group.GroupId, "Robin");
        var kai = await _app.AddMemberAsync(_group.AdminToken, _group.GroupId, "Kai");

        var exit = await _app.ExitAsync(_group.ModeratorToken, _group.GroupId, robin.MemberId, "referredElsewhere");

        exit.PlacesOfferedTo.Should().BeEmpty("the group is still full");
        (await _app.GetAsync<List<WaitlistEntry>>(_group.ModeratorToken, $"/api/groups/{_group.GroupId}/waitlist"))
            .Should().ContainSingle().Which.Should().Match<WaitlistEntry>(w => w.MemberId == kai.MemberId && w.Position == 1);
        (await _app.AddMemberAsync(_group.AdminToken, _group.GroupId, "Jess")).WaitlistPosition.Should().Be(2);
    }

    [Fact]
    public async Task YoungPeopleCannotSeeOrReorderTheWaitingList()
    {
        var kai = await _app.AddMemberAsync(_group.AdminToken, _group.GroupId, "Kai");

        (await _app.GetAsync(_group.Young[0].Token, $"/api/groups/{_group.GroupId}/waitlist")).ShouldBe(HttpStatusCode.Forbidden);
        (await _app.PostAsync(_group.Young[0].Token, $"/api/groups/{_group.GroupId}/waitlist/reorder",
            new { memberId = kai.MemberId, position = 1, reason = "me first" })).ShouldBe(HttpStatusCode.Forbidden);
    }
}
