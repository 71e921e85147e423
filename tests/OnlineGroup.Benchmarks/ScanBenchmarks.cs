using BenchmarkDotNet.Attributes;
using OnlineGroup.Server.Safeguarding;
using OnlineGroup.Server.Safeguarding.Detection;

namespace OnlineGroup.Benchmarks;

/// <summary>
/// One safeguarding scan of a 300-character message, against rule sets of 100, 1,000 and 10,000 synthetic
/// patterns and against the rules the server ships. Synthetic patterns are drawn from the words young
/// people use, so the automaton walks deep paths rather than failing at the first letter.
/// </summary>
[MemoryDiagnoser]
public class ScanBenchmarks
{
    private const int MessageLength = 300;

    private static readonly string Ordinary = Exactly(MessageLength,
        "had such a long day at school today, maths was so hard and my teacher gave us loads of homework again. " +
        "i'm going to the cinema with my friends this weekend which should be fun, we're seeing that new film " +
        "everyone keeps talking about. feeling a bit tired but ok, thanks for asking everyone, see you all next week x " +
        "and good luck with your exams");

    private static readonly string Risky = Exactly(MessageLength,
        "i don't really know how to say this but i've been feeling really low for weeks and last night i cut again. " +
        "i keep thinking everyone would be better off without me and i want to die. i've been saving up my mum's " +
        "tablets and i think i'm going to take them all tonight when everyone is asleep. sorry for this. i love you all, " +
        "please don't be angry with me");

    private static readonly string Disguised = Exactly(MessageLength,
        "honestly sùïcìdàl again 😭 i w4nt t0 k1ll mys3lf, k i l l m y s e l f, nobody gets it. ｉ ｗａｎｔ ｔｏ ｄｉｅ. " +
        "add me on sn@p: jess_x or text o7700 9OO 123 and ill tell you more 💊💊 tonight. ki\u200Bll me. " +
        "sorry for being like this, the group is nice but i can't keep doing this, it's too much every single day, " +
        "every single night");

    private static readonly string[] Vocabulary =
    [
        "i", "me", "my", "myself", "you", "your", "want", "to", "die", "dying", "dead", "kill", "cut", "cutting", "again",
        "going", "tonight", "tomorrow", "pills", "tablets", "school", "maths", "homework", "feel", "feeling", "low", "sad",
        "friends", "mum", "dad", "home", "everyone", "better", "off", "without", "take", "all", "them", "last", "night",
        "hurt", "self", "harm", "urges", "really", "so", "bad", "good", "film", "cinema", "weekend", "tired", "thinking",
        "about", "ending", "it", "life", "live", "alive", "anymore", "help", "need", "talk", "someone", "nobody", "cares",
        "hate", "body", "eat", "eating", "sick", "fat", "snap", "insta", "add", "text", "number", "call", "meet", "where",
        "live", "scared", "hits", "touches", "secret", "tell", "anyone", "blade", "razor", "rope", "bridge", "jump", "deep",
        "blood", "saving", "up", "asleep", "when", "week", "next", "see", "thanks", "asking", "fun", "new", "talking",
    ];

    private SafeguardingRuleSet _rules = null!;

    /// <summary>The rule set under test: a number of synthetic patterns, or the shipped rules.</summary>
    [ParamsSource(nameof(RuleSets))]
    public RuleSetSize Rules { get; set; } = null!;

    public static IEnumerable<RuleSetSize> RuleSets() =>
        [new(100), new(1_000), new(10_000), new(0)];

    [GlobalSetup]
    public void Setup() =>
        _rules = Rules.Patterns == 0
            ? SafeguardingRuleSet.Load(Path.Combine(AppContext.BaseDirectory, DetectionOptions.ShippedRulesFile))
            : SafeguardingRuleSet.Compile(Synthetic(Rules.Patterns));

    [Benchmark(Baseline = true)]
    public ScanResult Ordinary_message() => _rules.Scan(Ordinary);

    [Benchmark]
    public ScanResult Risky_message() => _rules.Scan(Risky);

    [Benchmark]
    public ScanResult Disguised_unicode_message() => _rules.Scan(Disguised);

    /// <summary>
    /// The same scans timed by the process's CPU time rather than the wall clock: on a machine shared with
    /// other work, wall-clock figures mostly measure waiting for a core. Prints one line per case.
    /// </summary>
    public static void MeasureCpuTime(int scans = 100_000)
    {
        var benchmarks = new ScanBenchmarks();
        Console.WriteLine($"{"rules",-16} {"message",-28} {"CPU µs/scan",12} {"bytes/scan",11}");
        foreach (var size in RuleSets())
        {
            benchmarks.Rules = size;
            benchmarks.Setup();
            foreach (var (name, scan) in new (string, Func<ScanResult>)[]
            {
                (nameof(Ordinary_message), benchmarks.Ordinary_message),
                (nameof(Risky_message), benchmarks.Risky_message),
                (nameof(Disguised_unicode_message), benchmarks.Disguised_unicode_message),
            })
            {
                for (int i = 0; i < scans / 5; i++)
                {
                    scan();
                }

                var process = System.Diagnostics.Process.GetCurrentProcess();
                var cpu = process.TotalProcessorTime;
                long allocated = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < scans; i++)
                {
                    scan();
                }

                allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
                process.Refresh();
                double micros = (process.TotalProcessorTime - cpu).TotalMicroseconds / scans;
                Console.WriteLine($"{size,-16} {name,-28} {micros,12:F2} {(double)allocated / scans,11:F1}");
            }
        }
    }

    /// <summary>Rules holding exactly <paramref name="patterns"/> phrases of one to four common words.</summary>
    private static RulesDocument Synthetic(int patterns)
    {
        var random = new Random(patterns);
        var categories = SafeguardingCategories.All;
        var phrases = new HashSet<string>(StringComparer.Ordinal);
        while (phrases.Count < patterns)
        {
            int words = random.Next(1, 5);
            var phrase = string.Join(' ', Enumerable.Range(0, words).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]));
            // A few made-up words too, so not every pattern shares the common prefixes.
            phrases.Add(random.Next(4) == 0 ? phrase + " " + Word(random) : phrase);
        }

        var rules = phrases
            .Chunk(10)
            .Select((chunk, i) => new RuleDefinition
            {
                Id = $"synthetic.{i}",
                Category = categories[i % categories.Count],
                Severity = (Severity)(1 + (i % 4)),
                Action = i % 3 == 0 ? ScanAction.Hold : ScanAction.Flag,
                Patterns = chunk,
            })
            .ToList();
        return new RulesDocument { Version = $"synthetic-{patterns}", Rules = rules };
    }

    private static string Word(Random random) =>
        string.Concat(Enumerable.Range(0, random.Next(3, 9)).Select(_ => (char)('a' + random.Next(26))));

    private static string Exactly(int length, string text) =>
        text.Length >= length ? text[..length] : throw new InvalidOperationException($"The sample message has {text.Length} characters, fewer than {length}.");
}

/// <summary>A rule set size as the summary table shows it.</summary>
public sealed record RuleSetSize(int Patterns)
{
    public override string ToString() => Patterns == 0 ? "shipped rules" : $"{Patterns:N0} patterns";
}
