using System.ComponentModel.DataAnnotations;
using OnlineGroup.Server.Chat;

namespace OnlineGroup.Server.Safeguarding;

/// <summary>The <c>Safeguarding</c> section: where concerns are notified and how long a lead has to acknowledge.</summary>
public sealed class SafeguardingOptions : IValidatableObject
{
    public const string Section = "Safeguarding";

    /// <summary>Where each concern raised or escalated is POSTed (no message text, no names). Unset: kept in the outbox, not sent.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Set: each notification carries <c>X-OnlineGroup-Signature: sha256=HMAC(body)</c> so the receiver can check who sent it.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>A high or critical concern not acknowledged within this goes to the deputy leads, then to all safeguarding staff.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00",
        ErrorMessage = "Safeguarding:AcknowledgeWithin must be between 00:00:01 and 1.00:00:00 (hh:mm:ss); the default is 00:05:00.")]
    public TimeSpan AcknowledgeWithin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>What a young person reads when their message was flagged, held or blocked.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Safeguarding:SupportOfferText must say something kind to the young person.")]
    [StringLength(500, ErrorMessage = "Safeguarding:SupportOfferText may have at most 500 characters.")]
    public string SupportOfferText { get; set; } = "Thanks for sharing this. A moderator will check in with you soon.";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(WebhookUrl)
            && !(Uri.TryCreate(WebhookUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            yield return new ValidationResult(
                $"Safeguarding:WebhookUrl must be an absolute http(s) URL such as https://alerts.example.org/onlinegroup; it was '{WebhookUrl}'.",
                [nameof(WebhookUrl)]);
        }
    }
}

/// <summary>
/// The <c>Safeguarding:Webhook</c> section: how hard the outbound notification tries. Each delivery is
/// attempted through a Polly pipeline (retry with backoff and jitter, circuit breaker, per-attempt
/// timeout); what still fails stays in the outbox and is tried again every <see cref="PollInterval"/>.
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "Safeguarding:Webhook";

    [Range(0, 10, ErrorMessage = "Safeguarding:Webhook:Retries must be between 0 and 10.")]
    public int Retries { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00", ErrorMessage = "Safeguarding:Webhook:RetryDelay must be between 1 ms and 5 minutes.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Safeguarding:Webhook:AttemptTimeout must be between 100 ms and 5 minutes.")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00", ErrorMessage = "Safeguarding:Webhook:BreakDuration must be between 500 ms and 10 minutes.")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Safeguarding:Webhook:PollInterval must be between 1 second and 10 minutes.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Where young people can get help now, from the root <c>SupportContacts</c> list. The shipped
/// appsettings.json carries UK defaults (Childline, Samaritans, Shout) marked <c>UkDefault</c>, to be
/// reviewed for each service; with no list configured at all, the same UK defaults apply.
/// </summary>
public sealed class SupportContactsOptions : IValidatableObject
{
    public const string Section = "SupportContacts";

    public static IReadOnlyList<SupportContactSetting> UkDefaults { get; } =
    [
        new() { Name = "Childline", Phone = "0800 1111", Url = "https://www.childline.org.uk", Hours = "24 hours, every day", UkDefault = true },
        new() { Name = "Samaritans", Phone = "116 123", Url = "https://www.samaritans.org", Hours = "24 hours, every day", UkDefault = true },
        new() { Name = "Shout", Text = "Text SHOUT to 85258", Url = "https://giveusashout.org", Hours = "24 hours, every day", UkDefault = true },
    ];

    public List<SupportContactSetting> Contacts { get; set; } = [];

    /// <summary>What young people are shown.</summary>
    public IReadOnlyList<SupportContact> ForYoungPeople =>
        [.. Contacts.Select(c => new SupportContact(c.Name!, c.Phone, c.Text, c.Url, c.Hours))];

    public bool StillUkDefaults => Contacts.Any(c => c.UkDefault);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Contacts.Count == 0)
        {
            yield return new ValidationResult("SupportContacts must list at least one place young people can get help now.");
        }

        foreach (var (c, i) in Contacts.Select((c, i) => (c, i)))
        {
            if (string.IsNullOrWhiteSpace(c.Name) || (c.Phone, c.Text, c.Url) is (null or "", null or "", null or ""))
            {
                yield return new ValidationResult($"SupportContacts:{i} needs a Name and at least one of Phone, Text or Url.");
            }
        }
    }
}

public sealed class SupportContactSetting
{
    public string? Name { get; set; }
    public string? Phone { get; set; }
    public string? Text { get; set; }
    public string? Url { get; set; }
    public string? Hours { get; set; }
    /// <summary>True for the shipped UK defaults: a reminder to review them for the service (a warning is logged at start).</summary>
    public bool UkDefault { get; set; }
}
