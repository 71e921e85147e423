using System.Net.Http.Json;
using System.Text.Json;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Readiness;

/// <summary>Readiness set-up through the public REST contract, as staff would do it.</summary>
public static class ReadinessSteps
{
    public const string HouseRules = "Be kind. Keep names, schools and contact details out of the chat. No pictures of injuries.";

    public static readonly string[] StandardScenarios =
    [
        "disclosure of immediate risk during a session",
        "a young person leaves mid-crisis",
        "graphic content shared",
        "contact details exchanged",
        "facilitator absent",
        "technical outage",
    ];

    public static Dictionary<string, object?> Complete(string facilitatorId, string coFacilitatorId, string houseRules = HouseRules, string[]? genders = null) => new()
    {
        ["scenarios"] = StandardScenarios.Select(s => new { scenario = s, response = "The moderator follows the plan for " + s + "." }).ToArray(),
        ["facilitator"] = new { userId = facilitatorId, training = "Youth mental health first aid" },
        ["coFacilitator"] = new { userId = coFacilitatorId, training = "Safeguarding level 2" },
        ["safeguardingCover"] = "The designated lead is on call for every session.",
        ["supervision"] = "Monthly supervision with the school counsellor.",
        ["absencePlan"] = "Holidays are closures; the co-facilitator covers an absence.",
        ["houseRules"] = houseRules,
        ["genders"] = genders ?? [],
    };

    public static async Task<JsonElement> GetReadinessAsync(this OnlineGroupApp app, string token, string groupId)
    {
        using var http = app.Http(token);
        return await (await http.GetAsync($"/api/groups/{groupId}/readiness")).ReadAsync<JsonElement>();
    }

    public static async Task<JsonElement> PutReadinessAsync(this OnlineGroupApp app, string token, string groupId, object body)
    {
        using var http = app.Http(token);
        return await (await http.PutAsJsonAsync($"/api/groups/{groupId}/readiness", body)).ReadAsync<JsonElement>();
    }

    public static async Task<HttpResponseMessage> TrySignOffAsync(this OnlineGroupApp app, string token, string groupId, DateOnly? reviewBy = null)
    {
        using var http = app.Http(token);
        var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);
        return await http.PostAsJsonAsync($"/api/groups/{groupId}/readiness/sign-off", new { reviewBy = reviewBy ?? today.AddMonths(6) });
    }

    public static async Task<JsonElement> SignOffAsync(this OnlineGroupApp app, string token, string groupId, DateOnly? reviewBy = null) =>
        await (await app.TrySignOffAsync(token, groupId, reviewBy)).ReadAsync<JsonElement>();

    /// <summary>A second moderator assigned to the group, to co-facilitate.</summary>
    public static async Task<(string Id, string Token)> CoFacilitatorAsync(this OnlineGroupApp app, LiveGroup group)
    {
        var (id, token) = await app.StaffAsync(group.AdminToken, "moderator");
        await app.AssignAsync(group.AdminToken, group.GroupId, id, "moderator");
        return (id, token);
    }

    /// <summary>A complete assessment, signed off by the group's safeguarding lead.</summary>
    public static async Task MakeReadyAsync(this OnlineGroupApp app, LiveGroup group, DateOnly? reviewBy = null)
    {
        var (coId, _) = await app.CoFacilitatorAsync(group);
        await app.PutReadinessAsync(group.ModeratorToken, group.GroupId, Complete(group.ModeratorId, coId));
        await app.SignOffAsync(group.LeadToken, group.GroupId, reviewBy);
    }

    /// <summary>The young person agrees to the house rules in force now (as one who joined before they were written must).</summary>
    public static async Task AgreeToHouseRulesAsync(this OnlineGroupApp app, string token, string groupId)
    {
        using var http = app.Http(token);
        (await http.PostAsJsonAsync($"/api/groups/{groupId}/agreement", new { })).EnsureSuccessStatusCode();
    }

    public static IReadOnlyList<string> Missing(this JsonElement readiness) =>
        [.. readiness.GetProperty("missing").EnumerateArray().Select(m => m.GetString()!)];

    public static async Task<string> ProblemDetailAsync(this HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return problem.GetProperty("detail").GetString()!;
    }

    /// <summary>A fixed Wednesday noon (UTC) after today: far from week boundaries and clock changes, and later than the real clock.</summary>
    public static DateTimeOffset NextWednesdayNoon()
    {
        var today = DateTimeOffset.UtcNow.Date;
        var days = ((int)DayOfWeek.Wednesday - (int)today.DayOfWeek + 7) % 7;
        return new DateTimeOffset(today.AddDays(days == 0 ? 7 : days).AddHours(12), TimeSpan.Zero);
    }
}
