using System.Net.Http.Json;
using System.Text.Json;

namespace OnlineGroup.IntegrationTests.Infrastructure;

public sealed record Login(string AccessToken, DateTimeOffset ExpiresAt, string UserId, string Role, string DisplayName, string? GroupId, string? MemberId);

public sealed record CreatedMember(string MemberId, string InviteCode, string Status, int? WaitlistPosition);

public sealed record YoungPerson(string Token, string UserId, string MemberId, string DisplayName);

/// <summary>A group ready for a live session: staff assigned, young people signed in, a session open now.</summary>
public sealed record LiveGroup(string GroupId, string AdminToken, string ModeratorToken, string ModeratorId, string LeadToken, string LeadId, IReadOnlyList<YoungPerson> Young);

/// <summary>Set-up through the public REST contract only, as a client would.</summary>
public static class Api
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: {body}");
        }

        return JsonSerializer.Deserialize<T>(body, Json)!;
    }

    public static async Task<Login> LoginAsync(this OnlineGroupApp app, string username, string password)
    {
        using var http = app.Http();
        return await (await http.PostAsJsonAsync("/api/auth/login", new { username, password })).ReadAsync<Login>();
    }

    public static Task<Login> AdminAsync(this OnlineGroupApp app) => app.LoginAsync(OnlineGroupApp.AdminUsername, OnlineGroupApp.AdminPassword);

    public static async Task<(string Id, string Token)> StaffAsync(this OnlineGroupApp app, string adminToken, string role, string? name = null)
    {
        using var http = app.Http(adminToken);
        var username = role + "." + Guid.NewGuid().ToString("N")[..6];
        var created = await (await http.PostAsJsonAsync("/api/staff", new
        {
            username,
            password = "staff-password-1",
            displayName = name ?? $"{role} {username[^6..]}",
            role,
        })).ReadAsync<JsonElement>();
        var login = await app.LoginAsync(username, "staff-password-1");
        return (created.GetProperty("userId").GetString()!, login.AccessToken);
    }

    public static async Task<string> CreateGroupAsync(this OnlineGroupApp app, string token, object? settings = null)
    {
        using var http = app.Http(token);
        var group = await (await http.PostAsJsonAsync("/api/groups", settings ?? new
        {
            name = "Evening group",
            timeZone = "Europe/London",
            capacity = 12,
            minAge = 11,
            maxAge = 18,
            allowSupporters = false,
            requireModerator = false,
            minModerators = 0,
        })).ReadAsync<JsonElement>();
        return group.GetProperty("id").GetString()!;
    }

    public static async Task AssignAsync(this OnlineGroupApp app, string adminToken, string groupId, string userId, string duty)
    {
        using var http = app.Http(adminToken);
        (await http.PostAsJsonAsync($"/api/groups/{groupId}/staff", new { userId, duty })).EnsureSuccessStatusCode();
    }

    public static async Task<CreatedMember> AddMemberAsync(this OnlineGroupApp app, string staffToken, string groupId, string displayName, int age = 15, string kind = "member",
        string? gender = null)
    {
        using var http = app.Http(staffToken);
        return await (await http.PostAsJsonAsync($"/api/groups/{groupId}/members", new { displayName, age, kind, gender })).ReadAsync<CreatedMember>();
    }

    public static async Task<Login> RedeemAsync(this OnlineGroupApp app, string inviteCode, string? username = null)
    {
        using var http = app.Http();
        return await (await http.PostAsJsonAsync("/api/auth/redeem", new
        {
            inviteCode,
            username = username ?? "yp" + Guid.NewGuid().ToString("N")[..8],
            password = "young-password-1",
            agreedToHouseRules = true, // having read the group's aims and house rules
        })).ReadAsync<Login>();
    }

    public static async Task<YoungPerson> YoungPersonAsync(this OnlineGroupApp app, string staffToken, string groupId, string displayName)
    {
        var member = await app.AddMemberAsync(staffToken, groupId, displayName);
        var login = await app.RedeemAsync(member.InviteCode);
        return new YoungPerson(login.AccessToken, login.UserId, member.MemberId, displayName);
    }

    /// <summary>A one-off session from a minute ago for <paramref name="hours"/> hours.</summary>
    public static async Task OpenSessionNowAsync(this OnlineGroupApp app, string staffToken, string groupId, double hours = 2)
    {
        using var http = app.Http(staffToken);
        var now = app.Time.GetUtcNow();
        (await http.PostAsJsonAsync($"/api/groups/{groupId}/sessions", new { startsAt = now.AddMinutes(-1), endsAt = now.AddHours(hours) })).EnsureSuccessStatusCode();
    }

    /// <summary>Admin, a moderator and a safeguarding lead assigned, young people signed in, and a session open now.</summary>
    public static async Task<LiveGroup> LiveGroupAsync(this OnlineGroupApp app, int youngPeople = 2, object? settings = null, bool open = true)
    {
        var admin = (await app.AdminAsync()).AccessToken;
        var (moderatorId, moderator) = await app.StaffAsync(admin, "moderator");
        var (leadId, lead) = await app.StaffAsync(admin, "safeguarding");
        var groupId = await app.CreateGroupAsync(admin, settings);
        await app.AssignAsync(admin, groupId, moderatorId, "moderator");
        await app.AssignAsync(admin, groupId, leadId, "safeguardingLead");
        var young = new List<YoungPerson>();
        string[] names = ["Sam", "Alex", "Robin", "Kai", "Jess", "Noor", "Lee", "Ash"];
        for (var i = 0; i < youngPeople; i++)
        {
            young.Add(await app.YoungPersonAsync(admin, groupId, names[i % names.Length] + (i >= names.Length ? i.ToString(System.Globalization.CultureInfo.InvariantCulture) : "")));
        }

        if (open)
        {
            await app.OpenSessionNowAsync(admin, groupId);
        }

        return new LiveGroup(groupId, admin, moderator, moderatorId, lead, leadId, young);
    }
}
