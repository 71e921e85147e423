using Microsoft.AspNetCore.SignalR.Client;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Security;

/// <summary>
/// REST bodies that are too large, of the wrong type or not JSON: each answered with a problem+json
/// saying what is wrong (never a stack trace), and nothing created or changed.
/// </summary>
public sealed class RequestBodies : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new();
    private LiveGroup _group = null!;
    private string _concernId = null!;

    public async Task InitializeAsync()
    {
        _group = await _app.LiveGroupAsync(youngPeople: 1);
        await using var sam = await ChatClient.ConnectAsync(_app, _group.Young[0].Token);
        await sam.JoinAsync(_group.GroupId);
        var said = await sam.SendAsync(_group.GroupId, "hello");
        await using var moderator = await ChatClient.ConnectAsync(_app, _group.ModeratorToken);
        await moderator.JoinAsync(_group.GroupId);
        var created = await moderator.Connection.InvokeAsync<JsonElement>("EscalateMessage", _group.GroupId, said.MessageId, "high", "checking in");
        _concernId = created.GetProperty("concernId").GetString()!;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Login, create group, PUT schedule and a concern note: (method, path, token kind).</summary>
    public static TheoryData<string, string, string> Endpoints => new()
    {
        { "POST", "/api/auth/login", "none" },
        { "POST", "/api/groups", "admin" },
        { "PUT", "/api/groups/{group}/schedule", "admin" },
        { "POST", "/api/concerns/{concern}/notes", "lead" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task ABodyOver64KiBIsRefusedWith413AndAProblemSayingTheLimit(string method, string path, string who)
    {
        var big = "{\"name\":\"" + new string('x', 100 * 1024) + "\"}";

        var response = await SendAsync(method, path, who, new StringContent(big, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await ProblemAsync(response)).GetProperty("detail").GetString().Should().Contain("64 KiB");
        await AssertNothingChangedAsync();
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AWrongContentTypeIsRefusedWith415AndAProblemSayingToSendJson(string method, string path, string who)
    {
        var response = await SendAsync(method, path, who, new StringContent("username=admin&password=x", Encoding.UTF8, "application/x-www-form-urlencoded"));

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await ProblemAsync(response)).GetProperty("detail").GetString().Should().Contain("application/json");
        await AssertNothingChangedAsync();
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task MalformedJsonIsRefusedWith400AndAProblemSayingWhereWithoutAStackTrace(string method, string path, string who)
    {
        var response = await SendAsync(method, path, who, new StringContent("{\"name\": \"unfinished", Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync();
        var detail = (await ProblemAsync(response)).GetProperty("detail").GetString();
        detail.Should().Contain("JSON");
        body.Should().NotContain("   at ").And.NotContain("Exception").And.NotContain("unfinished", "the body's words are not echoed back");
        await AssertNothingChangedAsync();
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task AJsonValueOfTheWrongTypeIsRefusedWith400NamingTheField(string method, string path, string who)
    {
        var body = path.Contains("login", StringComparison.Ordinal) ? "{\"username\": 42}"
            : path.Contains("schedule", StringComparison.Ordinal) ? "{\"weekly\": \"Tuesday\"}"
            : path.Contains("notes", StringComparison.Ordinal) ? "{\"text\": {\"a\": 1}}"
            : "{\"capacity\": \"lots\"}";

        var response = await SendAsync(method, path, who, new StringContent(body, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var field = body.Split('"')[1];
        (await ProblemAsync(response)).GetProperty("detail").GetString().Should().Contain(field);
        await AssertNothingChangedAsync();
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string who, HttpContent content)
    {
        using var http = _app.Http(who switch { "admin" => _group.AdminToken, "lead" => _group.LeadToken, _ => null });
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{group}", _group.GroupId, StringComparison.Ordinal).Replace("{concern}", _concernId, StringComparison.Ordinal))
        {
            Content = content,
        };
        return await http.SendAsync(request);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>No group was created, the schedule is still empty and the concern has no note.</summary>
    private async Task AssertNothingChangedAsync()
    {
        using var admin = _app.Http(_group.AdminToken);
        (await admin.GetFromJsonAsync<List<JsonElement>>("/api/groups"))!.Should().ContainSingle("no group was created");
        using var lead = _app.Http(_group.LeadToken);
        var concern = await lead.GetFromJsonAsync<JsonElement>($"/api/concerns/{_concernId}");
        concern.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).Should().NotContain("note", "no note was added");
        (await admin.GetFromJsonAsync<JsonElement>($"/api/groups/{_group.GroupId}/sessions?from={Uri.EscapeDataString(_app.Time.GetUtcNow().AddDays(1).ToString("O"))}&to={Uri.EscapeDataString(_app.Time.GetUtcNow().AddDays(8).ToString("O"))}"))
            .GetArrayLength().Should().Be(0, "no weekly schedule was set");
    }
}
