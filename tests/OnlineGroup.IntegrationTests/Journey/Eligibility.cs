using System.Net;
using System.Net.Http.Json;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Journey;

public sealed class Eligibility : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new();
    private string _admin = null!;

    public async Task InitializeAsync() => _admin = (await _app.AdminAsync()).AccessToken;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpResponseMessage> AddAsync(string groupId, int age, string kind = "member")
    {
        using var http = _app.Http(_admin);
        return await http.PostAsJsonAsync($"/api/groups/{groupId}/members", new { displayName = "Robin", age, kind });
    }

    [Fact]
    public async Task AYoungPersonOutsideTheAgeRangeIsRefusedWithTheRangeSaid()
    {
        var groupId = await _app.CreateGroupAsync(_admin, WaitingList.Settings(capacity: 10, minAge: 13, maxAge: 16));

        var tooYoung = await AddAsync(groupId, 12);
        var tooOld = await AddAsync(groupId, 17);

        tooYoung.ShouldBe(HttpStatusCode.BadRequest);
        (await tooYoung.DetailAsync()).Should().Contain("ages 13 to 16").And.Contain("12");
        tooOld.ShouldBe(HttpStatusCode.BadRequest);
        (await tooOld.DetailAsync()).Should().Contain("ages 13 to 16");
    }

    [Fact]
    public async Task AgesAtEitherEndOfTheRangeAreWelcome()
    {
        var groupId = await _app.CreateGroupAsync(_admin, WaitingList.Settings(capacity: 10, minAge: 13, maxAge: 16));

        (await AddAsync(groupId, 13)).ShouldBe(HttpStatusCode.Created);
        (await AddAsync(groupId, 16)).ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task SupportersAreRefusedWhereTheGroupIsOnlyForTheYoungPeopleItServes()
    {
        var groupId = await _app.CreateGroupAsync(_admin, WaitingList.Settings(capacity: 10, allowSupporters: false));

        var supporter = await AddAsync(groupId, 15, "supporter");

        supporter.ShouldBe(HttpStatusCode.BadRequest);
        (await supporter.DetailAsync()).Should().Contain("does not take supporters");
    }

    [Fact]
    public async Task SupportersJoinWhereTheGroupWelcomesThemAndTakeAPlaceLikeAnyone()
    {
        var groupId = await _app.CreateGroupAsync(_admin, WaitingList.Settings(capacity: 1, allowSupporters: true));

        var friend = await (await AddAsync(groupId, 15, "supporter")).ReadAsync<CreatedMember>();
        var next = await (await AddAsync(groupId, 15)).ReadAsync<CreatedMember>();

        friend.Status.Should().Be("active");
        next.Should().Match<CreatedMember>(m => m.Status == "waitlisted" && m.WaitlistPosition == 1);
    }
}
