using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace OnlineGroup.Server.Safeguarding.Detection;

/// <summary>
/// The views of one message that rules are matched against (see <see cref="TextNormalizer"/>).
/// For tests and the rule tester; the scan itself never builds strings.
/// </summary>
/// <param name="Words">Words separated by single spaces: "I’m gonna K1LL mysélf!!" → "im going to kil myself".</param>
/// <param name="Joined">
/// As <paramref name="Words"/>, but with runs of three or more single letters joined into one word
/// ("k i l l myself" → "kil myself") and 1 inside a word read as l rather than i ("ki11" → "kil").
/// Equal to <paramref name="Words"/> when the message has neither.
/// </param>
/// <param name="Letters">Letters only, no spaces: "su icide" → "suicide".</param>
/// <param name="Contacts">Contact details found in the raw text.</param>
public sealed record NormalizedText(string Words, string Joined, string Letters, ContactDetector Contacts);

/// <summary>
/// Turns a message into plain lowercase words so that one pass of plain patterns catches its disguises.
/// Per character: compatibility decomposition (NFKD: fullwidth, bold and circled letters become ASCII,
/// accents come apart and are dropped); zero-width, bidi and other format and control characters are
/// removed, so "ki[zero-width space]ll" joins up; lowercase; Cyrillic, Greek and small-capital lookalikes
/// become Latin letters; a few emoji become words (💊 → "pills"); apostrophes are dropped ("don't" →
/// "dont"); a censoring star inside a word stays ("s*icide", for an alias to resolve); every other mark
/// separates words. Per word: leetspeak (0→o, 1, | and !→i, 3→e, 4 and @→a, 5 and $→s, 7→t); every run of
/// a repeated letter collapses to one ("diiiie" → "die", "kill" → "kil": patterns are collapsed the same
/// way, which is why two would not do); numbers become "#"; and aliases apply ("u" → "you", "gonna" →
/// "going to").
/// </summary>
public sealed class TextNormalizer
{
    /// <summary>Stands for any letter outside a–z that has no Latin lookalike; it matches nothing.</summary>
    internal const char OtherLetter = '\u0001';

    /// <summary>A number of any length in the Words view.</summary>
    internal const char NumberMark = '#';

    private const int PhoneDigits = 10;

    /// <summary>Bits in the filter that lets most words skip the alias lookup.</summary>
    private const int AliasFilterBits = 4096;

    private readonly FrozenDictionary<string, string> _aliases;
    private readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _aliasLookup;
    private readonly int _maxAliasKeyLength;
    private readonly int _expansion;
    private readonly ulong[] _aliasFilter = new ulong[AliasFilterBits / 64];

    /// <summary>A normalizer with no aliases.</summary>
    public static TextNormalizer Plain { get; } = new(FrozenDictionary<string, string>.Empty, precomputed: true);

    /// <param name="aliases">Word rewrites; keys and values are normalized here like any text.</param>
    /// <exception cref="InvalidDataException">A key is not one word, or a value is empty.</exception>
    public TextNormalizer(IReadOnlyDictionary<string, string> aliases)
        : this(NormalizeAliases(aliases), precomputed: true)
    {
    }

    private TextNormalizer(IReadOnlyDictionary<string, string> normalizedAliases, bool precomputed)
    {
        _ = precomputed;
        _aliases = normalizedAliases.ToFrozenDictionary(StringComparer.Ordinal);
        _aliasLookup = _aliases.GetAlternateLookup<ReadOnlySpan<char>>();
        _maxAliasKeyLength = _aliases.Count == 0 ? 0 : _aliases.Keys.Max(k => k.Length);
        foreach (string key in _aliases.Keys)
        {
            int bit = AliasFilterBit(key);
            _aliasFilter[bit >> 6] |= 1UL << (bit & 63);
        }

        // How much longer the Words view can be than the mapped text: a word of k letters and its space
        // become a value of v letters and a space; a number glued to its unit ("6kg" → "# kg") grows by
        // one character, at most doubling.
        _expansion = _aliases.Count == 0
            ? 2
            : Math.Max(2, _aliases.Max(a => (a.Value.Length + a.Key.Length) / (a.Key.Length + 1) + 1));
    }

    public IReadOnlyDictionary<string, string> Aliases => _aliases;

