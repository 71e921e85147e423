using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OnlineGroup.IntegrationTests.Infrastructure;
using OnlineGroup.Server.Safeguarding;

namespace OnlineGroup.IntegrationTests.Journey;

public sealed record WaitlistEntry(string MemberId, string DisplayName, int Age, string Kind, int Position, DateTimeOffset WaitingSince, bool Redeemed);

public sealed record Aim(string AimId, string Text, int Position);

public sealed record Goal(string GoalId, string MemberId, string AimId, string Aim, string Text, DateTimeOffset CreatedAt, int? LatestScore);

public sealed record Point(string CheckInId, DateTimeOffset At, int Score, string? Note);

public sealed record GoalProgress(string GoalId, string AimId, string Aim, string Text, DateTimeOffset CreatedAt, IReadOnlyList<Point> CheckIns);

public sealed record ProgressData(string GroupId, string GroupName, string MemberId, string DisplayName, IReadOnlyList<GoalProgress> Goals);

public sealed record FollowUp(string FollowUpId, string GroupId, string MemberId, string DisplayName, string Plan, DateTimeOffset ExitedAt,
    int Week, DateTimeOffset DueAt, bool Due, DateTimeOffset? NotifiedAt, DateTimeOffset? DoneAt, string? DoneBy, string? Note);

public sealed record ExitAnswer(string ExitId, string GroupId, string MemberId, string Plan, string? Note, DateTimeOffset ExitedAt,
    IReadOnlyList<FollowUp> FollowUps, IReadOnlyList<string> PlacesOfferedTo);

/// <summary>A young person who can sign in again later (tokens last hours; these tests move the clock by weeks).</summary>
public sealed record Person(string MemberId, string Username, string Token, string UserId, string DisplayName);

/// <summary>The journey's REST calls, as a client makes them.</summary>
public static class JourneyTestApi
{
    public const string YoungPassword = "young-password-1";

    public static async Task<Person> PersonAsync(this OnlineGroupApp app, string staffToken, string groupId, string displayName, int age = 15)
    {
        var member = await app.AddMemberAsync(staffToken, groupId, displayName, age);
        var username = "yp" + Guid.NewGuid().ToString("N")[..8];
        var login = await app.RedeemAsync(member.InviteCode, username);
        return new Person(member.MemberId, username, login.AccessToken, login.UserId, displayName);
    }

    public static async Task<string> SignInAgainAsync(this OnlineGroupApp app, Person person) =>
        (await app.LoginAsync(person.Username, YoungPassword)).AccessToken;

    public static async Task<HttpResponseMessage> PostAsync(this OnlineGroupApp app, string token, string path, object body)
    {
        using var http = app.Http(token);
        return await http.PostAsJsonAsync(path, body);
    }

    public static async Task<HttpResponseMessage> GetAsync(this OnlineGroupApp app, string token, string path)
    {
        using var http = app.Http(token);
        return await http.GetAsync(path);
    }

    public static async Task<T> GetAsync<T>(this OnlineGroupApp app, string token, string path) => await (await app.GetAsync(token, path)).ReadAsync<T>();

    public static async Task<T> PostAsync<T>(this OnlineGroupApp app, string token, string path, object body) =>
        await (await app.PostAsync(token, path, body)).ReadAsync<T>();

    public static async Task<string> DetailAsync(this HttpResponseMessage response) =>
        JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync()).GetProperty("detail").GetString() ?? "";

    public static Task<ExitAnswer> ExitAsync(this OnlineGroupApp app, string staffToken, string groupId, string memberId, string plan = "movingOn", string? note = null) =>
        app.PostAsync<ExitAnswer>(staffToken, $"/api/groups/{groupId}/members/{memberId}/exit", new { plan, note });

    public static async Task<List<JsonElement>> AuditAsync(this OnlineGroupApp app, string staffToken, string groupId, string action) =>
        [.. (await app.GetAsync<List<JsonElement>>(staffToken, $"/api/groups/{groupId}/audit")).Where(a => a.GetProperty("action").GetString() == action)];

    public static void ShouldBe(this HttpResponseMessage response, HttpStatusCode status) =>
        response.StatusCode.Should().Be(status, response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
}

/// <summary>
/// A deterministic scan for tests: "[flag]", "[hold]" or "[block]" in the text decide what it does
/// (severity medium, category "test"); everything else is allowed.
/// </summary>
public sealed class MarkerScanner : ISafeguardingScanner
{
    public ScanResult Scan(string text) =>
        text.Contains("[block]", StringComparison.Ordinal) ? new(ScanAction.Block, Severity.Medium, ["test"])
        : text.Contains("[hold]", StringComparison.Ordinal) ? new(ScanAction.Hold, Severity.Medium, ["test"])
        : text.Contains("[flag]", StringComparison.Ordinal) ? new(ScanAction.Flag, Severity.Medium, ["test"])
        : ScanResult.Allowed;

    public static void Use(IServiceCollection services)
    {
        services.RemoveAll<ISafeguardingScanner>();
        services.AddSingleton<ISafeguardingScanner, MarkerScanner>();
    }
}
