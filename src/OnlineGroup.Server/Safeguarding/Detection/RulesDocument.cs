using System.Text.Json;
using System.Text.Json.Serialization;

namespace OnlineGroup.Server.Safeguarding.Detection;

/// <summary>
/// The shape of <c>safeguarding-rules.json</c>. Patterns are plain words, normalized exactly as messages
/// are (case, leetspeak, accents, repeated letters, apostrophes), so write them the plain way:
/// <c>"kill myself"</c> also catches "K1LL MYSELF", "kiiill myself" and "k i l l m y s e l f".
/// A pattern matches whole words; <c>*</c> at its start or end lets it match part of a word
/// (<c>"suicid*"</c>); any number of two or more digits stands for any number (<c>"10 pills"</c>);
/// <c>(a|b|)</c> expands to each choice (an empty one makes the group optional); and <c>"a ... b"</c>
/// matches b following a within the rule's <c>nearWindow</c> words.
/// </summary>
public sealed record RulesDocument
{
    /// <summary>Free text for the people who maintain the file.</summary>
    public string? Notes { get; init; }

    /// <summary>A label for this edition of the rules; logged on load.</summary>
    public string? Version { get; init; }

    /// <summary>
    /// Words rewritten before matching, e.g. <c>"u": "you"</c>, <c>"gonna": "going to"</c>, so that rules
    /// need only the plain spelling. A key is one word; the value is one or more words.
    /// </summary>
    public IReadOnlyDictionary<string, string> Aliases { get; init; } = new Dictionary<string, string>();

    /// <summary>Rules that raise a concern (flag, hold or block).</summary>
    public IReadOnlyList<RuleDefinition> Rules { get; init; } = [];

    /// <summary>Words that never raise a concern on their own but make one that is raised more severe.</summary>
    public IReadOnlyList<SignalDefinition> Signals { get; init; } = [];

    /// <summary>Harmless idioms ("this homework is killing me") that cancel risk words near them.</summary>
    public IReadOnlyList<BenignDefinition> Benign { get; init; } = [];

    internal static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };
}

/// <summary>One rule that raises a concern when any of its patterns (or its detector) matches.</summary>
public sealed record RuleDefinition
{
    /// <summary>Stable id, e.g. <c>suicide.desire</c>; logged instead of message text.</summary>
    public string Id { get; init; } = "";

    public string? Notes { get; init; }

    public SafeguardingCategory Category { get; init; }

    /// <summary>low, medium, high or critical.</summary>
    public Severity Severity { get; init; }

    /// <summary>flag (publish and raise), hold (keep from peers and raise) or block (refuse and raise).</summary>
    public ScanAction Action { get; init; }

    /// <summary>Optional risk signal this rule contributes to the combination (desire, plan, means, timeframe).</summary>
    public RiskSignal Signal { get; init; }

    public IReadOnlyList<string> Patterns { get; init; } = [];

    /// <summary>Instead of patterns: react to a contact detail the normalizer found.</summary>
    public ContactDetector Detector { get; init; }

    /// <summary>
    /// Phrases also matched in the letters-only view, with every space and mark removed ("su icide",
    /// "k.ill myself"), anywhere in the message. Only long, distinctive phrases (seven letters or more):
    /// "suicide" fits; "want to od" would match "want to dye".
    /// </summary>
    public IReadOnlyList<string> Squash { get; init; } = [];

    /// <summary>Patterns that cancel this rule when found within <see cref="UnlessWindow"/> words of its match.</summary>
    public IReadOnlyList<string> Unless { get; init; } = [];

    /// <summary>How many words may separate an <see cref="Unless"/> match from this rule's match; null: they must overlap.</summary>
    public int? UnlessWindow { get; init; }

    /// <summary>For patterns written <c>"a ... b"</c>: how many words may lie between a and b (default 3).</summary>
    public int? NearWindow { get; init; }
}

/// <summary>Words that carry a risk signal but raise nothing on their own ("tonight", "pills").</summary>
public sealed record SignalDefinition
{
    public string Id { get; init; } = "";

    public string? Notes { get; init; }

    public RiskSignal Signal { get; init; }

    public IReadOnlyList<string> Patterns { get; init; } = [];

    public IReadOnlyList<string> Unless { get; init; } = [];

    public int? UnlessWindow { get; init; }

    /// <summary>For patterns written <c>"a ... b"</c>: how many words may lie between a and b (default 3).</summary>
    public int? NearWindow { get; init; }
}

/// <summary>A harmless idiom; any rule or signal match overlapping it (or within its window) is cancelled.</summary>
public sealed record BenignDefinition
{
    public string Id { get; init; } = "";

    public string? Notes { get; init; }

    public IReadOnlyList<string> Patterns { get; init; } = [];

    /// <summary>How many words may separate this idiom from a match it cancels; null: they must overlap.</summary>
    public int? Window { get; init; }
}
