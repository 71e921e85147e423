using Microsoft.Extensions.Options;
using OnlineGroup.Server.Chat;

namespace OnlineGroup.Server.Schedule;

/// <summary>
/// Where a young person can get help while the group is closed: configuration section <c>SupportContacts</c>,
/// a list of <c>{name, phone, text, url, hours}</c>. When the section is missing, the UK defaults below are
/// used, so a closed group never shows an empty list; a service outside the UK must set its own.
/// </summary>
public sealed class SignpostingOptions
{
    public const string Section = "SupportContacts";

    /// <summary>The same list as the shipped appsettings.json: defaults to review for each service.</summary>
    public static readonly IReadOnlyList<SupportContact> UkDefaults =
    [
        new("Childline", "0800 1111", null, "https://www.childline.org.uk", "24/7, free; also 1-2-1 online chat at childline.org.uk"),
        new("Samaritans", "116 123", null, "https://www.samaritans.org", "24/7, free"),
        new("Shout", null, "Text SHOUT to 85258", "https://giveusashout.org", "24/7, free"),
        new("In an emergency call 999", "999", null, null, "24/7"),
    ];

    public IReadOnlyList<SupportContact> Contacts { get; set; } = UkDefaults;

    /// <summary>Reads the section into <see cref="SupportContact"/>s; keeps the defaults when it is absent.</summary>
    internal static void Bind(SignpostingOptions options, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        if (!section.Exists())
        {
            return;
        }

        options.Contacts = [.. section.GetChildren().Select(c => new SupportContact(
            Trimmed(c["name"]) ?? "",
            Trimmed(c["phone"]),
            Trimmed(c["text"]),
            Trimmed(c["url"]),
            Trimmed(c["hours"])))];
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Refuses to start with a contact a young person could not use.</summary>
internal sealed class SignpostingValidation : IValidateOptions<SignpostingOptions>
{
    public ValidateOptionsResult Validate(string? name, SignpostingOptions options)
    {
        var problems = new List<string>();
        for (var i = 0; i < options.Contacts.Count; i++)
        {
            var contact = options.Contacts[i];
            if (string.IsNullOrEmpty(contact.Name))
            {
                problems.Add($"SupportContacts:{i} needs a name.");
            }

            if (contact.Phone is null && contact.Text is null && contact.Url is null)
            {
                problems.Add($"SupportContacts:{i} ({contact.Name}) needs a phone number, a text instruction or a url, so a young person can reach it.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
