using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Audit;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Groups;
using OnlineGroup.Server.Hosting;
using OnlineGroup.Server.Readiness;

namespace OnlineGroup.Server.Accounts;

public sealed record LoginRequest(string? Username, string? Password);

/// <summary><c>agreedToHouseRules</c> must be true; <c>houseRulesVersion</c> (optional) is the version read, refused if the rules changed since.</summary>
public sealed record RedeemRequest(string? InviteCode, string? Username, string? Password, bool? AgreedToHouseRules = null, int? HouseRulesVersion = null);

public sealed record LoginResponse(string AccessToken, DateTimeOffset ExpiresAt, string UserId, string Role, string DisplayName,
    string? GroupId = null, string? MemberId = null);

public sealed record CreateStaffRequest(string? Username, string? Password, string? DisplayName, string? Role);

public sealed record CreatedStaff(string UserId);

/// <summary>A staff account as admins see it when assigning duties (<c>GET /api/staff</c>).</summary>
public sealed record StaffAccount(string UserId, string Username, string DisplayName, string Role, bool Disabled);

public sealed record MyGroup(string GroupId, string Name, string? MemberId, string? Status);

/// <param name="Goodbye">For a young person who has left a group: a goodbye with support contacts (Journey), else null.</param>
public sealed record Me(string UserId, string Role, string DisplayName, IReadOnlyList<MyGroup> Groups, Journey.Goodbye? Goodbye = null);

public static class AccountsApi
{
    // Verified when the username does not exist, so a miss takes as long as a wrong password.
    private static readonly string DummyHash = new PasswordHasher<Account>().HashPassword(null!, "not-a-real-password-0");

