using System.Security.Claims;

namespace OnlineGroup.Server.Accounts;

public static class Roles
{
    public const string Admin = "admin";
    public const string Moderator = "moderator";
    public const string Safeguarding = "safeguarding";
    public const string Participant = "participant";

    public static readonly IReadOnlyList<string> Staff = [Admin, Moderator, Safeguarding];

    public static bool IsStaff(string role) => role is Admin or Moderator or Safeguarding;
}

/// <summary>Named authorization policies; every endpoint and hub method names one.</summary>
public static class Policies
{
    public const string SignedIn = "signedIn";
    public const string Staff = "staff";
    public const string Moderation = "moderation";
    public const string Safeguarding = "safeguarding";
    public const string Admin = "admin";
    public const string Participant = "participant";
    public const string ConcernReaders = "concernReaders";
}

/// <summary>Group duties staff hold per group.</summary>
public static class Duties
{
    public const string Moderator = "moderator";
    public const string SafeguardingLead = "safeguardingLead";
    public const string DeputyLead = "deputyLead";
    /// <summary>Supervises the group's facilitators: sees their debriefs, hours and requests for supervision.</summary>
    public const string Supervisor = "supervisor";

    public static readonly IReadOnlyList<string> All = [Moderator, SafeguardingLead, DeputyLead, Supervisor];
}

/// <summary>Who is calling, read from the signed token's claims (never from arguments).</summary>
public sealed record CurrentUser(string Id, string Role, string DisplayName)
{
    public const string IdClaim = "sub";
    public const string RoleClaim = "role";
    public const string NameClaim = "name";
    public const string VersionClaim = "ver";

    public bool IsStaff => Roles.IsStaff(Role);
    public bool IsAdmin => Role == Roles.Admin;
    public bool IsParticipant => Role == Roles.Participant;
    public bool CanModerate => Role is Roles.Admin or Roles.Moderator;

    public static CurrentUser From(ClaimsPrincipal principal) =>
        TryFrom(principal) ?? throw new InvalidOperationException("The caller is not signed in.");

    public static CurrentUser? TryFrom(ClaimsPrincipal? principal)
    {
        var id = principal?.FindFirstValue(IdClaim);
        var role = principal?.FindFirstValue(RoleClaim);
        if (id is null || role is null)
        {
            return null;
        }

        return new CurrentUser(id, role, principal!.FindFirstValue(NameClaim) ?? "");
    }
}
