using System.Net;
using System.Net.Http.Json;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Accounts;

public sealed class ListingStaff : IAsyncLifetime
{
    private sealed record StaffAccount(string UserId, string Username, string DisplayName, string Role, bool Disabled);

    private readonly OnlineGroupApp _app = new(kestrel: false);
    private LiveGroup _group = null!;

    public async Task InitializeAsync() => _group = await _app.LiveGroupAsync(youngPeople: 1, open: false);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AnAdminSeesEveryStaffAccountByNameAndRoleButNoYoungPeople()
    {
        using var http = _app.Http(_group.AdminToken);

        var staff = await (await http.GetAsync("/api/staff")).ReadAsync<List<StaffAccount>>();

        staff.Select(s => s.Role).Should().BeEquivalentTo(["admin", "moderator", "safeguarding"]);
        staff.Should().ContainSingle(s => s.UserId == _group.ModeratorId).Which.Username.Should().StartWith("moderator.");
        staff.Should().ContainSingle(s => s.UserId == _group.LeadId).Which.Disabled.Should().BeFalse();
        staff.Should().NotContain(s => s.UserId == _group.Young[0].UserId);
        staff.Select(s => s.DisplayName).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task OnlyAdminsMayListStaff()
    {
        using var moderator = _app.Http(_group.ModeratorToken);
        using var young = _app.Http(_group.Young[0].Token);

        (await moderator.GetAsync("/api/staff")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await young.GetAsync("/api/staff")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
