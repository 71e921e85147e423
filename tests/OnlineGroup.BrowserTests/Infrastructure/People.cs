using System.Net.Http.Json;
using System.Text.Json;

namespace OnlineGroup.BrowserTests.Infrastructure;

/// <summary>Someone who signs in through a page: the username and password typed into it.</summary>
public sealed record Person(string Username, string Password, string UserId, string Token, string DisplayName, string? MemberId = null);

/// <summary>A group with a moderator, a safeguarding lead and young people who can all sign in by name.</summary>
public sealed record Room(string GroupId, string Name, string AdminToken, Person Moderator, Person Lead, IReadOnlyList<Person> Young);

/// <summary>Set-up through the public REST contract, keeping the credentials a person would type.</summary>
public static class People
{
    public const string StaffPassword = "staff-password-1";
    public const string YoungPassword = "young-password-1";

    public static async Task<Person> StaffAsync(this OnlineGroupApp app, string adminToken, string role, string displayName)
    {
        var username = role + "-" + Guid.NewGuid().ToString("N")[..6];
        using var http = app.Http(adminToken);
        var created = await (await http.PostAsJsonAsync("/api/staff", new { username, password = StaffPassword, displayName, role })).ReadAsync<JsonElement>();
        var login = await app.LoginAsync(username, StaffPassword);
        return new Person(username, StaffPassword, created.GetProperty("userId").GetString()!, login.AccessToken, displayName);
    }

    public static async Task<Person> JoinAsync(this OnlineGroupApp app, string staffToken, string groupId, string displayName)
    {
        var member = await app.AddMemberAsync(staffToken, groupId, displayName);
        var letters = new string([.. displayName.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
        var username = (letters.Length > 0 ? letters : "member") + "-" + Guid.NewGuid().ToString("N")[..6];
        var login = await app.RedeemAsync(member.InviteCode, username);
        return new Person(username, YoungPassword, login.UserId, login.AccessToken, displayName, member.MemberId);
    }

    /// <summary>A group with staff assigned and young people signed up; a session open now unless <paramref name="open"/> is false.</summary>
    public static async Task<Room> RoomAsync(this OnlineGroupApp app, string[]? young = null, bool open = true, string name = "Thursday Evening Group",
        bool premoderate = false)
    {
        var admin = (await app.AdminAsync()).AccessToken;
        var moderator = await app.StaffAsync(admin, "moderator", "Jo (moderator)");
        var lead = await app.StaffAsync(admin, "safeguarding", "Priya (safeguarding)");
        var groupId = await app.CreateGroupAsync(admin, new
        {
            name,
            timeZone = "Europe/London",
            capacity = 12,
            minAge = 11,
            maxAge = 18,
            allowSupporters = false,
            requireModerator = false,
            minModerators = 0,
            premoderate,
            closedMessage = "The group meets on Thursday evenings. See you then.",
        });
        await app.AssignAsync(admin, groupId, moderator.UserId, "moderator");
        await app.AssignAsync(admin, groupId, lead.UserId, "safeguardingLead");
        var people = new List<Person>();
        foreach (var displayName in young ?? ["Sam", "Alex"])
        {
            people.Add(await app.JoinAsync(admin, groupId, displayName));
        }

        if (open)
        {
            await app.OpenSessionNowAsync(admin, groupId);
        }

        return new Room(groupId, name, admin, moderator, lead, people);
    }
}
