using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Accounts;

public static class AccountsExtensions
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidation>();
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section);
        services.AddSingleton<SigningKey>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<AccountStandings>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<IPasswordHasher<Account>, PasswordHasher<Account>>();
        services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        services.AddHostedService<BootstrapAdmin>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKey, IOptions<AuthOptions>, TimeProvider>((o, key, auth, time) =>
            {
                o.MapInboundClaims = false;
                // Nothing reads the token back (GetTokenAsync); kept, it would be one more copy of it held
                // for every open hub connection's lifetime.
                o.SaveToken = false;
                o.TokenValidationParameters = TokenService.ValidationParameters(key, auth.Value, time);
                o.Events = new JwtBearerEvents
                {
                    // Browsers cannot set headers on WebSockets, so SignalR sends the token in the query
                    // string; accept it there for the hub only. The request logger never logs query strings.
                    OnMessageReceived = ctx =>
                    {
                        if (ctx.Request.Path.StartsWithSegments("/hubs", StringComparison.Ordinal)
                            && ctx.Request.Query.TryGetValue("access_token", out var token))
                        {
                            ctx.Token = token;
                        }

                        return Task.CompletedTask;
                    },
                    OnTokenValidated = RefuseRevoked,
                };
            })
            // Built at start, so a key kept in data/signing.key that cannot be read stops the server with the reason
            // rather than failing every request, /health/ready included, with a FormatException.
            .ValidateOnStart();

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser().RequireClaim(CurrentUser.RoleClaim))
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Admin, Roles.Moderator, Roles.Safeguarding))
            .AddPolicy(Policies.Moderation, p => p.RequireRole(Roles.Admin, Roles.Moderator))
            .AddPolicy(Policies.Safeguarding, p => p.RequireRole(Roles.Safeguarding, Roles.Admin))
            .AddPolicy(Policies.ConcernReaders, p => p.RequireRole(Roles.Safeguarding, Roles.Admin, Roles.Moderator))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Participant, p => p.RequireRole(Roles.Participant));
        return builder;
    }

    /// <summary>A token stops working the moment its account is disabled or its token version moves on.</summary>
    private static async Task RefuseRevoked(TokenValidatedContext ctx)
    {
        var user = CurrentUser.TryFrom(ctx.Principal);
        if (user is null)
        {
            ctx.Fail("The token has no subject or role.");
            return;
        }

        var version = ctx.Principal!.FindFirst(CurrentUser.VersionClaim)?.Value;
        var account = await ctx.HttpContext.RequestServices.GetRequiredService<AccountStandings>().ReadAsync(user.Id, ctx.HttpContext.RequestAborted);
        var why = account is null ? "unknown account"
            : account.Disabled ? "account disabled"
            : account.Role != user.Role ? "role changed"
            : account.TokenVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) != version ? "token revoked"
            : null;
        if (why is not null)
        {
            AccountsLog.TokenRefused(ctx.HttpContext.RequestServices.GetRequiredService<ILogger<TokenService>>(), user.Id, why);
            ctx.Fail(why);
            return;
        }

        ctx.Principal = Compact(ctx.Principal);
    }

    /// <summary>
    /// The claims the server reads (who, role, name, token version), without the parsed token behind
    /// them: the handler's identity keeps the whole JsonWebToken (its text, header and payload) and a
    /// claim for each of its registered fields for as long as the principal lives, which for a hub
    /// connection is the whole evening. The token's expiry is kept where it is used, in the ticket.
    /// </summary>
    private static ClaimsPrincipal Compact(ClaimsPrincipal principal)
    {
        var identity = (ClaimsIdentity)principal.Identity!;
        return new ClaimsPrincipal(new ClaimsIdentity(
            principal.Claims.Where(c => c.Type is CurrentUser.IdClaim or CurrentUser.RoleClaim or CurrentUser.NameClaim or CurrentUser.VersionClaim)
                .Select(c => new Claim(c.Type, c.Value, c.ValueType, c.Issuer)),
            identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType));
    }

    private sealed class SubjectUserIdProvider : IUserIdProvider
    {
        public string? GetUserId(HubConnectionContext connection) => connection.User.FindFirst(CurrentUser.IdClaim)?.Value;
    }
}
