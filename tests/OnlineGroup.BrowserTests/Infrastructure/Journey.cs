using System.Net.Http.Json;
using System.Text.Json;

namespace OnlineGroup.BrowserTests.Infrastructure;

/// <summary>A young person's goals and check-ins through the public REST contract, as their page would make them.</summary>
public static class Journey
{
    /// <summary>Adds a goal under the group's first aim and checks in on it once per score, in order.</summary>
    public static async Task GoalWithCheckInsAsync(this OnlineGroupApp app, string groupId, Person young, string goal, params int[] scores)
    {
        using var http = app.Http(young.Token);
        var aims = await (await http.GetAsync($"/api/groups/{groupId}/aims")).ReadAsync<JsonElement>();
        var created = await (await http.PostAsJsonAsync($"/api/groups/{groupId}/goals", new { aimId = aims[0].GetProperty("aimId").GetString(), text = goal })).ReadAsync<JsonElement>();
        foreach (var score in scores)
        {
            (await http.PostAsJsonAsync($"/api/groups/{groupId}/checkins", new { goalId = created.GetProperty("goalId").GetString(), score })).EnsureSuccessStatusCode();
        }
    }
}
