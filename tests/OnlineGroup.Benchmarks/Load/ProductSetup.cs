using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace OnlineGroup.Benchmarks.Load;

/// <summary>
/// Sets up rooms and members on the product over its REST contract (DESIGN.md), as an admin would:
/// log in, create each group, open a one-off session now, add members, and let each member redeem
/// their invitation code for a token.
/// </summary>
internal sealed class ProductSetup(HttpClient http, Uri baseUri)
{
    private const string MemberPassword = "Load-test-Passw0rd!";

    public static async Task<List<LoadMember>> PrepareAsync(
        HttpClient http, ServerProcess server, LoadOptions options, string adminUser, string adminPassword)
    {
        var setup = new ProductSetup(http, server.BaseUri);
        var admin = await setup.LoginAsync(adminUser, adminPassword);
        var lead = await setup.CreateLeadAsync(admin);
        var now = TimeProvider.System.GetUtcNow();
        var groupIds = new string[options.Groups];
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Groups), new ParallelOptions { MaxDegreeOfParallelism = options.Parallel }, async (g, _) =>
        {
            groupIds[g] = await setup.CreateGroupAsync(admin, $"Load room {g + 1}", options.Members);
            // A group opens to young people only with safeguarding cover.
            await setup.AssignLeadAsync(admin, groupIds[g], lead);
            await setup.OpenSessionAsync(admin, groupIds[g], now);
        });

        var members = Enumerable.Range(0, options.Connections)
            .Select(i => new LoadMember(i, i / options.Members, groupIds[i / options.Members]))
            .ToList();
        await Parallel.ForEachAsync(members, new ParallelOptions { MaxDegreeOfParallelism = options.Parallel }, async (m, _) =>
        {
            var code = await setup.AddMemberAsync(admin, m.GroupId, $"Member {m.Index + 1}");
            m.Token = await setup.RedeemAsync(code, $"load-{m.Index + 1}", MemberPassword);
        });
        return members;
    }

    public async Task<string> LoginAsync(string username, string password)
    {
        var answer = await PostAsync(null, "/api/auth/login", new { username, password });
        return answer.GetProperty("accessToken").GetString()!;
    }

    public async Task<string> CreateGroupAsync(string token, string name, int capacity)
    {
        var answer = await PostAsync(token, "/api/groups", new
        {
            name,
            timeZone = "Europe/London",
            capacity,
            minAge = 11,
            maxAge = 25,
            allowSupporters = true,
            requireModerator = false,
            minModerators = 0,
            premoderate = false,
            closedMessage = "The group is closed right now. If you need help now, call Childline on 0800 1111.",
        });
        return IdString(answer.GetProperty("id"));
    }

    public async Task<string> CreateLeadAsync(string token)
    {
        var answer = await PostAsync(token, "/api/staff", new
        {
            username = "load-lead-" + Guid.NewGuid().ToString("N")[..8],
            password = MemberPassword,
            displayName = "Load safeguarding lead",
            role = "safeguarding",
        });
        return IdString(answer.GetProperty("userId"));
    }

    public Task AssignLeadAsync(string token, string groupId, string userId) =>
        PostAsync(token, $"/api/groups/{Uri.EscapeDataString(groupId)}/staff", new { userId, duty = "safeguardingLead" });

    public Task OpenSessionAsync(string token, string groupId, DateTimeOffset now) =>
        PostAsync(token, $"/api/groups/{Uri.EscapeDataString(groupId)}/sessions", new { startsAt = now.AddHours(-1), endsAt = now.AddHours(6) });

    public async Task<string> AddMemberAsync(string token, string groupId, string displayName)
    {
        var answer = await PostAsync(token, $"/api/groups/{Uri.EscapeDataString(groupId)}/members", new { displayName, age = 15, kind = "member" });
        var status = answer.TryGetProperty("status", out var s) ? s.GetString() : null;
        if (status is not null and not "active")
        {
            throw new InvalidOperationException($"member added as {status}, not active (is capacity below --members?)");
        }

        return answer.GetProperty("inviteCode").GetString()!;
    }

    public async Task<string> RedeemAsync(string inviteCode, string username, string password)
    {
        var answer = await PostAsync(null, "/api/auth/redeem", new { inviteCode, username, password, agreedToHouseRules = true });
        return answer.GetProperty("accessToken").GetString()!;
    }

    private async Task<JsonElement> PostAsync(string? token, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, path))
        {
            Content = JsonContent.Create(body, options: JsonSerializerOptions.Web),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST {path} answered {(int)response.StatusCode}: {Shorten(text)}");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return default;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    // Ids are opaque strings in the contract; accept a number too rather than fail the benchmark.
    private static string IdString(JsonElement id) =>
        id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText();

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