    public static RouteGroupBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").AllowAnonymous();
        auth.MapPost("/login", Login);
        auth.MapPost("/redeem", Redeem);
        app.MapPost("/api/staff", CreateStaff).RequireAuthorization(Policies.Admin);
        app.MapGet("/api/staff", ListStaff).RequireAuthorization(Policies.Admin);
        app.MapGet("/api/me", GetMe).RequireAuthorization(Policies.SignedIn);
        app.MapPost("/api/accounts/{accountId}/disable", Disable).RequireAuthorization(Policies.Admin);
        app.MapPost("/api/accounts/{accountId}/enable", Enable).RequireAuthorization(Policies.Admin);
        return auth;
    }

    /// <summary>Guessing invitation codes (redeeming or reading one) is throttled per client address.</summary>
    public static string InviteThrottleKey(HttpContext http) => "invite-codes:" + http.Connection.RemoteIpAddress;

    private static async Task<IResult> Login(LoginRequest req, AppDbContext db, IPasswordHasher<Account> hasher, TokenService tokens,
        LoginThrottle throttle, ILogger<LoginThrottle> logger, HttpContext http)
    {
        var normalized = Names.NormalizeUsername(req.Username ?? "");
        if (throttle.LockedFor(normalized) is { } left)
        {
            AccountsLog.SignInThrottled(logger, (int)Math.Ceiling(left.TotalSeconds));
            return TooManyAttempts(left);
        }

        var account = await db.Accounts.FirstOrDefaultAsync(a => a.NormalizedUsername == normalized, http.RequestAborted);
        var password = req.Password ?? "";
        var verdict = PasswordVerificationResult.Failed;
        if (account is null)
        {
            _ = hasher.VerifyHashedPassword(null!, DummyHash, password);
        }
        else
        {
            verdict = hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        }

        if (account is null || account.Disabled || verdict == PasswordVerificationResult.Failed)
        {
            throttle.Failed(normalized);
            AccountsLog.SignInFailed(logger);
            return TypedResults.Problem("The username or password is not right.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            account.PasswordHash = hasher.HashPassword(account, password);
            await db.SaveChangesAsync(http.RequestAborted);
        }

        throttle.Succeeded(normalized);
        AccountsLog.SignedIn(logger, account.Id, account.Role);
        var token = tokens.Issue(account);
        return TypedResults.Ok(new LoginResponse(token.AccessToken, token.ExpiresAt, account.Id, account.Role, account.DisplayName));
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooManyAttempts(TimeSpan left)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(left.TotalMinutes));
        return TypedResults.Problem(
            $"Too many sign-in attempts for this username. Please wait {minutes} minute{(minutes == 1 ? "" : "s")} and try again.",
            statusCode: StatusCodes.Status429TooManyRequests, title: "Please wait");
    }

    private static async Task<IResult> Redeem(RedeemRequest req, AppDbContext db, IPasswordHasher<Account> hasher, TokenService tokens,
        LoginThrottle throttle, AuditTrail audit, TimeProvider time, ILogger<LoginThrottle> logger, HttpContext http)
    {
        var throttleKey = InviteThrottleKey(http);
        if (throttle.LockedFor(throttleKey) is { } left)
        {
            return TooManyAttempts(left);
        }

        var hash = InviteCodes.Hash(req.InviteCode ?? "");
        var member = await db.Members.FirstOrDefaultAsync(m => m.InviteCodeHash == hash, http.RequestAborted);
        if (member is null || member.Status is MemberStatus.Removed or MemberStatus.Exited)
        {
            throttle.Failed(throttleKey);
            return Problems.Invalid("inviteCode", "That invitation code is not valid. Check it with the person who gave it to you.");
        }

        if (member.AccountId is not null)
        {
            return Problems.Invalid("inviteCode", "That invitation code has already been used. Sign in with the username chosen then, or ask staff for a new code.");
        }

        // Keen and informed: a young person reads the group's aims and house rules (GET /api/invitations/{code}) and agrees first.
        if (req.AgreedToHouseRules != true)
        {
            return Problems.Invalid("agreedToHouseRules",
                "Please read the group's aims and house rules, and agree to them (agreedToHouseRules: true), before you join.");
        }

        var rulesVersion = await HouseRulesAgreement.CurrentVersionAsync(db, member.GroupId, http.RequestAborted);
        if (req.HouseRulesVersion is { } read && read != rulesVersion)
        {
            return Problems.Conflict("The group's house rules changed since you read them. Please read them again before agreeing.");
        }

        if (Names.CheckUsername(req.Username) is { } usernameError)
        {
            return Problems.Invalid("username", usernameError);
        }

        if (Names.CheckPassword(req.Password, req.Username) is { } passwordError)
        {
            return Problems.Invalid("password", passwordError);
        }

        var normalized = Names.NormalizeUsername(req.Username!);
        if (await db.Accounts.AnyAsync(a => a.NormalizedUsername == normalized, http.RequestAborted))
        {
            return Problems.Invalid("username", "That username is taken; please choose another.");
        }

        var account = new Account
        {
            Id = Ids.New(),
            Username = req.Username!.Trim(),
            NormalizedUsername = normalized,
            PasswordHash = "",
            DisplayName = member.DisplayName,
            Role = Roles.Participant,
            CreatedAt = time.GetUtcNow(),
        };
        account.PasswordHash = hasher.HashPassword(account, req.Password!);
        db.Accounts.Add(account);
        member.AccountId = account.Id;
        member.RedeemedAt = time.GetUtcNow();
        var young = new CurrentUser(account.Id, account.Role, account.DisplayName);
        audit.Add(db, young, "invite.redeemed", member.GroupId, "member", member.Id);
        HouseRulesAgreement.Record(db, audit, member, young, rulesVersion, member.RedeemedAt.Value);
        try
        {
            await db.SaveChangesAsync(http.RequestAborted);
        }
        catch (DbUpdateException)
        {
            // Two redemptions raced: the unique username or the already-linked code wins once.
            return Problems.Conflict("That invitation code or username was just used. Please try again.");
        }

        AccountsLog.InviteRedeemed(logger, member.Id, account.Id);
        var token = tokens.Issue(account);
        return TypedResults.Ok(new LoginResponse(token.AccessToken, token.ExpiresAt, account.Id, account.Role, account.DisplayName, member.GroupId, member.Id));
    }

    private static async Task<IResult> CreateStaff(CreateStaffRequest req, HttpContext http, AppDbContext db, IPasswordHasher<Account> hasher,
        AuditTrail audit, TimeProvider time)
    {
        var errors = new Dictionary<string, string[]>();
        if (Names.CheckUsername(req.Username) is { } u)
        {
            errors["username"] = [u];
        }

        if (Names.CheckPassword(req.Password, req.Username) is { } p)
        {
            errors["password"] = [p];
        }

        if (Names.CheckDisplayName(req.DisplayName, forYoungPerson: false) is { } d)
        {
            errors["displayName"] = [d];
        }

        if (req.Role is null || !Roles.Staff.Contains(req.Role))
        {
            errors["role"] = ["role must be one of: moderator, safeguarding, admin."];
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        var normalized = Names.NormalizeUsername(req.Username!);
        if (await db.Accounts.AnyAsync(a => a.NormalizedUsername == normalized, http.RequestAborted))
        {
            return Problems.Conflict("That username is already taken.");
        }

        var account = new Account
        {
            Id = Ids.New(),
            Username = req.Username!.Trim(),
            NormalizedUsername = normalized,
            PasswordHash = "",
            DisplayName = req.DisplayName!,
            Role = req.Role!,
            CreatedAt = time.GetUtcNow(),
        };
        account.PasswordHash = hasher.HashPassword(account, req.Password!);
        db.Accounts.Add(account);
        audit.Add(db, CurrentUser.From(http.User), "staff.created", targetType: "account", targetId: account.Id, data: new { role = account.Role });
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.Created($"/api/staff/{account.Id}", new CreatedStaff(account.Id));
    }

    /// <summary>Disabling revokes every token at once and closes the account's live connections.</summary>
    private static async Task<IResult> Disable(string accountId, HttpContext http, AppDbContext db, AuditTrail audit,
        Chat.ConnectionRegistry connections, ILogger<LoginThrottle> logger)
    {
        var user = CurrentUser.From(http.User);
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == accountId, http.RequestAborted);
        if (account is null)
        {
            return Problems.NotFound("There is no account with that id.");
        }

        if (account.Id == user.Id)
        {
            return Problems.Invalid("accountId", "You cannot disable your own account; ask another admin.");
        }

        account.Disabled = true;
        account.TokenVersion++;
        audit.Add(db, user, "account.disabled", targetType: "account", targetId: account.Id);
        await db.SaveChangesAsync(http.RequestAborted);
        var closed = connections.Abort(account.Id);
        AccountsLog.AccountDisabled(logger, account.Id, closed);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Enable(string accountId, HttpContext http, AppDbContext db, AuditTrail audit)
    {
        var account = await db.Accounts.FirstOrDefaultAsync(a => a.Id == accountId, http.RequestAborted);
        if (account is null)
        {
            return Problems.NotFound("There is no account with that id.");
        }

        account.Disabled = false;
        audit.Add(db, CurrentUser.From(http.User), "account.enabled", targetType: "account", targetId: account.Id);
        await db.SaveChangesAsync(http.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>Every staff account, by display name, so an admin picks a person rather than typing an id.</summary>
    private static async Task<IResult> ListStaff(AppDbContext db, HttpContext http)
    {
        var staff = await db.Accounts.AsNoTracking()
            .Where(a => a.Role != Roles.Participant)
            .OrderBy(a => a.DisplayName)
            .Select(a => new StaffAccount(a.Id, a.Username, a.DisplayName, a.Role, a.Disabled))
            .ToListAsync(http.RequestAborted);
        return TypedResults.Ok(staff);
    }

    private static async Task<IResult> GetMe(HttpContext http, AppDbContext db, Microsoft.Extensions.Options.IOptions<Schedule.SignpostingOptions> signposting)
    {
        var user = CurrentUser.From(http.User);
        List<MyGroup> groups;
        if (user.IsParticipant)
        {
            groups = await db.Members.AsNoTracking().Where(m => m.AccountId == user.Id)
                .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new MyGroup(g.Id, g.Name, m.Id, m.Status))
                .ToListAsync(http.RequestAborted);
        }
        else if (user.IsAdmin)
        {
            groups = await db.Groups.AsNoTracking().OrderBy(g => g.Name).Select(g => new MyGroup(g.Id, g.Name, null, null)).ToListAsync(http.RequestAborted);
        }
        else
        {
            groups = await db.GroupStaff.AsNoTracking().Where(s => s.AccountId == user.Id)
                .Join(db.Groups, s => s.GroupId, g => g.Id, (s, g) => new MyGroup(g.Id, g.Name, null, null))
                .Distinct().ToListAsync(http.RequestAborted);
        }

        var goodbye = user.IsParticipant ? await Journey.Goodbyes.ForAsync(db, signposting.Value.Contacts, user.Id, http.RequestAborted) : null;
        return TypedResults.Ok(new Me(user.Id, user.Role, user.DisplayName, groups, goodbye));
    }
}
