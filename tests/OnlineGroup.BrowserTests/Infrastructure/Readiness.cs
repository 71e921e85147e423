using System.Net.Http.Json;

namespace OnlineGroup.BrowserTests.Infrastructure;

/// <summary>Readiness set-up through the public REST contract, as a moderator would save it.</summary>
public static class Readiness
{
    public static readonly Dictionary<string, string?> Required = new() { ["Groups:RequireReadiness"] = "true" };

    private static readonly string[] StandardScenarios =
    [
        "disclosure of immediate risk during a session",
        "a young person leaves mid-crisis",
        "graphic content shared",
        "contact details exchanged",
        "facilitator absent",
        "technical outage",
    ];

    /// <summary>Saves a complete risk assessment (not signed off) with the moderator and a second moderator as facilitators.</summary>
    public static async Task WriteCompleteAssessmentAsync(this OnlineGroupApp app, Room room)
    {
        var co = await People.StaffAsync(app, room.AdminToken, "moderator", "Sky (co-facilitator)");
        await app.AssignAsync(room.AdminToken, room.GroupId, co.UserId, "moderator");
        using var http = app.Http(room.Moderator.Token);
        var response = await http.PutAsJsonAsync($"/api/groups/{room.GroupId}/readiness", new
        {
            scenarios = StandardScenarios.Select(s => new { scenario = s, response = "The moderator follows the plan for " + s + "." }).ToArray(),
            facilitator = new { userId = room.Moderator.UserId, training = "Youth mental health first aid" },
            coFacilitator = new { userId = co.UserId, training = "Safeguarding level 2" },
            safeguardingCover = "The designated lead is on call for every session.",
            supervision = "Monthly supervision with the school counsellor.",
            absencePlan = "Holidays are closures; the co-facilitator covers an absence.",
            houseRules = "Be kind.\nKeep names, schools and contact details out of the chat.\nNo pictures of injuries.",
            genders = Array.Empty<string>(),
        });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The group's lead signs off the assessment, and the young people agree to its house rules.</summary>
    public static async Task SignOffAsync(this OnlineGroupApp app, Room room)
    {
        using var lead = app.Http(room.Lead.Token);
        var reviewBy = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime).AddMonths(3);
        (await lead.PostAsJsonAsync($"/api/groups/{room.GroupId}/readiness/sign-off", new { reviewBy })).EnsureSuccessStatusCode();
        foreach (var young in room.Young)
        {
            using var http = app.Http(young.Token);
            (await http.PostAsJsonAsync($"/api/groups/{room.GroupId}/agreement", new { })).EnsureSuccessStatusCode();
        }
    }
}
