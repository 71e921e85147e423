using System.Buffers;
using System.Numerics;
using System.Text;
using System.Text.Json;

namespace OnlineGroup.Server.Safeguarding.Detection;

/// <summary>What a scan found and why: for tests, the rule tester and logs (rule ids only).</summary>
/// <param name="Result">The same result <see cref="SafeguardingRuleSet.Scan"/> gives.</param>
/// <param name="MatchedRules">Ids of rules and signals that matched and counted.</param>
/// <param name="CancelledRules">Ids of rules and signals that matched but were cancelled by a benign idiom or an "unless".</param>
/// <param name="Normalized">The views the patterns were matched against.</param>
public sealed record ScanExplanation(
    ScanResult Result,
    IReadOnlyList<string> MatchedRules,
    IReadOnlyList<string> CancelledRules,
    NormalizedText Normalized);

/// <summary>
/// A compiled, immutable set of safeguarding rules; scans text in one pass of an Aho–Corasick automaton
/// per view (see <see cref="TextNormalizer"/>) and then combines the matches:
/// <list type="number">
/// <item>a match within a benign idiom's window (or a rule's own "unless" window) is cancelled;</item>
/// <item>nothing raised: allow, unless the signals alone include means and two others (means, plan and
/// timeframe), which is held as critical means-and-method;</item>
/// <item>otherwise the most severe rule's severity and strictest action, then the risk signals
/// (desire, plan, means, timeframe) of every match counted: three or more make it critical, two raise it one level;</item>
/// <item>means together with suicidal ideation or self-harm: at least hold, and the means-and-method category;</item>
/// <item>critical: at least hold, so peers never see an imminent plan;</item>
/// <item>a disclosure (suicidal ideation, self-harm, means and method, abuse, eating distress) is never blocked: block becomes hold.</item>
/// </list>
/// Thread-safe. A scan allocates nothing: its buffers are pooled and its results shared.
/// </summary>
public sealed class SafeguardingRuleSet : ISafeguardingScanner
{
    private const byte WordsView = 1;
    private const byte JoinedView = 2;
    private const byte LettersView = 4;
    private const int HitsPerLaneOnStack = 32;

    /// <summary>Shortest written-together or squashed form that is matched inside words.</summary>
    private const int MinJoinedLength = 5;

    /// <summary>Shortest squashed phrase: matched anywhere in the letters, so it must be distinctive.</summary>
    private const int MinSquashedLength = 7;

    private const int MaxErrorsReported = 25;
    private const int MaxExpansions = 4096;
    private const int DefaultNearWindow = 3;

    /// <summary>Patterns whose groups multiply to more phrases than this are matched as two adjacent halves.</summary>
    private const int FactorAbove = 64;

    private static readonly int SelfDirected =
        (1 << (int)SafeguardingCategory.SuicidalIdeation) | (1 << (int)SafeguardingCategory.SelfHarm);

    private static readonly int Disclosures = SafeguardingCategories.All
        .Where(SafeguardingCategories.IsDisclosure)
        .Aggregate(0, (mask, c) => mask | (1 << (int)c));

    private readonly TextNormalizer _normalizer;
    private readonly PatternAutomaton _automaton;
    private readonly PatternAutomaton _lettersAutomaton;

    private readonly string[] _ruleIds;
    private readonly RuleKind[] _ruleKinds;
    private readonly SafeguardingCategory[] _categories;
    private readonly Severity[] _severities;
    private readonly ScanAction[] _actions;
    private readonly RiskSignal[] _signals;
    private readonly int[] _windows;
    private readonly int[][] _detectorRules;

    private readonly int[] _patternRules;
    private readonly PatternKind[] _patternKinds;
    private readonly byte[] _patternFlags;
    private readonly int[] _patternLengths;
    private readonly bool[] _patternOpenStart;
    private readonly bool[] _patternOpenEnd;
    private readonly int[] _patternPairs;
    private readonly int[] _pairWindows;
    private readonly bool _hasLetterPatterns;

    private readonly ScanResult?[] _results = new ScanResult?[4 * 5 * 128];

