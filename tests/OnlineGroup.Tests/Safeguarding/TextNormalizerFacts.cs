using OnlineGroup.Server.Safeguarding.Detection;

namespace OnlineGroup.Tests.Safeguarding;

/// <summary>
/// Each disguise the normalizer undoes. Repeated letters collapse to one, so "kill" reads "kil" and
/// "myself" stays "myself": patterns are normalized the same way, so they still meet.
/// </summary>
public sealed class TextNormalizerFacts
{
    private static readonly TextNormalizer Plain = TextNormalizer.Plain;

    [Theory]
    [InlineData("I WANT TO DIE!!!", "i want to die")]
    [InlineData("i want to diiiiie", "i want to die")]
    [InlineData("Kiiiilll myseeelf", "kil myself")]
    public void Lowercases_and_collapses_repeated_letters(string text, string words) =>
        Plain.Normalize(text).Words.Should().Be(words);

    [Theory]
    [InlineData("k1ll mys3lf", "kil myself")]
    [InlineData("$u1c1d3", "suicide")]
    [InlineData("su!c!dal", "suicidal")]
    [InlineData("h@te 5elf h4rm", "hate self harm")]
    [InlineData("g0ing t0 0d t0night", "going to od tonight")]
    [InlineData("k|ll", "kil")]
    public void Reads_leetspeak_inside_words(string text, string words) =>
        Plain.Normalize(text).Words.Should().Be(words);

    [Theory]
    [InlineData("i took 20 pills", "i tok # pils")]
    [InlineData("help!!! 100%", "help #")]
    [InlineData("i lost 6kg", "i lost # kg")]
    public void Keeps_numbers_as_numbers_and_punctuation_as_space(string text, string words) =>
        Plain.Normalize(text).Words.Should().Be(words);

    [Theory]
    [InlineData("k i l l myself", "kil myself")]
    [InlineData("s.u.i.c.i.d.e", "suicide")]
    [InlineData("i want to k-i-l-l myself", "i want to kil myself")]
    [InlineData("k.y.s", "kys")]
    public void Joins_letters_spelled_out_with_spaces_or_punctuation(string text, string joined) =>
        Plain.Normalize(text).Joined.Should().Be(joined);

    [Fact]
    public void Reads_a_one_inside_a_word_as_an_l_in_the_joined_view()
    {
        var normalized = Plain.Normalize("ki11 myse1f");

        normalized.Words.Should().Be("ki myseif");
        normalized.Joined.Should().Be("kil myself");
    }

    [Fact]
    public void Squashes_everything_into_letters_for_words_split_anywhere() =>
        Plain.Normalize("su icide, k.ill my-self").Letters.Should().Be("suicidekilmyself");

    [Theory]
    [InlineData("ki\u200Bll my\u200Dself")]
    [InlineData("ki\u2060ll my\uFEFFself")]
    [InlineData("kil\u202El my\u200Fself")]
    [InlineData("ki\u00ADll mys\u00ADelf")]
    public void Removes_zero_width_bidi_and_soft_hyphen_characters(string text) =>
        Plain.Normalize(text).Words.Should().Be("kil myself");

    [Theory]
    [InlineData("sùïcìdàl", "suicidal")]
    [InlineData("ｉ ｗａｎｔ ｔｏ ｄｉｅ", "i want to die")]
    [InlineData("𝐤𝐢𝐥𝐥 𝐦𝐲𝐬𝐞𝐥𝐟", "kil myself")]
    [InlineData("ⓚⓘⓛⓛ ⓜⓨⓢⓔⓛⓕ", "kil myself")]
    [InlineData("𝓼𝓾𝓲𝓬𝓲𝓭𝓮", "suicide")]
    [InlineData("🇰🇲🇸", "kms")]
    public void Undoes_accents_and_compatibility_forms(string text, string words) =>
        Plain.Normalize(text).Words.Should().Be(words);

    [Theory]
    [InlineData("i want t\u043E di\u0435", "i want to die")]
    [InlineData("\u03BA\u03B9ll myself", "kil myself")]
    [InlineData("ᴋɪʟʟ ᴍʏꜱᴇʟꜰ", "kil myself")]
    public void Maps_cyrillic_greek_and_small_capital_lookalikes_to_latin(string text, string words) =>
        Plain.Normalize(text).Words.Should().Be(words);

