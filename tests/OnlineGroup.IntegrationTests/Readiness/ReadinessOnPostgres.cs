using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Time.Testing;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Readiness;

/// <summary>Readiness, gender limits and facilitators' hours on PostgreSQL (JSON scenarios, a text array of genders, bulk updates).</summary>
public sealed class ReadinessOnPostgres
{
    [Fact]
    public async Task AGroupOpensOnceSignedOffAndHoursAreCountedAsOnSqlite()
    {
        var database = await TestServices.NewPostgresDatabaseAsync();
        await using var app = new OnlineGroupApp(new FakeTimeProvider(ReadinessSteps.NextWednesdayNoon()), settings: new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = database,
            ["Groups:RequireReadiness"] = "true",
        });
        var group = await app.LiveGroupAsync(youngPeople: 0);
        var (coId, _) = await app.CoFacilitatorAsync(group);
        var saved = await app.PutReadinessAsync(group.ModeratorToken, group.GroupId, ReadinessSteps.Complete(group.ModeratorId, coId, genders: ["girl"]));
        saved.GetProperty("assessment").GetProperty("scenarios").GetArrayLength().Should().Be(6);
        await app.SignOffAsync(group.LeadToken, group.GroupId);
        using (var http = app.Http(group.ModeratorToken))
        {
            (await http.PostAsJsonAsync($"/api/groups/{group.GroupId}/members", new { displayName = "Jay", age = 15, gender = "boy" }))
                .StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
        }

        var mo = await app.AddMemberAsync(group.ModeratorToken, group.GroupId, "Mo", kind: "member", gender: "girl");
        await using var chat = await ChatClient.ConnectAsync(app, (await app.RedeemAsync(mo.InviteCode)).AccessToken);
        (await chat.JoinAsync(group.GroupId)).Admitted.Should().BeTrue();

        await using (var moderator = await ChatClient.ConnectAsync(app, group.ModeratorToken))
        {
            await moderator.JoinAsync(group.GroupId);
            app.Time.Advance(TimeSpan.FromMinutes(45));
            await moderator.Connection.InvokeAsync("LeaveGroup", group.GroupId);
        }

        using var admin = app.Http(group.AdminToken);
        var report = await admin.GetFromJsonAsync<JsonElement>("/api/facilitators/hours");
        report.GetProperty("facilitators").EnumerateArray().Single(f => f.GetProperty("userId").GetString() == group.ModeratorId)
            .GetProperty("hours").GetDouble().Should().Be(0.8);
    }
}