    /// <summary>All views of <paramref name="text"/> as strings (allocates; the scan does not use this).</summary>
    public NormalizedText Normalize(string text)
    {
        var source = Decompose(text);
        var mapped = new char[MappedCapacity(source, Ascii.IsValid(source))];
        var contacts = ContactDetector.None;
        int mappedLength = MapCharacters(source, mapped, ref contacts);
        var words = new char[WordsCapacity(mappedLength)];
        var letters = new char[mappedLength];
        int wordsLength = EmitWords(mapped.AsSpan(0, mappedLength), words, letters, out int lettersLength, ref contacts, out bool alternate);
        var wordsText = new string(words, 0, wordsLength).Trim();
        var joinedText = wordsText;
        if (alternate)
        {
            var joined = new char[WordsCapacity(mappedLength)];
            joinedText = new string(joined, 0, EmitJoined(mapped.AsSpan(0, mappedLength), joined)).Trim();
        }

        return new NormalizedText(wordsText, joinedText, new string(letters, 0, lettersLength), contacts);
    }

    /// <summary>The Words view of a pattern or alias, without the outer spaces.</summary>
    internal string NormalizeWords(string text) => Normalize(text).Words;

    /// <summary>
    /// NFKD into a pooled buffer (returned in <paramref name="rented"/>, for the caller to give back), or the
    /// text itself when it is not valid UTF-16.
    /// </summary>
    internal static ReadOnlySpan<char> Decompose(ReadOnlySpan<char> text, out char[]? rented)
    {
        rented = null;
        try
        {
            rented = ArrayPool<char>.Shared.Rent((text.Length * 2) + 16);
            if (!text.TryNormalize(rented, out int written, NormalizationForm.FormKD))
            {
                ArrayPool<char>.Shared.Return(rented);
                rented = null;
                rented = ArrayPool<char>.Shared.Rent(text.GetNormalizedLength(NormalizationForm.FormKD));
                text.TryNormalize(rented, out written, NormalizationForm.FormKD);
            }

            return rented.AsSpan(0, written);
        }
        catch (ArgumentException)
        {
            // A lone surrogate: normalization refuses the text; the mapping copes with it as it is.
            return text;
        }
    }

    /// <summary>NFKD, or the text itself when it is ASCII (already decomposed) or not valid UTF-16.</summary>
    internal static string Decompose(string text)
    {
        if (Ascii.IsValid(text))
        {
            return text;
        }

        try
        {
            return text.Normalize(NormalizationForm.FormKD);
        }
        catch (ArgumentException)
        {
            // A lone surrogate: normalization refuses the string; the mapping below still copes with it.
            return text;
        }
    }

    /// <summary>An upper bound on the length <see cref="MapCharacters"/> writes for <paramref name="source"/>.</summary>
    internal static int MappedCapacity(ReadOnlySpan<char> source, bool ascii) =>
        // ASCII maps one to one, except a lone '@', which becomes " at "; an emoji of one char can become
        // " scissors " (10 chars). Plus the spaces at either edge.
        ascii ? source.Length + (3 * source.Count('@')) + 2 : (source.Length * 10) + 2;

    internal int WordsCapacity(int mappedLength) => (mappedLength * _expansion) + 2;

    /// <summary>
    /// Pass 1: characters → lowercase word characters (a–z, 0–9, and the leet symbols @ $ ! where they sit
    /// inside a word) and single spaces, starting and ending with a space. Finds e-mail addresses and handles.
    /// </summary>
    internal static int MapCharacters(ReadOnlySpan<char> s, Span<char> m, ref ContactDetector contacts)
    {
        int w = 0;
        m[w++] = ' ';
        int i = 0;
        while (i < s.Length)
        {
            char c = s[i];
            if (char.IsAscii(c))
            {
                i++;
                if (char.IsAsciiLetterUpper(c))
                {
                    m[w++] = (char)(c | 0x20);
                }
                else if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
                {
                    m[w++] = c;
                }
                else if (c is '\'' or '`')
                {
                    // Apostrophes join: "don't" → "dont", "i'm" → "im", "sh'd" → "shd".
                }
                else if (c == '@')
                {
                    contacts |= ClassifyAt(s, i - 1);
                    w = IsAttached(m[w - 1], s, i) ? Put(m, w, '@') : PutWord(m, w, "at"); // "whats ur @", "@ the park"
                }
                else if (c is '$' or '|')
                {
                    w = IsAttached(m[w - 1], s, i) ? Put(m, w, c) : Separate(m, w);
                }
                else if (c == '*')
                {
                    // A censoring star inside a word ("s*icide", "k**l") stays, for an alias to resolve.
                    bool inside = IsWordChar(m[w - 1]) && i < s.Length && (char.IsAsciiLetter(s[i]) || s[i] == '*');
                    w = inside ? Put(m, w, '*') : Separate(m, w);
                }
                else if (c == '!')
                {
                    // "k!ll", "su!c!de"; but "help!" and "!!!" are punctuation.
                    bool inside = IsWordChar(m[w - 1]) && i < s.Length && char.IsAsciiLetterOrDigit(s[i]);
                    w = inside ? Put(m, w, '!') : Separate(m, w);
                }
                else if (c < 0x20 && !char.IsWhiteSpace(c) || c == 0x7F)
                {
                    // Control characters are removed so that the letters either side join.
                }
                else
                {
                    w = Separate(m, w);
                }

                continue;
            }

            Rune.DecodeFromUtf16(s[i..], out var rune, out int consumed);
            i += consumed;
            w = MapRune(rune, m, w);
        }

        return m[w - 1] == ' ' ? w : Put(m, w, ' ');
    }

