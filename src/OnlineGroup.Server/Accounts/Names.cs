using System.Globalization;
using System.Text;

namespace OnlineGroup.Server.Accounts;

/// <summary>Rules for usernames and the display names peers see.</summary>
public static class Names
{
    public const int MaxDisplayName = 40;

    private static readonly string[] StaffWords = ["moderator", "admin", "staff", "safeguarding", "facilitator", "official", "onlinegroup"];

    /// <summary>Null when the username is usable; otherwise why not.</summary>
    public static string? CheckUsername(string? username)
    {
        if (string.IsNullOrWhiteSpace(username) || username.Length is < 3 or > 32)
        {
            return "A username needs 3 to 32 characters.";
        }

        foreach (var c in username)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return "A username may use only letters a–z, digits, dots, dashes and underscores.";
            }
        }

        return null;
    }

    public static string NormalizeUsername(string username) => username.Trim().ToLowerInvariant();

    /// <summary>Null when the password is usable; otherwise why not.</summary>
    public static string? CheckPassword(string? password, string? username)
    {
        if (string.IsNullOrEmpty(password) || password.Length < 8)
        {
            return "A password needs at least 8 characters.";
        }

        if (password.Length > 200)
        {
            return "A password may have at most 200 characters.";
        }

        if (username is not null && password.Equals(username, StringComparison.OrdinalIgnoreCase))
        {
            return "The password must not be the same as the username.";
        }

        return null;
    }

    /// <summary>
    /// Null when the display name is safe to show to others; otherwise why not. Refuses invisible,
    /// control and direction-changing characters (they can make a name look like someone else's)
    /// and, for young people, names that imitate staff.
    /// </summary>
    public static string? CheckDisplayName(string? name, bool forYoungPerson, IEnumerable<string>? staffNames = null)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "A display name is needed.";
        }

        if (name.Trim().Length != name.Length)
        {
            return "A display name must not start or end with spaces.";
        }

        if (name.Length > MaxDisplayName)
        {
            return $"A display name may have at most {MaxDisplayName} characters.";
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                i++;
                continue;
            }

            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Surrogate or UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned || c == '\uFFFD')
            {
                return "A display name may not contain invisible, control or direction-changing characters.";
            }
        }

        if (forYoungPerson)
        {
            var folded = Fold(name);
            foreach (var word in StaffWords)
            {
                if (folded.Contains(word, StringComparison.Ordinal))
                {
                    return "A young person's display name must not look like a staff name (it contains \"" + word + "\").";
                }
            }

            foreach (var staff in staffNames ?? [])
            {
                if (Fold(staff) == folded)
                {
                    return "That display name is too close to a staff member's name.";
                }
            }
        }

        return null;
    }

    /// <summary>Compatibility-folded lowercase letters and digits only: "M0d-erator" and "moderator" look alike.</summary>
    internal static string Fold(string value)
    {
        var normalized = value.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var sb = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(c switch { '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', _ => c });
            }
        }

        return sb.ToString();
    }
}
