using System.ComponentModel.DataAnnotations;

namespace OnlineGroup.Server.Accounts;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// Base64 HMAC key of at least 32 bytes. Every instance of a cluster needs the same one. When empty,
    /// a key is generated once and kept in <c>data/signing.key</c>.
    /// </summary>
    public string? SigningKey { get; set; }

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Auth:TokenLifetime must be between 1 minute and 1 day.")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(3);

    public string Issuer { get; set; } = "onlinegroup";

    [Range(1, 100, ErrorMessage = "Auth:MaxFailedLogins must be between 1 and 100.")]
    public int MaxFailedLogins { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Auth:Lockout must be between 1 second and 1 day.")]
    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(5);
}

public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";
    public string? AdminUsername { get; set; }
    public string? AdminPassword { get; set; }
}