    private static int MapRune(Rune rune, Span<char> m, int w)
    {
        int v = rune.Value;
        if (v is 0x2018 or 0x2019 or 0x201B or 0x02BB or 0x02BC or 0x00B4 or 0x2032)
        {
            return w; // typographic apostrophes join like ASCII ones
        }

        if (EmojiWord(v) is { } word)
        {
            return PutWord(m, w, word);
        }

        // Letters drawn as symbols that have no compatibility decomposition: 🇰🇲🇸, 🅺🅼🆂, 🅚🅜🅢.
        if (v is >= 0x1F1E6 and <= 0x1F1FF)
        {
            return Put(m, w, (char)('a' + (v - 0x1F1E6)));
        }

        if (v is >= 0x1F170 and <= 0x1F189)
        {
            return Put(m, w, (char)('a' + (v - 0x1F170)));
        }

        if (v is >= 0x1F150 and <= 0x1F169)
        {
            return Put(m, w, (char)('a' + (v - 0x1F150)));
        }

        if (v is >= 0x1F130 and <= 0x1F149)
        {
            return Put(m, w, (char)('a' + (v - 0x1F130)));
        }

        if (v == 0x20AC && IsWordChar(m[w - 1]))
        {
            return Put(m, w, 'e'); // "h€lp"
        }

        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.EnclosingMark:
            case UnicodeCategory.Format:
                // Accents (after NFKD), zero-width spaces and joiners, bidi controls, soft hyphens,
                // variation selectors: removed, so the letters either side join up.
                return w;
            case UnicodeCategory.Control:
                return Rune.IsWhiteSpace(rune) ? Separate(m, w) : w;
            case UnicodeCategory.DecimalDigitNumber:
                return Put(m, w, (char)('0' + (int)Rune.GetNumericValue(rune)));
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
                var lower = Rune.ToLowerInvariant(rune);
                if (lower.IsAscii)
                {
                    return Put(m, w, (char)lower.Value);
                }

                return WriteLookalike(lower.Value, m, w);
            default:
                return Separate(m, w);
        }
    }

    /// <summary>Letters from other scripts and phonetic alphabets that are drawn like Latin ones.</summary>
    private static int WriteLookalike(int v, Span<char> m, int w)
    {
        switch (v)
        {
            case 0x00DF: m[w++] = 's'; m[w++] = 's'; return w; // ß
            case 0x00E6: m[w++] = 'a'; m[w++] = 'e'; return w; // æ
            case 0x0153: m[w++] = 'o'; m[w++] = 'e'; return w; // œ
        }

        char c = v switch
        {
            // Cyrillic
            0x0430 => 'a', 0x0432 => 'b', 0x0435 => 'e', 0x0456 => 'i', 0x0458 => 'j', 0x043A => 'k',
            0x043C => 'm', 0x043D => 'h', 0x043E => 'o', 0x043F => 'n', 0x0440 => 'p', 0x0441 => 'c',
            0x0442 => 't', 0x0443 => 'y', 0x0445 => 'x', 0x0455 => 's', 0x0501 => 'd', 0x051B => 'q',
            0x051D => 'w', 0x044C => 'b', 0x0433 => 'r',
            // Greek
            0x03B1 => 'a', 0x03B2 => 'b', 0x03B5 => 'e', 0x03B7 => 'n', 0x03B9 => 'i', 0x03BA => 'k',
            0x03BD => 'v', 0x03BF => 'o', 0x03C1 => 'p', 0x03C4 => 't', 0x03C5 => 'u', 0x03C7 => 'x',
            0x03B3 => 'y', 0x03C9 => 'w', 0x03C2 => 's',
            // Latin letters without a decomposition
            0x0131 => 'i', 0x0237 => 'j', 0x00F8 => 'o', 0x0111 => 'd', 0x0127 => 'h', 0x0142 => 'l',
            0x0167 => 't', 0x0180 => 'b', 0x0251 => 'a', 0x0261 => 'g', 0x0269 => 'i', 0x00F0 => 'd',
            // Small capitals, as "fancy text" generators write them
            0x1D00 => 'a', 0x0299 => 'b', 0x1D04 => 'c', 0x1D05 => 'd', 0x1D07 => 'e', 0xA730 => 'f',
            0x0262 => 'g', 0x029C => 'h', 0x026A => 'i', 0x1D0A => 'j', 0x1D0B => 'k', 0x029F => 'l',
            0x1D0D => 'm', 0x0274 => 'n', 0x1D0F => 'o', 0x1D18 => 'p', 0x0280 => 'r', 0xA731 => 's',
            0x1D1B => 't', 0x1D1C => 'u', 0x1D20 => 'v', 0x1D21 => 'w', 0x028F => 'y', 0x1D22 => 'z',
            _ => OtherLetter,
        };
        m[w++] = c;
        return w;
    }

    /// <summary>Emoji that stand for a means or method in young people's messages.</summary>
    private static string? EmojiWord(int v) => v switch
    {
        0x1F48A => "pills",    // 💊
        0x1F52A => "knife",    // 🔪
        0x1FA78 => "blood",    // 🩸
        0x1FAA2 => "rope",     // 🪢
        0x1F52B => "gun",      // 🔫
        0x2702 => "scissors",  // ✂
        0x1FA92 => "razor",    // 🪒
        0x26B0 => "coffin",    // ⚰
        0x1FAA6 => "grave",    // 🪦
        0x1F480 => "skull",    // 💀 laughing ("i'm dead 💀") or dying ("i want to 💀"): rules decide
        0x2620 => "skull",     // ☠
        0x1F602 => "lol",      // 😂
        0x1F923 => "lol",      // 🤣
        0x1F47B => "snapchat", // 👻 (the Snapchat logo: "add me on 👻")
        _ => null,
    };

    /// <summary>
    /// Pass 2: the mapped text → the Words view (and the Letters view alongside). Returns the Words length;
    /// <paramref name="alternate"/> says whether the Joined view would differ from it.
    /// </summary>
    internal int EmitWords(
        ReadOnlySpan<char> m,
        Span<char> words,
        Span<char> letters,
        out int lettersLength,
        ref ContactDetector contacts,
        out bool alternate)
    {
        int w = 0;
        words[w++] = ' ';
        int l = 0;
        char lastLetter = '\0';
        int digitRun = 0;
        int singles = 0;
        alternate = false;
        int i = 0;
        while (i < m.Length)
        {
            if (m[i] == ' ')
            {
                i++;
                continue;
            }

            int start = i;
            while (i < m.Length && m[i] != ' ')
            {
                i++;
            }

            var token = m[start..i];
            singles = token.Length == 1 && IsSpellable(token[0]) ? singles + 1 : 0;
            alternate |= singles >= 3;
            if (IsNumber(token))
            {
                digitRun += token.Length;
                w = WriteNumber(token, words, w);
            }
            else if (IsNumberWithUnit(token, out int digits))
            {
                digitRun = 0;
                w = WriteNumberWithUnit(token, digits, words, w);
            }
            else
            {
                int tokenStart = w;
                w = WriteWord(token, words, w, oneIsL: false);
                alternate |= token.ContainsAny('1', '|');
                foreach (char c in words[tokenStart..w])
                {
                    if (char.IsAsciiLetterLower(c) && c != lastLetter)
                    {
                        letters[l++] = c;
                        lastLetter = c;
                    }
                }

                digitRun = IsNumberWord(words[tokenStart..w]) ? digitRun + 1 : 0;
                w = ApplyAlias(words, tokenStart, w);
            }

            if (digitRun >= PhoneDigits)
            {
                contacts |= ContactDetector.PhoneNumber;
            }

            words[w++] = ' ';
        }

        lettersLength = l;
        return w;
    }

    /// <summary>
    /// Pass 2 again for the Joined view: runs of three or more single letters become one word
    /// ("k i l l m y s e l f" → "kilmyself"), and 1 inside a word is read as l ("ki11 myse1f" → "kil myself"; so is |).
    /// </summary>
    internal int EmitJoined(ReadOnlySpan<char> m, Span<char> joined)
    {
        int w = 0;
        joined[w++] = ' ';
        int i = 0;
        while (i < m.Length)
        {
            if (m[i] == ' ')
            {
                i++;
                continue;
            }

            // Single-character tokens sit two apart in the mapped text ("k i l l").
            int run = 0;
            while (i + (2 * run) + 1 < m.Length && m[i + (2 * run) + 1] == ' ' && IsSpellable(m[i + (2 * run)]))
            {
                run++;
            }

            if (run >= 3)
            {
                int tokenStart = w;
                for (int k = 0; k < run; k++)
                {
                    char c = Leet(m[i + (2 * k)]);
                    if (w == tokenStart || c != joined[w - 1] || !char.IsAsciiLetterLower(c))
                    {
                        joined[w++] = c;
                    }
                }

                w = ApplyAlias(joined, tokenStart, w);
                joined[w++] = ' ';
                i += 2 * run;
                continue;
            }

            int start = i;
            while (i < m.Length && m[i] != ' ')
            {
                i++;
            }

            var token = m[start..i];
            if (IsNumber(token))
            {
                w = WriteNumber(token, joined, w);
            }
            else if (IsNumberWithUnit(token, out int digits))
            {
                w = WriteNumberWithUnit(token, digits, joined, w);
            }
            else
            {
                int tokenStart = w;
                w = WriteWord(token, joined, w, oneIsL: true);
                w = ApplyAlias(joined, tokenStart, w);
            }

            joined[w++] = ' ';
        }

        return w;
    }

    private int WriteNumber(ReadOnlySpan<char> token, Span<char> dest, int w)
    {
        // Short numbers may be words ("2" → "to", "4" → "for"); any other number is just a number.
        if (MayBeAlias(token) && _aliasLookup.TryGetValue(token, out var alias))
        {
            alias.CopyTo(dest[w..]);
            return w + alias.Length;
        }

        dest[w] = NumberMark;
        return w + 1;
    }

    /// <summary>"6kg" → "# kg", "500cal" → "# cal": a number glued to its unit is a number and a word.</summary>
    private int WriteNumberWithUnit(ReadOnlySpan<char> token, int digits, Span<char> dest, int w)
    {
        if (MayBeAlias(token) && _aliasLookup.TryGetValue(token, out var alias))
        {
            alias.CopyTo(dest[w..]);
            return w + alias.Length;
        }

        dest[w++] = NumberMark;
        dest[w++] = ' ';
        token[digits..].CopyTo(dest[w..]);
        return w + token.Length - digits;
    }

    private static bool IsNumberWithUnit(ReadOnlySpan<char> token, out int digits)
    {
        digits = 0;
        while (digits < token.Length && char.IsAsciiDigit(token[digits]))
        {
            digits++;
        }

        return digits > 0 && token[digits..] is "kg" or "kgs" or "kilo" or "kilos" or "lb" or "lbs" or "st" or "stone"
            or "kcal" or "kcals" or "cal" or "cals" or "calories" or "g" or "mg" or "ml" or "pm" or "am" or "yo" or "yrs"
            or "mins" or "min" or "hrs" or "hr" or "h" or "x" or "days" or "weeks" or "pills" or "tablets";
    }

    private static int WriteWord(ReadOnlySpan<char> token, Span<char> dest, int w, bool oneIsL)
    {
        int start = w;
        foreach (char raw in token)
        {
            char c = oneIsL && raw is '1' or '|' ? 'l' : Leet(raw);
            if (w > start && c == dest[w - 1] && (char.IsAsciiLetterLower(c) || c == '*'))
            {
                continue; // "diiiie" → "die", "k**ll" → "k*l"
            }

            dest[w++] = c;
        }

        return w;
    }

    private int ApplyAlias(Span<char> dest, int start, int end)
    {
        if (!MayBeAlias(dest[start..end]) || !_aliasLookup.TryGetValue(dest[start..end], out var alias))
        {
            return end;
        }

        alias.CopyTo(dest[start..]);
        return start + alias.Length;
    }

    /// <summary>Whether <paramref name="word"/> might be an alias key: false for most words, without hashing them.</summary>
    private bool MayBeAlias(ReadOnlySpan<char> word)
    {
        if (word.Length > _maxAliasKeyLength)
        {
            return false;
        }

        int bit = AliasFilterBit(word);
        return (_aliasFilter[bit >> 6] & (1UL << (bit & 63))) != 0;
    }

    private static int AliasFilterBit(ReadOnlySpan<char> word) =>
        (((word.Length * 31) + word[0]) * 31 + (word.Length > 1 ? word[^1] : 0)) % AliasFilterBits;

    /// <summary>Digits only, or digits with letters that are drawn like digits ("o7700 9oo123", "o7").</summary>
    private static bool IsNumber(ReadOnlySpan<char> token)
    {
        if (token.Length >= 2 && token[0] == 'o' && token[1..].IndexOfAnyExceptInRange('0', '9') < 0)
        {
            return true; // "o7 seven..." as a phone number is typed
        }

        int digits = 0;
        int lookalikes = 0;
        foreach (char c in token)
        {
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is 'o' or 'l' or 'i')
            {
                lookalikes++;
            }
            else
            {
                return false;
            }
        }

        // "9oo" and "o7" are how phone numbers get typed; "lol" and "oil" are words.
        return lookalikes == 0 || digits >= 3 || (digits >= 1 && char.IsAsciiDigit(token[0]) && lookalikes <= 2);
    }

    private static bool IsNumberWord(ReadOnlySpan<char> word) =>
        word is "zero" or "oh" or "o" or "one" or "two" or "thre" or "four" or "five" or "six" or "seven"
            or "eight" or "nine" or "double" or "triple" or "nought";

    private static char Leet(char c) => c switch
    {
        '0' => 'o',
        '1' or '!' => 'i',
        '3' => 'e',
        '4' or '@' => 'a',
        '5' or '$' => 's',
        '7' => 't',
        '|' => 'i',
        _ => c,
    };

    /// <summary>A single character that someone spelling a word out would type: a letter or a leet digit.</summary>
    private static bool IsSpellable(char c) => char.IsAsciiLetterLower(c) || c is '0' or '1' or '3' or '4' or '5' or '7' or '@' or '$';

    private static bool IsWordChar(char c) => c != ' ';

    private static bool IsAttached(char previous, ReadOnlySpan<char> s, int next) =>
        IsWordChar(previous) || (next < s.Length && char.IsAsciiLetterOrDigit(s[next]));

    private static int Put(Span<char> m, int w, char c)
    {
        m[w] = c;
        return w + 1;
    }

    private static int Separate(Span<char> m, int w) => m[w - 1] == ' ' ? w : Put(m, w, ' ');

    private static int PutWord(Span<char> m, int w, string word)
    {
        w = Separate(m, w);
        word.CopyTo(m[w..]);
        return Put(m, w + word.Length, ' ');
    }

    /// <summary>An '@' at <paramref name="at"/>: the middle of an e-mail address, the start of a handle, or neither.</summary>
    private static ContactDetector ClassifyAt(ReadOnlySpan<char> s, int at)
    {
        bool afterWord = at > 0 && (char.IsAsciiLetterOrDigit(s[at - 1]) || s[at - 1] is '_' or '.' or '-');
        int end = at + 1;
        int lastDot = -1;
        int nameChars = 0;
        while (end < s.Length && (char.IsAsciiLetterOrDigit(s[end]) || s[end] is '.' or '-' or '_'))
        {
            if (s[end] == '.')
            {
                lastDot = end;
            }
            else
            {
                nameChars++;
            }

            end++;
        }

        while (end > at + 1 && s[end - 1] == '.')
        {
            end--;
        }

        if (afterWord)
        {
            bool domain = lastDot > at + 1 && lastDot < end - 2 && AllLetters(s[(lastDot + 1)..end]);
            return domain ? ContactDetector.Email : ContactDetector.None;
        }

        return nameChars >= 3 ? ContactDetector.Handle : ContactDetector.None;
    }

    private static bool AllLetters(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
        {
            if (!char.IsAsciiLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static Dictionary<string, string> NormalizeAliases(IReadOnlyDictionary<string, string> aliases)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in aliases)
        {
            // A number key ("2") is looked up as typed: the Words view would turn it into "#".
            string k = key.Trim().All(char.IsAsciiDigit) ? key.Trim() : Plain.NormalizeWords(key);
            string v = Plain.NormalizeWords(value);
            if (k.Length == 0 || k.Contains(' ', StringComparison.Ordinal))
            {
                throw new InvalidDataException($"The alias \"{key}\" must be exactly one word.");
            }

            if (v.Length == 0)
            {
                throw new InvalidDataException($"The alias \"{key}\" must be rewritten to at least one word.");
            }

            result[k] = v;
        }

        return result;
    }
}
