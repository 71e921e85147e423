using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Accounts;

/// <summary>The HMAC key that signs bearer tokens: from configuration, or generated once and kept under data/.</summary>
public sealed class SigningKey
{
    public SigningKey(IOptions<AuthOptions> options, IConfiguration configuration)
    {
        var configured = options.Value.SigningKey;
        byte[] bytes;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (Read(configured, "Auth:SigningKey", out bytes) is { } problem)
            {
                throw new InvalidOperationException(problem);
            }
        }
        else
        {
            var dataSource = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(
                configuration.GetConnectionString("Default") ?? DataExtensions.DefaultSqlite).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource)) ?? "data";
            var path = Path.Combine(folder, "signing.key");
            if (File.Exists(path))
            {
                if (Read(File.ReadAllText(path).Trim(), path, out bytes) is { } problem)
                {
                    throw new InvalidOperationException(
                        $"{problem} Set Auth:SigningKey, or delete the file to have a new key generated (every token already issued then stops working).");
                }
            }
            else
            {
                Directory.CreateDirectory(folder);
                bytes = RandomNumberGenerator.GetBytes(64);
                File.WriteAllText(path, Convert.ToBase64String(bytes));
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
            }
        }

        Key = new SymmetricSecurityKey(bytes) { KeyId = "og1" };
    }

    public SymmetricSecurityKey Key { get; }

    /// <summary>The shortest key accepted: HMAC-SHA256 is no stronger than its key.</summary>
    public const int MinimumBytes = 32;

    /// <summary>Why <paramref name="key"/> cannot sign tokens, or null when it can.</summary>
    public static string? Problem(string key, string source) => Read(key, source, out _);

    /// <summary>Decodes <paramref name="key"/> once: null and its bytes when it can sign tokens, else why not.</summary>
    private static string? Read(string key, string source, out byte[] bytes)
    {
        var buffer = new byte[key.Length];
        if (!Convert.TryFromBase64String(key, buffer, out var length))
        {
            bytes = [];
            return $"{source} is not base64. Generate a key with `openssl rand -base64 48`.";
        }

        bytes = buffer[..length];
        return length < MinimumBytes
            ? $"{source} is {length} bytes; it needs at least {MinimumBytes} random bytes. Generate a key with `openssl rand -base64 48`."
            : null;
    }
}

/// <summary>Refuses to start with a signing key that would fail every request instead.</summary>
internal sealed class AuthOptionsValidation : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options) =>
        string.IsNullOrWhiteSpace(options.SigningKey) || SigningKey.Problem(options.SigningKey, "Auth:SigningKey") is not { } problem
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(problem);
}

public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt);

public sealed class TokenService(SigningKey key, IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public IssuedToken Issue(Account account)
    {
        var now = time.GetUtcNow();
        var expires = now + options.Value.TokenLifetime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Issuer,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
            Subject = new ClaimsIdentity(
            [
                new Claim(CurrentUser.IdClaim, account.Id),
                new Claim(CurrentUser.RoleClaim, account.Role),
                new Claim(CurrentUser.NameClaim, account.DisplayName),
                new Claim(CurrentUser.VersionClaim, account.TokenVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ]),
        };
        return new IssuedToken(_handler.CreateToken(descriptor), expires);
    }

    /// <summary>Validation that checks lifetime against the injected clock, so tests control expiry.</summary>
    public static TokenValidationParameters ValidationParameters(SigningKey key, AuthOptions options, TimeProvider time) => new()
    {
        ValidIssuer = options.Issuer,
        ValidAudience = options.Issuer,
        IssuerSigningKey = key.Key,
        // Only our own algorithm: "alg: none" and algorithm confusion are refused.
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        NameClaimType = CurrentUser.NameClaim,
        RoleClaimType = CurrentUser.RoleClaim,
        LifetimeValidator = (notBefore, expires, _, _) =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            return expires is { } e && e > now && (notBefore is not { } nb || nb <= now.AddSeconds(30));
        },
    };
}