    [Fact]
    public void Joins_contractions_by_dropping_apostrophes() =>
        Plain.Normalize("I don’t want to, I'm done").Words.Should().Be("i dont want to im done");

    [Fact]
    public void Rewrites_aliases_after_normalizing_them()
    {
        var normalizer = new TextNormalizer(new Dictionary<string, string>
        {
            ["u"] = "you",
            ["gonna"] = "going to",
            ["2nite"] = "tonight",
            ["s*icide"] = "suicide",
        });

        normalizer.Normalize("u GONNAAA do it 2nite?").Words.Should().Be("you going to do it tonight");
        normalizer.Normalize("s*icide").Words.Should().Be("suicide");
    }

    [Fact]
    public void Refuses_an_alias_whose_key_is_more_than_one_word()
    {
        var act = () => new TextNormalizer(new Dictionary<string, string> { ["kill me"] = "x" });

        act.Should().Throw<InvalidDataException>().WithMessage("*exactly one word*");
    }

    [Theory]
    [InlineData("text me 07700 900123")]
    [InlineData("call +44 (0)7700-900-123")]
    [InlineData("0 7 7 0 0 9 0 0 1 2 3")]
    [InlineData("o7 seven 00 9 double 0 1 2 3")]
    [InlineData("my numb3r is 07700 9OO 123")]
    public void Finds_phone_numbers_however_they_are_spaced_or_spelled(string text) =>
        Plain.Normalize(text).Contacts.Should().HaveFlag(ContactDetector.PhoneNumber);

    [Theory]
    [InlineData("i have been clean for 100 days")]
    [InlineData("group is 18:00-20:00 on 12/03/2025")]
    [InlineData("i'm 14 and my sister is 12")]
    public void Does_not_take_ordinary_numbers_for_a_phone_number(string text) =>
        Plain.Normalize(text).Contacts.Should().Be(ContactDetector.None);

    [Theory]
    [InlineData("email me lily.smith2010@gmail.com", ContactDetector.Email)]
    [InlineData("emai1 me jess@gmai1.co.uk", ContactDetector.Email)]
    [InlineData("add me @jakey_07", ContactDetector.Handle)]
    [InlineData("insta: @_l.i.l.y_", ContactDetector.Handle)]
    [InlineData("i h@te k@ll", ContactDetector.None)]
    [InlineData("meet @ the park", ContactDetector.None)]
    public void Finds_email_addresses_and_handles_but_not_leetspeak(string text, ContactDetector expected) =>
        Plain.Normalize(text).Contacts.Should().Be(expected);

    [Fact]
    public void Reads_a_lone_at_sign_as_the_word_at() =>
        Plain.Normalize("whats ur @").Words.Should().Be("whats ur at");

    [Fact]
    public void Turns_emoji_that_stand_for_a_means_into_words() =>
        Plain.Normalize("taking all my 💊 tonight 🔪").Words.Should().Be("taking al my pils tonight knife");

    [Fact]
    public void Never_throws_whatever_the_input()
    {
        // Random text from an alphabet chosen to stress the buffers: expansions (emoji, '@', ß),
        // lone surrogates, marks, digits, stars and spaces.
        string[] pieces =
        [
            "a", "k", "1", "0", "@", "$", "!", "*", " ", ".", "'", "ß", "æ", "é", "\u0301", "\u200B", "\u202E",
            "💊", "💀", "😂", "🇰", "ｋ", "𝐤", "\uD800", "\uDC00", "07700", "double", "u", "r", "2", "6kg", "\t", "ⓚ", "ᴋ",
        ];
        var random = new Random(20250101);
        var rules = ShippedRules.Rules;
        for (int i = 0; i < 3000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 120)).Select(_ => pieces[random.Next(pieces.Length)]));

            var scan = () => rules.Scan(text);
            var explain = () => rules.Explain(text);

            scan.Should().NotThrow(text);
            explain.Should().NotThrow(text);
        }
    }
}