    private SafeguardingRuleSet(string? version, TextNormalizer normalizer, Builder built)
    {
        Version = version;
        _normalizer = normalizer;
        _ruleIds = [.. built.RuleIds];
        _ruleKinds = [.. built.RuleKinds];
        _categories = [.. built.Categories];
        _severities = [.. built.Severities];
        _actions = [.. built.Actions];
        _signals = [.. built.Signals];
        _windows = [.. built.Windows];
        _detectorRules = [.. built.DetectorRules.Select(list => list.ToArray())];
        _patternRules = [.. built.Patterns.Select(p => p.Rule)];
        _patternKinds = [.. built.Patterns.Select(p => p.Kind)];
        _patternFlags = [.. built.Patterns.Select(p => (byte)(p.Views | (Lane(p.Kind) << 4)))];
        _patternLengths = [.. built.Patterns.Select(p => p.Key.Length)];
        _patternOpenStart = [.. built.Patterns.Select(p => p.Key[0] != ' ')];
        _patternOpenEnd = [.. built.Patterns.Select(p => p.Key[^1] != ' ')];
        _patternPairs = [.. built.Patterns.Select(p => p.Pair)];
        _pairWindows = [.. built.PairWindows];
        _hasLetterPatterns = built.Patterns.Any(p => (p.Views & LettersView) != 0);
        // The letters view only ever needs the squashed phrases: a small automaton of its own.
        var main = built.Patterns.Select((p, i) => (p.Key, Id: i, p.Views)).Where(p => (p.Views & ~LettersView) != 0).ToList();
        var squashed = built.Patterns.Select((p, i) => (p.Key, Id: i, p.Views)).Where(p => (p.Views & LettersView) != 0).ToList();
        _automaton = PatternAutomaton.Build([.. main.Select(p => p.Key)], [.. main.Select(p => p.Id)]);
        _lettersAutomaton = PatternAutomaton.Build([.. squashed.Select(p => p.Key)], [.. squashed.Select(p => p.Id)]);
        RuleCount = built.RuleKinds.Count(k => k == RuleKind.Raise);
        PatternCount = built.SourcePatternCount;
    }

    private enum RuleKind : byte
    {
        Raise,
        Signal,
        Benign,
    }

    private enum PatternKind : byte
    {
        Match,
        Unless,
        Benign,

        /// <summary>The part before "..." of a proximity pattern.</summary>
        NearFirst,

        /// <summary>The part after "..." of a proximity pattern; reported when a first part precedes it closely enough.</summary>
        NearSecond,
    }

    /// <summary>The <c>version</c> written in the rules file, if any.</summary>
    public string? Version { get; }

    /// <summary>Rules that raise a concern (not counting signals and benign idioms).</summary>
    public int RuleCount { get; }

    /// <summary>
    /// Phrases compiled from the file: patterns with their (a|b) groups expanded (a pattern too big to expand
    /// counts its two halves), unless, squash, signal and benign phrases.
    /// </summary>
    public int PatternCount { get; }

    /// <summary>Keys in the automaton: each phrase, and its written-together and squashed forms.</summary>
    public int KeyCount => _patternRules.Length;

    /// <summary>States of the compiled automaton.</summary>
    public int AutomatonStates => _automaton.StateCount + _lettersAutomaton.StateCount;

    /// <summary>Approximate memory the compiled automaton holds, in bytes.</summary>
    public long AutomatonBytes => _automaton.MemoryBytes + _lettersAutomaton.MemoryBytes;

    public TextNormalizer Normalizer => _normalizer;

    /// <summary>Reads and compiles rules from JSON.</summary>
    /// <exception cref="InvalidDataException">The JSON or a rule in it is not valid; the message says which and why.</exception>
    public static SafeguardingRuleSet Parse(string json)
    {
        RulesDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<RulesDocument>(json, RulesDocument.JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The safeguarding rules are not valid JSON for this format: {e.Message}", e);
        }

        return document is null
            ? throw new InvalidDataException("The safeguarding rules file is empty (it holds JSON null).")
            : Compile(document);
    }

