using System.Security.Cryptography;
using System.Text;

namespace OnlineGroup.Server.Groups;

/// <summary>Invitation codes: easy to read aloud or type on a phone, hard to guess, stored only as a hash.</summary>
public static class InviteCodes
{
    // No 0/O, 1/I/L: a code read over the phone must not be mistyped.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /// <summary>12 characters (about 59 bits), shown as XXXX-XXXX-XXXX.</summary>
    public static string New()
    {
        Span<char> chars = stackalloc char[14];
        var j = 0;
        for (var i = 0; i < 12; i++)
        {
            if (i is 4 or 8)
            {
                chars[j++] = '-';
            }

            chars[j++] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>The stored form: SHA-256 of the code without separators, upper-cased.</summary>
    public static string Hash(string code)
    {
        var sb = new StringBuilder(code.Length);
        foreach (var c in code)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(char.ToUpperInvariant(c));
            }
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
