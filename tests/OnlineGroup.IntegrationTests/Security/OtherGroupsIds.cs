using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using OnlineGroup.IntegrationTests.Infrastructure;
using HubException = Microsoft.AspNetCore.SignalR.HubException;

namespace OnlineGroup.IntegrationTests.Security;

/// <summary>
/// Ids of another group's messages and concerns, used by staff and young people of group A: refused,
/// nothing changes in group B, and the answer is word for word the one for an id that does not exist,
/// so nobody learns that the id is real.
/// </summary>
public sealed class OtherGroupsIds(SecurityApp fixture) : IClassFixture<SecurityApp>, IAsyncLifetime
{
    private const string Unknown = "00000000000000000000000000";
    private readonly OnlineGroupApp _app = fixture.App;
    private LiveGroup _a = null!;
    private LiveGroup _b = null!;
    private ChatClient _moderatorA = null!;
    private ChatClient _samA = null!;
    private ChatClient _kaiB = null!;
    private string _messageB = null!;
    private string _concernB = null!;

    public async Task InitializeAsync()
    {
        _a = await _app.LiveGroupAsync(youngPeople: 1);
        _b = await _app.LiveGroupAsync(youngPeople: 1);
        _moderatorA = await Joined(_a.ModeratorToken, _a.GroupId);
        _samA = await Joined(_a.Young[0].Token, _a.GroupId);
        _kaiB = await Joined(_b.Young[0].Token, _b.GroupId);
        _messageB = (await _kaiB.SendAsync(_b.GroupId, "group B's words")).MessageId!;
        await using var moderatorB = await Joined(_b.ModeratorToken, _b.GroupId);
        _concernB = (await moderatorB.Connection.InvokeAsync<JsonElement>("EscalateMessage", _b.GroupId, _messageB, "high", "")).GetProperty("concernId").GetString()!;
    }

    public async Task DisposeAsync()
    {
        await _moderatorA.DisposeAsync();
        await _samA.DisposeAsync();
        await _kaiB.DisposeAsync();
    }

    public static TheoryData<string> ModeratorCalls => ["RemoveMessage", "ApproveMessage", "RejectMessage", "EscalateMessage"];

    [Theory]
    [MemberData(nameof(ModeratorCalls))]
    public async Task AModeratorOfGroupACannotActOnGroupBsMessageThroughGroupA(string method)
    {
        var auditBefore = await AuditCountAsync(_b);

        var theirs = await ErrorOf(_moderatorA, method, ModeratorArgs(method, _messageB));
        var unknown = await ErrorOf(_moderatorA, method, ModeratorArgs(method, Unknown));

        theirs.Should().Be(unknown, "a real id of another group answers exactly like an id that does not exist");
        await AssertGroupBUnchangedAsync(auditBefore);
    }

    [Fact]
    public async Task AYoungPersonOfGroupACannotReportGroupBsMessage()
    {
        var auditBefore = await AuditCountAsync(_b);

        var theirs = await ErrorOf(_samA, "ReportMessage", [_a.GroupId, _messageB, "worried"]);
        var unknown = await ErrorOf(_samA, "ReportMessage", [_a.GroupId, Unknown, "worried"]);

        theirs.Should().Be(unknown);
        await AssertGroupBUnchangedAsync(auditBefore);
    }

    [Fact]
    public async Task HistoryOfAGroupOneIsNotInAnswersLikeAGroupThatDoesNotExist()
    {
        var theirs = await ErrorOf(_samA, "GetHistory", [_b.GroupId, 0L]);
        var unknown = await ErrorOf(_samA, "GetHistory", [Unknown, 0L]);

        theirs.Should().Be(unknown).And.Contain("Join the group first");
        var join = await _samA.JoinAsync(_b.GroupId);
        join.Admitted.Should().BeFalse();
        join.History.Should().BeEmpty("nothing of group B is shown to an outsider");
    }

    [Fact]
    public async Task ALeadOfGroupAGetsTheSame404ForGroupBsConcernAsForOneThatDoesNotExist()
    {
        using var leadA = _app.Http(_a.LeadToken);
        foreach (var (method, suffix, body) in new[] { ("GET", "", null), ("POST", "/acknowledge", null), ("POST", "/notes", "{\"text\":\"a note\"}"), ("POST", "/resolve", "{\"outcome\":\"closed\"}") })
        {
            var theirs = await Problem(leadA, method, $"/api/concerns/{_concernB}{suffix}", body);
            var unknown = await Problem(leadA, method, $"/api/concerns/{Unknown}{suffix}", body);

            theirs.Status.Should().Be(HttpStatusCode.NotFound, $"{method} {suffix} on another group's concern");
            theirs.Should().Be(unknown, $"{method} {suffix} answers like an id that does not exist");
        }

        await using var hub = await ChatClient.ConnectAsync(_app, _a.LeadToken);
        (await ErrorOf(hub, "AcknowledgeConcern", [_concernB])).Should().Be(await ErrorOf(hub, "AcknowledgeConcern", [Unknown]));

        using var leadB = _app.Http(_b.LeadToken);
        var concern = await leadB.GetFromJsonAsync<JsonElement>($"/api/concerns/{_concernB}");
        concern.GetProperty("concern").GetProperty("status").GetString().Should().Be("raised", "nothing changed");
        concern.GetProperty("history").GetArrayLength().Should().Be(1, "no note or decision was added");
    }

    private object?[] ModeratorArgs(string method, string messageId) => method switch
    {
        "ApproveMessage" => [_a.GroupId, messageId],
        "EscalateMessage" => [_a.GroupId, messageId, "high", "note"],
        _ => [_a.GroupId, messageId, "reason"],
    };

    private async Task<ChatClient> Joined(string token, string groupId)
    {
        var client = await ChatClient.ConnectAsync(_app, token);
        (await client.JoinAsync(groupId)).Admitted.Should().BeTrue();
        return client;
    }

    private static async Task<string> ErrorOf(ChatClient client, string method, object?[] args)
    {
        var call = () => client.Connection.InvokeCoreAsync<object?>(method, args);
        return (await call.Should().ThrowAsync<HubException>()).Which.Message;
    }

    private static async Task<ProblemAnswer> Problem(HttpClient http, string method, string path, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        var response = await http.SendAsync(request);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new ProblemAnswer(response.StatusCode, problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString());
    }

    private async Task<int> AuditCountAsync(LiveGroup group)
    {
        using var admin = _app.Http(group.AdminToken);
        return (await admin.GetFromJsonAsync<List<JsonElement>>($"/api/groups/{group.GroupId}/audit"))!.Count;
    }

    /// <summary>Group B's message is still published as it was, Kai sees it, and its audit trail has nothing new.</summary>
    private async Task AssertGroupBUnchangedAsync(int auditBefore)
    {
        var history = await _kaiB.HistoryAsync(_b.GroupId, 0);
        history.Should().ContainSingle(m => m.MessageId == _messageB && m.Text == "group B's words");
        (await AuditCountAsync(_b)).Should().Be(auditBefore);
        using var leadB = _app.Http(_b.LeadToken);
        (await leadB.GetFromJsonAsync<List<JsonElement>>("/api/concerns?status=all"))!.Should().ContainSingle("no concern was raised in group B by group A");
    }

    private sealed record ProblemAnswer(HttpStatusCode Status, string? Title, string? Detail);
}