    /// <summary>Reads and compiles a rules file.</summary>
    /// <exception cref="InvalidDataException">The file's content is not valid.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static SafeguardingRuleSet Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>Compiles rules.</summary>
    /// <exception cref="InvalidDataException">A rule is not valid; the message lists every problem found.</exception>
    public static SafeguardingRuleSet Compile(RulesDocument document)
    {
        var errors = new List<string>();
        TextNormalizer normalizer;
        try
        {
            normalizer = new TextNormalizer(document.Aliases ?? new Dictionary<string, string>());
        }
        catch (InvalidDataException e)
        {
            errors.Add(e.Message);
            normalizer = TextNormalizer.Plain;
        }

        var builder = new Builder(normalizer, errors);
        foreach (var rule in document.Rules ?? [])
        {
            builder.AddRule(rule);
        }

        foreach (var signal in document.Signals ?? [])
        {
            builder.AddSignal(signal);
        }

        foreach (var benign in document.Benign ?? [])
        {
            builder.AddBenign(benign);
        }

        if (!builder.RuleKinds.Contains(RuleKind.Raise))
        {
            errors.Add("There are no rules: a scanner with no rules would allow everything.");
        }

        if (errors.Count > 0)
        {
            var listed = errors.Take(MaxErrorsReported).Select(e => "  - " + e);
            string more = errors.Count > MaxErrorsReported ? $"{Environment.NewLine}  ... and {errors.Count - MaxErrorsReported} more" : "";
            throw new InvalidDataException(
                $"The safeguarding rules cannot be used ({errors.Count} problem(s)):{Environment.NewLine}{string.Join(Environment.NewLine, listed)}{more}");
        }

        return new SafeguardingRuleSet(document.Version, normalizer, builder);
    }

    public ScanResult Scan(string text) => Evaluate(text, trace: null);

    /// <summary>Scans and says which rules matched and which were cancelled (allocates; not for the hot path).</summary>
    public ScanExplanation Explain(string text)
    {
        var trace = new Trace();
        var result = Evaluate(text, trace);
        return new ScanExplanation(
            result,
            [.. trace.Matched.Distinct(StringComparer.Ordinal)],
            [.. trace.Cancelled.Distinct(StringComparer.Ordinal)],
            _normalizer.Normalize(text));
    }

