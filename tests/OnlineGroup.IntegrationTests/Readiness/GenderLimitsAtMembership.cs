using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnlineGroup.IntegrationTests.Infrastructure;
using OnlineGroup.Server.Data;

namespace OnlineGroup.IntegrationTests.Readiness;

public sealed class GenderLimitsAtMembership : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new();
    private LiveGroup _group = null!;

    public async Task InitializeAsync()
    {
        _group = await _app.LiveGroupAsync(youngPeople: 0);
        var (coId, _) = await _app.CoFacilitatorAsync(_group);
        await _app.PutReadinessAsync(_group.ModeratorToken, _group.GroupId,
            ReadinessSteps.Complete(_group.ModeratorId, coId, genders: ["girl", "non-binary"]));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AYoungPersonOutsideTheGroupsGenderLimitsIsRefusedWithTheReason()
    {
        using var http = _app.Http(_group.ModeratorToken);

        var outside = await http.PostAsJsonAsync($"/api/groups/{_group.GroupId}/members", new { displayName = "Jay", age = 15, gender = "boy" });
        var unsaid = await http.PostAsJsonAsync($"/api/groups/{_group.GroupId}/members", new { displayName = "Kit", age = 15 });
        var inside = await http.PostAsJsonAsync($"/api/groups/{_group.GroupId}/members", new { displayName = "Mo", age = 15, gender = "Non-Binary" });

        outside.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await outside.ProblemDetailAsync()).Should().Contain("describe themselves as: girl, non-binary").And.Contain("'boy'");
        unsaid.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await unsaid.ProblemDetailAsync()).Should().Contain("Ask how the young person describes their gender");
        inside.StatusCode.Should().Be(HttpStatusCode.Created);
        var members = await http.GetFromJsonAsync<List<System.Text.Json.JsonElement>>($"/api/groups/{_group.GroupId}/members");
        members!.Select(m => m.GetProperty("displayName").GetString()).Should().Equal("Mo");
    }

    [Fact]
    public async Task AGroupOpenToAllKeepsNoGenderAndPeersNeverSeeOne()
    {
        var openGroup = await _app.CreateGroupAsync(_group.AdminToken);
        using var http = _app.Http(_group.AdminToken);
        var open = await (await http.PostAsJsonAsync($"/api/groups/{openGroup}/members", new { displayName = "Jay", age = 15, gender = "boy" }))
            .ReadAsync<CreatedMember>();
        var limited = await (await http.PostAsJsonAsync($"/api/groups/{_group.GroupId}/members", new { displayName = "Mo", age = 15, gender = "girl" }))
            .ReadAsync<CreatedMember>();

        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        (await db.Members.SingleAsync(m => m.Id == open.MemberId)).Gender.Should().BeNull("a group open to all has no reason to keep it");
        (await db.Members.SingleAsync(m => m.Id == limited.MemberId)).Gender.Should().Be("girl");

        await _app.OpenSessionNowAsync(_group.AdminToken, _group.GroupId);
        var mo = await _app.RedeemAsync(limited.InviteCode);
        await using var chat = await ChatClient.ConnectAsync(_app, mo.AccessToken);
        (await chat.JoinAsync(_group.GroupId)).Admitted.Should().BeTrue();
        await chat.SendAsync(_group.GroupId, "hi");
        var seen = await chat.Connection.InvokeAsync<List<System.Text.Json.JsonElement>>("GetHistory", _group.GroupId, 0L);
        seen.Single().EnumerateObject().Select(p => p.Value.ToString()).Should().NotContain("girl");
    }

    [Fact]
    public async Task GenderLimitsAreSetWithTheReadinessAndChangingThemVoidsTheSignOff()
    {
        await _app.SignOffAsync(_group.LeadToken, _group.GroupId);
        var current = await _app.GetReadinessAsync(_group.ModeratorToken, _group.GroupId);
        current.GetProperty("assessment").GetProperty("genders").EnumerateArray().Select(g => g.GetString()).Should().Equal("girl", "non-binary");

        var (coId, _) = await _app.CoFacilitatorAsync(_group);
        var openToAll = await _app.PutReadinessAsync(_group.ModeratorToken, _group.GroupId, ReadinessSteps.Complete(_group.ModeratorId, coId));

        openToAll.GetProperty("ready").GetBoolean().Should().BeFalse("who the group is for is part of what the lead signed off");
        (await _app.AddMemberAsync(_group.ModeratorToken, _group.GroupId, "Jay")).Status.Should().Be("active");
    }
}
