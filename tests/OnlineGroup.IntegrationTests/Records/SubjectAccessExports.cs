using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using OnlineGroup.IntegrationTests.Infrastructure;
using OnlineGroup.IntegrationTests.Journey;

namespace OnlineGroup.IntegrationTests.Records;

public sealed class SubjectAccessExports : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new(services: MarkerScanner.Use);
    private LiveGroup _group = null!;

    /// <summary>Sam and Alex talk; Sam sets a goal, checks in, has a message held, and leaves.</summary>
    public async Task InitializeAsync()
    {
        _group = await _app.LiveGroupAsync(youngPeople: 2);
        await using var sam = await ChatClient.ConnectAsync(_app, Sam.Token);
        await using var alex = await ChatClient.ConnectAsync(_app, Alex.Token);
        await sam.JoinAsync(_group.GroupId);
        await alex.JoinAsync(_group.GroupId);
        await SayAsync(sam, "sam says hello");
        await SayAsync(alex, "alex's own words about home");
        await SayAsync(sam, "[hold] sam's held words");
        await SayAsync(alex, "[flag] alex is struggling");
        await using var moderator = await ChatClient.ConnectAsync(_app, _group.ModeratorToken);
        await moderator.JoinAsync(_group.GroupId);
        await sam.Connection.InvokeAsync("RequestModerator", _group.GroupId, "sam would like a private word");
        await alex.Connection.InvokeAsync("RequestModerator", _group.GroupId, "alex wants to talk privately");
        await moderator.Connection.InvokeAsync("SendPrivateMessage", _group.GroupId, Sam.MemberId, "a private word for sam");
        await moderator.Connection.InvokeAsync("SendPrivateMessage", _group.GroupId, Alex.MemberId, "a private word for alex");
        await moderator.Connection.InvokeAsync("MuteMember", _group.GroupId, Sam.MemberId, 5, "a few minutes to cool off");
        var aims = await _app.GetAsync<List<Aim>>(Sam.Token, $"/api/groups/{_group.GroupId}/aims");
        var goal = await _app.PostAsync<Goal>(Sam.Token, $"/api/groups/{_group.GroupId}/goals", new { aimId = aims[0].AimId, text = "sam's goal: ask for help" });
        await _app.PostAsync<JsonElement>(Sam.Token, $"/api/groups/{_group.GroupId}/checkins", new { goalId = goal.GoalId, score = 2, note = "sam's check-in note" });
        await _app.PostAsync<JsonElement>(Alex.Token, $"/api/groups/{_group.GroupId}/goals", new { aimId = aims[1].AimId, text = "alex's goal" });
        await _app.ExitAsync(_group.ModeratorToken, _group.GroupId, Sam.MemberId, "referredElsewhere", "sam referred to CAMHS");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private YoungPerson Sam => _group.Young[0];

    private YoungPerson Alex => _group.Young[1];

    [Fact]
    public async Task TheExportHoldsEverythingAboutTheYoungPerson()
    {
        var response = await _app.GetAsync(_group.AdminToken, $"/api/members/{Sam.MemberId}/export");
        response.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        var export = await response.ReadAsync<JsonElement>();

        export.GetProperty("account").GetProperty("accountId").GetString().Should().Be(Sam.UserId);
        export.GetProperty("account").GetProperty("displayName").GetString().Should().Be("Sam");
        export.GetProperty("memberships").EnumerateArray().Should().ContainSingle()
            .Which.GetProperty("status").GetString().Should().Be("exited");
        Texts(export, "messages", "text").Should().Equal("sam says hello", "[hold] sam's held words");
        export.GetProperty("messages")[1].GetProperty("status").GetString().Should().Be("held");
        var goal = export.GetProperty("goals").EnumerateArray().Should().ContainSingle().Subject;
        goal.GetProperty("text").GetString().Should().Be("sam's goal: ask for help");
        goal.GetProperty("checkIns")[0].GetProperty("note").GetString().Should().Be("sam's check-in note");
        export.GetProperty("exits")[0].GetProperty("note").GetString().Should().Be("sam referred to CAMHS");
        export.GetProperty("followUps").GetArrayLength().Should().Be(3);
        export.GetProperty("attendance").GetArrayLength().Should().BeGreaterThan(0);
        export.GetProperty("privateMessages").EnumerateArray().Select(p => (p.GetProperty("text").GetString(), p.GetProperty("fromThem").GetBoolean()))
            .Should().Equal(("sam would like a private word", true), ("a private word for sam", false));
        export.GetProperty("restrictions").EnumerateArray().Should().ContainSingle().Which.GetProperty("kind").GetString().Should().Be("mute");
        Texts(export, "audit", "action").Should().Contain(["member.added", "invite.redeemed", "goal.set", "checkin.recorded", "member.exited"]);
    }

    [Fact]
    public async Task TheExportHoldsNothingAboutAnyoneElseAndNoPasswordHash()
    {
        var raw = await (await _app.GetAsync(_group.AdminToken, $"/api/members/{Sam.MemberId}/export")).Content.ReadAsStringAsync();

        raw.Should().NotContain("alex", "no other young person's words, goals or name")
            .And.NotContain(Alex.MemberId).And.NotContain(Alex.UserId)
            .And.NotContainEquivalentOf("passwordHash").And.NotContainEquivalentOf("inviteCode");
    }

    [Fact]
    public async Task ByAccountTheExportIsTheSameAndEveryExportIsAudited()
    {
        var byAccount = await _app.GetAsync<JsonElement>(_group.AdminToken, $"/api/accounts/{Sam.UserId}/export");

        Texts(byAccount, "messages", "text").Should().Equal("sam says hello", "[hold] sam's held words");
        var audited = await _app.AuditAsync(_group.AdminToken, _group.GroupId, "subject.exported");
        audited.Should().ContainSingle().Which.GetProperty("targetId").GetString().Should().Be(Sam.UserId);
    }

    [Fact]
    public async Task OnlyAdminsCanExport()
    {
        (await _app.GetAsync(_group.ModeratorToken, $"/api/members/{Sam.MemberId}/export")).ShouldBe(HttpStatusCode.Forbidden);
        (await _app.GetAsync(_group.LeadToken, $"/api/accounts/{Sam.UserId}/export")).ShouldBe(HttpStatusCode.Forbidden);
        (await _app.GetAsync(Sam.Token, $"/api/members/{Sam.MemberId}/export")).ShouldBe(HttpStatusCode.Forbidden);
    }

    private static List<string?> Texts(JsonElement export, string section, string property) =>
        [.. export.GetProperty(section).EnumerateArray().Select(e => e.GetProperty(property).GetString())];

    /// <summary>Sends, then lets a second pass, as in a real conversation (the fake clock stands still otherwise).</summary>
    private async Task<SendResult> SayAsync(ChatClient client, string text)
    {
        var sent = await client.SendAsync(_group.GroupId, text);
        _app.Time.Advance(TimeSpan.FromSeconds(1));
        return sent;
    }
}