    private ScanResult Evaluate(string text, Trace? trace)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return ScanResult.Allowed;
        }

        bool ascii = Ascii.IsValid(text);
        char[]? decomposed = null;
        char[]? rented = null;
        var hits = new HitLanes(stackalloc Hit[HitsPerLaneOnStack], stackalloc Hit[HitsPerLaneOnStack], stackalloc Hit[HitsPerLaneOnStack]);
        try
        {
            ReadOnlySpan<char> source = ascii ? text : TextNormalizer.Decompose(text, out decomposed);
            int mappedCapacity = TextNormalizer.MappedCapacity(source, ascii);
            int needed = (2 * mappedCapacity) + (2 * _normalizer.WordsCapacity(mappedCapacity));
            // Pooled rather than on the stack: a few kilobytes of stack would be zeroed on every scan.
            Span<char> buffer = rented = ArrayPool<char>.Shared.Rent(needed);

            var contacts = ContactDetector.None;
            int mappedLength = TextNormalizer.MapCharacters(source, buffer, ref contacts);
            ReadOnlySpan<char> mapped = buffer[..mappedLength];
            int wordsCapacity = _normalizer.WordsCapacity(mappedLength);
            var words = buffer.Slice(mappedLength, wordsCapacity);
            var letters = buffer.Slice(mappedLength + wordsCapacity, mappedLength);
            var joined = buffer.Slice((2 * mappedLength) + wordsCapacity, wordsCapacity);

            int wordsLength = _normalizer.EmitWords(mapped, words, letters, out int lettersLength, ref contacts, out bool alternate);
            _automaton.Scan(words[..wordsLength], WordsView, _patternFlags, ref hits);
            int joinedLength = 0;
            if (alternate)
            {
                joinedLength = _normalizer.EmitJoined(mapped, joined);
                _automaton.Scan(joined[..joinedLength], JoinedView, _patternFlags, ref hits);
            }

            if (_hasLetterPatterns && lettersLength > 0)
            {
                _lettersAutomaton.Scan(letters[..lettersLength], LettersView, _patternFlags, ref hits);
            }

            return Decide(ref hits, words[..wordsLength], joined[..joinedLength], contacts, trace);
        }
        finally
        {
            hits.Dispose();
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }

            if (decomposed is not null)
            {
                ArrayPool<char>.Shared.Return(decomposed);
            }
        }
    }

    private static int Lane(PatternKind kind) => kind switch
    {
        PatternKind.Match or PatternKind.NearSecond => HitLanes.Positive,
        PatternKind.NearFirst => HitLanes.First,
        _ => HitLanes.Cancelling,
    };

    private ScanResult Decide(
        ref HitLanes lanes,
        ReadOnlySpan<char> words,
        ReadOnlySpan<char> joined,
        ContactDetector contacts,
        Trace? trace)
    {
        var hits = lanes.Positives.Items;
        var firsts = lanes.Firsts.Items;
        var cancellers = lanes.Cancellers.Items;
        var state = new Tally();
        foreach (ref readonly var hit in hits)
        {
            var kind = _patternKinds[hit.Pattern];
            int rule = _patternRules[hit.Pattern];
            if (hit.View == LettersView && MatchedInWords(rule, hits))
            {
                // The squashed view is a fallback for words split apart; where the words view saw this rule,
                // its verdict (including any benign idiom that cancelled it) stands.
                continue;
            }

            var view = hit.View == JoinedView ? joined : words;
            var (start, end) = CoreSpan(hit);
            if (kind == PatternKind.NearSecond && !TryPairUp(hit, firsts, view, ref start))
            {
                continue;
            }

            if (!cancellers.IsEmpty && IsCancelled(start, end, hit.View, rule, cancellers, view))
            {
                trace?.Cancelled.Add(_ruleIds[rule]);
                continue;
            }

            Count(rule, ref state, trace);
        }

        for (int bit = 0; contacts != ContactDetector.None && bit < _detectorRules.Length; bit++)
        {
            if (((int)contacts & (1 << bit)) != 0)
            {
                foreach (int rule in _detectorRules[bit])
                {
                    Count(rule, ref state, trace);
                }
            }
        }

        if (!state.Raised && (state.Signals & RiskSignal.Means) != 0 && BitOperations.PopCount((uint)state.Signals) >= 3)
        {
            // No rule fired, but means, plan and timing together ("i'm going to use the belt tonight"):
            // Crisis Text Line's finding is that these predict risk better than any single word.
            state.Raised = true;
            state.Categories |= 1 << (int)SafeguardingCategory.MeansAndMethod;
            state.Severity = Severity.Critical;
            state.Action = ScanAction.Hold;
        }

        return state.Raised ? Combine(state) : ScanResult.Allowed;
    }

    private void Count(int rule, ref Tally state, Trace? trace)
    {
        trace?.Matched.Add(_ruleIds[rule]);
        state.Signals |= _signals[rule];
        if (_ruleKinds[rule] != RuleKind.Raise)
        {
            return;
        }

        state.Raised = true;
        state.Categories |= 1 << (int)_categories[rule];
        state.Severity = _severities[rule] > state.Severity ? _severities[rule] : state.Severity;
        state.Action = _actions[rule] > state.Action ? _actions[rule] : state.Action;
    }

    private ScanResult Combine(Tally state)
    {
        var severity = state.Severity;
        var action = state.Action;
        int categories = state.Categories;

        int signals = BitOperations.PopCount((uint)state.Signals);
        if (signals >= 3)
        {
            severity = Severity.Critical;
        }
        else if (signals == 2 && severity < Severity.Critical)
        {
            severity++;
        }

        if ((state.Signals & RiskSignal.Means) != 0 && (categories & SelfDirected) != 0)
        {
            categories |= 1 << (int)SafeguardingCategory.MeansAndMethod;
            action = action < ScanAction.Hold ? ScanAction.Hold : action;
        }

        if (severity == Severity.Critical && action < ScanAction.Hold)
        {
            action = ScanAction.Hold;
        }

        if (action == ScanAction.Block && (categories & Disclosures) != 0)
        {
            action = ScanAction.Hold;
        }

        int index = ((((int)action * 5) + (int)severity) * 128) + categories;
        return _results[index] ??= new ScanResult(action, severity, CategoryNames(categories));
    }

    private static string[] CategoryNames(int categories) =>
        [.. SafeguardingCategories.All.Where(c => (categories & (1 << (int)c)) != 0).Select(SafeguardingCategories.Name)];

    private bool MatchedInWords(int rule, ReadOnlySpan<Hit> hits)
    {
        foreach (ref readonly var hit in hits)
        {
            if (hit.View != LettersView && _patternRules[hit.Pattern] == rule)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// For the second part of a proximity pattern: finds its first part ending before it with at most the
    /// pattern's window of words between, and widens <paramref name="start"/> to cover both.
    /// </summary>
    private bool TryPairUp(in Hit second, ReadOnlySpan<Hit> firsts, ReadOnlySpan<char> view, ref int start)
    {
        int pair = _patternPairs[second.Pattern];
        foreach (ref readonly var first in firsts)
        {
            if (first.View != second.View || _patternPairs[first.Pattern] != pair)
            {
                continue;
            }

            var (firstStart, firstEnd) = CoreSpan(first);
            if (firstEnd <= start && WordsBetween(view, firstEnd, start) <= _pairWindows[pair])
            {
                start = firstStart;
                return true;
            }
        }

        return false;
    }

    /// <summary>How many words lie strictly between two spans of a view (0 when adjacent).</summary>
    private static int WordsBetween(ReadOnlySpan<char> view, int from, int to) => view[from..to].Count(' ') - 1;

    /// <summary>Whether a benign idiom, or one of the rule's own "unless" patterns, is close enough to cancel a match.</summary>
    private bool IsCancelled(int start, int end, byte view, int rule, ReadOnlySpan<Hit> hits, ReadOnlySpan<char> text)
    {
        foreach (ref readonly var other in hits)
        {
            if (other.View != view)
            {
                continue;
            }

            int window;
            switch (_patternKinds[other.Pattern])
            {
                case PatternKind.Benign:
                    window = _windows[_patternRules[other.Pattern]];
                    break;
                case PatternKind.Unless when _patternRules[other.Pattern] == rule:
                    window = _windows[rule];
                    break;
                default:
                    continue;
            }

            var (otherStart, otherEnd) = CoreSpan(other);
            if (otherStart < end && start < otherEnd)
            {
                return true;
            }

            if (window >= 0 && (otherEnd <= start ? WordsBetween(text, otherEnd, start) : WordsBetween(text, end, otherStart)) <= window)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Where a hit's words are in its view, without the spaces that mark word boundaries.</summary>
    private (int Start, int End) CoreSpan(in Hit hit)
    {
        int start = hit.End - _patternLengths[hit.Pattern] + 1;
        int end = hit.End + 1;
        return (_patternOpenStart[hit.Pattern] ? start : start + 1, _patternOpenEnd[hit.Pattern] ? end : end - 1);
    }

    private struct Tally
    {
        public bool Raised;
        public int Categories;
        public Severity Severity;
        public ScanAction Action;
        public RiskSignal Signals;
    }

    private sealed class Trace
    {
        public List<string> Matched { get; } = [];

        public List<string> Cancelled { get; } = [];
    }

    private readonly record struct CompiledPattern(string Key, int Rule, PatternKind Kind, byte Views, int Pair);

    /// <summary>Validates definitions and turns patterns into automaton keys.</summary>
    private sealed class Builder(TextNormalizer normalizer, List<string> errors)
    {
        private readonly Dictionary<(string Key, int Rule, PatternKind Kind, int Pair), int> _patternIndex = [];
        private int _nearWindow;
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

        public List<string> RuleIds { get; } = [];

        public List<RuleKind> RuleKinds { get; } = [];

        public List<SafeguardingCategory> Categories { get; } = [];

        public List<Severity> Severities { get; } = [];

        public List<ScanAction> Actions { get; } = [];

        public List<RiskSignal> Signals { get; } = [];

        public List<int> Windows { get; } = [];

        public List<List<int>> DetectorRules { get; } = [[], [], []];

        public List<CompiledPattern> Patterns { get; } = [];

        public int SourcePatternCount { get; private set; }

        public List<int> PairWindows { get; } = [];

        public void AddRule(RuleDefinition rule)
        {
            string id = rule.Id;
            int index = NewRule(id, RuleKind.Raise, rule.Category, rule.Severity, rule.Action, rule.Signal, rule.UnlessWindow);
            if (rule.Severity == Severity.None)
            {
                errors.Add($"Rule '{id}' needs a severity: low, medium, high or critical.");
            }

            if (rule.Action == ScanAction.Allow)
            {
                errors.Add($"Rule '{id}' needs an action: flag, hold or block (a harmless idiom belongs under \"benign\").");
            }

            if (rule.Action == ScanAction.Block && SafeguardingCategories.IsDisclosure(rule.Category))
            {
                errors.Add($"Rule '{id}' would block a disclosure ({SafeguardingCategories.Name(rule.Category)}): " +
                    "a child telling us they are at risk is never refused; use flag or hold.");
            }

            var patterns = rule.Patterns ?? [];
            bool hasDetector = rule.Detector != ContactDetector.None;
            if (patterns.Count > 0 == hasDetector)
            {
                errors.Add($"Rule '{id}' needs either \"patterns\" or a \"detector\", not both or neither.");
            }

            if (hasDetector)
            {
                if (BitOperations.PopCount((uint)rule.Detector) != 1)
                {
                    errors.Add($"Rule '{id}' may name only one detector.");
                }
                else
                {
                    DetectorRules[BitOperations.TrailingZeroCount((uint)rule.Detector)].Add(index);
                }
            }

            _nearWindow = NearWindow(rule.Id, rule.NearWindow);
            foreach (string pattern in patterns)
            {
                AddPattern(pattern, index, PatternKind.Match);
            }

            foreach (string pattern in rule.Unless ?? [])
            {
                AddPattern(pattern, index, PatternKind.Unless);
            }

            foreach (string phrase in rule.Squash ?? [])
            {
                AddSquashed(phrase, index);
            }
        }

        public void AddSignal(SignalDefinition signal)
        {
            int index = NewRule(signal.Id, RuleKind.Signal, default, Severity.None, ScanAction.Allow, signal.Signal, signal.UnlessWindow);
            if (BitOperations.PopCount((uint)signal.Signal) != 1)
            {
                errors.Add($"Signal '{signal.Id}' needs exactly one signal: desire, plan, means or timeframe.");
            }

            if (signal.Patterns is not { Count: > 0 })
            {
                errors.Add($"Signal '{signal.Id}' has no patterns.");
            }

            _nearWindow = NearWindow(signal.Id, signal.NearWindow);
            foreach (string pattern in signal.Patterns ?? [])
            {
                AddPattern(pattern, index, PatternKind.Match);
            }

            foreach (string pattern in signal.Unless ?? [])
            {
                AddPattern(pattern, index, PatternKind.Unless);
            }
        }

        public void AddBenign(BenignDefinition benign)
        {
            int index = NewRule(benign.Id, RuleKind.Benign, default, Severity.None, ScanAction.Allow, RiskSignal.None, benign.Window);
            if (benign.Patterns is not { Count: > 0 })
            {
                errors.Add($"Benign idiom '{benign.Id}' has no patterns.");
            }

            foreach (string pattern in benign.Patterns ?? [])
            {
                AddPattern(pattern, index, PatternKind.Benign);
            }
        }

        private int NewRule(
            string? id,
            RuleKind kind,
            SafeguardingCategory category,
            Severity severity,
            ScanAction action,
            RiskSignal signal,
            int? window)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                errors.Add($"Entry {RuleIds.Count + 1} has no id.");
            }
            else if (!_ids.Add(id))
            {
                errors.Add($"The id '{id}' is used twice.");
            }

            if (window < 0)
            {
                errors.Add($"'{id}' has a negative window; use 0 for adjacent words, or leave it out to require overlap.");
            }

            RuleIds.Add(id ?? "");
            RuleKinds.Add(kind);
            Categories.Add(category);
            Severities.Add(severity);
            Actions.Add(action);
            Signals.Add(signal);
            Windows.Add(window ?? -1);
            return RuleIds.Count - 1;
        }

        private int NearWindow(string id, int? window)
        {
            if (window is < 0 or > 20)
            {
                errors.Add($"'{id}' has a nearWindow of {window}; use 0 (adjacent) to 20 words.");
            }

            return window ?? DefaultNearWindow;
        }

        private void AddPattern(string? pattern, int rule, PatternKind kind)
        {
            string text = pattern ?? "";
            string[] parts = text.Split("...");
            if (parts.Length > 2 || (parts.Length == 2 && (kind != PatternKind.Match || parts.Any(string.IsNullOrWhiteSpace))))
            {
                errors.Add($"Pattern \"{pattern}\" in '{RuleIds[rule]}': \"...\" joins exactly two parts, and only in \"patterns\".");
                return;
            }

            int pair = -1;
            int window = _nearWindow;
            if (parts.Length == 1 && kind == PatternKind.Match && TryFactor(text, out string first, out string second))
            {
                // "(he|she|my stepdad|...) (hits|hurts|...) me" expands to every combination; matching the two
                // halves as adjacent sets keeps the automaton to their sum instead of their product.
                parts = [first, second];
                window = 0;
            }

            if (parts.Length == 2)
            {
                pair = PairWindows.Count;
                PairWindows.Add(window);
            }

            for (int part = 0; part < parts.Length; part++)
            {
                List<string> phrases;
                try
                {
                    phrases = Expand(parts[part]);
                }
                catch (FormatException e)
                {
                    errors.Add($"Pattern \"{pattern}\" in '{RuleIds[rule]}': {e.Message}");
                    return;
                }

                var partKind = pair < 0 ? kind : part == 0 ? PatternKind.NearFirst : PatternKind.NearSecond;
                foreach (string phrase in phrases)
                {
                    AddPhrase(phrase, pattern, rule, partKind, pair);
                }
            }
        }

        /// <summary>
        /// Splits a pattern whose groups multiply to more than <see cref="FactorAbove"/> phrases at the space
        /// (outside any group) that makes the two halves' phrase counts smallest in sum.
        /// </summary>
        private static bool TryFactor(string pattern, out string first, out string second)
        {
            first = second = "";
            if (Combinations(pattern) <= FactorAbove)
            {
                return false;
            }

            long best = long.MaxValue;
            int depth = 0;
            for (int i = 0; i < pattern.Length; i++)
            {
                depth += pattern[i] switch { '(' => 1, ')' => -1, _ => 0 };
                if (depth != 0 || pattern[i] != ' ')
                {
                    continue;
                }

                string left = pattern[..i].Trim();
                string right = pattern[(i + 1)..].Trim();
                long cost = Combinations(left) + Combinations(right);
                if (left.Length > 0 && right.Length > 0 && !left.EndsWith('*') && !right.StartsWith('*') && cost < best)
                {
                    (best, first, second) = (cost, left, right);
                }
            }

            return best != long.MaxValue;
        }

        private static long Combinations(string pattern)
        {
            long count = 1;
            int open = -1;
            for (int i = 0; i < pattern.Length; i++)
            {
                if (pattern[i] == '(')
                {
                    open = i;
                }
                else if (pattern[i] == ')' && open >= 0)
                {
                    count *= pattern.AsSpan(open, i - open).Count('|') + 1;
                    open = -1;
                }
            }

            return count;
        }

        /// <summary>"(he|she|my dad) (hits|hurts) me" → every combination; "(my |)" makes a word optional.</summary>
        private static List<string> Expand(string pattern)
        {
            var results = new List<string> { "" };
            int i = 0;
            while (i < pattern.Length)
            {
                int open = pattern.IndexOf('(', i);
                if (open < 0)
                {
                    string rest = pattern[i..];
                    if (rest.Contains(')', StringComparison.Ordinal) || rest.Contains('|', StringComparison.Ordinal))
                    {
                        throw new FormatException("a ')' or '|' outside a (group).");
                    }

                    results = [.. results.Select(r => r + rest)];
                    break;
                }

                int close = pattern.IndexOf(')', open);
                string literal = pattern[i..open];
                if (close < 0 || literal.Contains(')', StringComparison.Ordinal) || literal.Contains('|', StringComparison.Ordinal))
                {
                    throw new FormatException("unbalanced ( ).");
                }

                string[] choices = pattern[(open + 1)..close].Split('|');
                if (choices.Any(c => c.Contains('(', StringComparison.Ordinal)))
                {
                    throw new FormatException("groups may not be nested.");
                }

                results = [.. results.SelectMany(r => choices.Select(c => r + literal + c))];
                if (results.Count > MaxExpansions)
                {
                    throw new FormatException($"it expands to more than {MaxExpansions} phrases.");
                }

                i = close + 1;
            }

            return results;
        }

        private void AddPhrase(string phrase, string? pattern, int rule, PatternKind kind, int pair)
        {
            SourcePatternCount++;
            string text = phrase.Trim();
            bool openStart = text.StartsWith('*');
            bool openEnd = text.EndsWith('*');
            string inner = text.Trim('*');
            if (inner.Contains('*', StringComparison.Ordinal))
            {
                errors.Add($"Pattern \"{pattern}\" in '{RuleIds[rule]}': * may only start or end a pattern.");
                return;
            }

            string core = normalizer.NormalizeWords(inner);
            if (core.Length == 0)
            {
                errors.Add($"Pattern \"{pattern}\" in '{RuleIds[rule]}' has no letters or digits.");
                return;
            }

            if (!PatternAutomaton.CanMatch(core))
            {
                errors.Add($"Pattern \"{pattern}\" in '{RuleIds[rule]}' has letters no message can match once normalized (\"{core}\").");
                return;
            }

            string lead = openStart ? "" : " ";
            string tail = openEnd ? "" : " ";
            Add(lead + core + tail, rule, kind, WordsView | JoinedView, pair);
            if (kind != PatternKind.Match || core.Contains(TextNormalizer.NumberMark, StringComparison.Ordinal))
            {
                return;
            }

            // Written together ("killmyself") as a word of its own; spelled out letter by letter
            // ("i k i l l m y s e l f") anywhere inside a joined run.
            string together = Collapse(core.Replace(" ", "", StringComparison.Ordinal));
            if (together.Length >= MinJoinedLength)
            {
                if (core.Contains(' ', StringComparison.Ordinal))
                {
                    Add(lead + together + tail, rule, kind, WordsView, pair);
                }

                Add(together, rule, kind, JoinedView, pair);
            }
        }

        private void AddSquashed(string? phrase, int rule)
        {
            SourcePatternCount++;
            string letters = Collapse(new string([.. normalizer.NormalizeWords(phrase ?? "").Where(char.IsAsciiLetterLower)]));
            if (letters.Length < MinSquashedLength)
            {
                errors.Add($"Squashed phrase \"{phrase}\" in '{RuleIds[rule]}' is too short to match safely inside other words " +
                    $"(it needs {MinSquashedLength} letters or more once repeated letters are collapsed: \"{letters}\").");
                return;
            }

            Add(letters, rule, PatternKind.Match, LettersView, pair: -1);
        }

        private void Add(string key, int rule, PatternKind kind, byte views, int pair)
        {
            if (_patternIndex.TryGetValue((key, rule, kind, pair), out int existing))
            {
                Patterns[existing] = Patterns[existing] with { Views = (byte)(Patterns[existing].Views | views) };
                return;
            }

            _patternIndex[(key, rule, kind, pair)] = Patterns.Count;
            Patterns.Add(new CompiledPattern(key, rule, kind, views, pair));
        }

        private static string Collapse(string text)
        {
            var result = new StringBuilder(text.Length);
            foreach (char c in text)
            {
                if (result.Length == 0 || c != result[^1] || !char.IsAsciiLetterLower(c))
                {
                    result.Append(c);
                }
            }

            return result.ToString();
        }
    }
}
