namespace OnlineGroup.Server.Safeguarding.Detection;

/// <summary>
/// An Aho–Corasick automaton over the normalized alphabet (space, a–z, 0–9, '#'), compiled to a dense
/// transition table so a scan is one table lookup per character whatever the number of patterns.
/// Immutable once built; safe to share between threads.
/// </summary>
internal sealed class PatternAutomaton
{
    /// <summary>Class 0 is "anything else" (letters from other scripts): no pattern contains it.</summary>
    internal const int AlphabetSize = 39;

    private static readonly byte[] CharClass = BuildCharClasses();

    private readonly int[] _next;          // state * AlphabetSize + class → state
    private readonly int[] _report;        // state → first state on its suffix chain with outputs of its own, or -1
    private readonly int[] _reportNext;    // state with outputs → the next such state on its suffix chain, or -1
    private readonly int[] _outputStart;   // state → first index into _outputs (own outputs only)
    private readonly int[] _outputs;       // pattern indices, grouped by state

    private PatternAutomaton(int[] next, int[] report, int[] reportNext, int[] outputStart, int[] outputs)
    {
        _next = next;
        _report = report;
        _reportNext = reportNext;
        _outputStart = outputStart;
        _outputs = outputs;
    }

    public int StateCount => _report.Length;

    /// <summary>Whether every character of <paramref name="key"/> is in the alphabet.</summary>
    public static bool CanMatch(string key) => key.Length > 0 && key.All(c => c < 128 && CharClass[c] != 0);

    /// <summary>Builds the automaton; pattern i of <paramref name="keys"/> is reported as i.</summary>
    public static PatternAutomaton Build(IReadOnlyList<string> keys)
    {
        int capacity = 256;
        var next = new int[capacity * AlphabetSize];
        Array.Fill(next, -1);
        int states = 1;
        var ownOutputs = new List<int>?[capacity];

        for (int p = 0; p < keys.Count; p++)
        {
            int s = 0;
            foreach (char ch in keys[p])
            {
                int slot = (s * AlphabetSize) + Class(ch);
                if (next[slot] < 0)
                {
                    if (states == capacity)
                    {
                        capacity *= 2;
                        Array.Resize(ref next, capacity * AlphabetSize);
                        next.AsSpan(states * AlphabetSize).Fill(-1);
                        Array.Resize(ref ownOutputs, capacity);
                    }

                    next[slot] = states++;
                }

                s = next[slot];
            }

            (ownOutputs[s] ??= []).Add(p);
        }

        // Breadth first: each state's failure link is the longest proper suffix that is also a prefix;
        // missing transitions are filled from it, which turns the trie into a DFA.
        var fail = new int[states];
        var report = new int[states];
        var reportNext = new int[states];
        var queue = new Queue<int>();
        report[0] = ownOutputs[0] is null ? -1 : 0;
        reportNext[0] = -1;
        for (int c = 0; c < AlphabetSize; c++)
        {
            int u = next[c];
            if (u < 0)
            {
                next[c] = 0;
            }
            else
            {
                fail[u] = 0;
                queue.Enqueue(u);
            }
        }

        while (queue.Count > 0)
        {
            int r = queue.Dequeue();
            int failReport = report[fail[r]];
            report[r] = ownOutputs[r] is null ? failReport : r;
            reportNext[r] = failReport;
            for (int c = 0; c < AlphabetSize; c++)
            {
                int slot = (r * AlphabetSize) + c;
                int u = next[slot];
                int viaFail = next[(fail[r] * AlphabetSize) + c];
                if (u < 0)
                {
                    next[slot] = viaFail;
                }
                else
                {
                    fail[u] = viaFail;
                    queue.Enqueue(u);
                }
            }
        }

        var outputStart = new int[states + 1];
        var outputs = new List<int>();
        for (int s = 0; s < states; s++)
        {
            outputStart[s] = outputs.Count;
            if (ownOutputs[s] is { } own)
            {
                outputs.AddRange(own);
            }
        }

        outputStart[states] = outputs.Count;
        Array.Resize(ref next, states * AlphabetSize);
        return new PatternAutomaton(next, report, reportNext, outputStart, [.. outputs]);
    }

    /// <summary>
    /// Reports every occurrence in <paramref name="text"/> of every pattern whose <paramref name="views"/>
    /// entry includes <paramref name="view"/>, as (pattern, index of its last character).
    /// </summary>
    public void Scan(ReadOnlySpan<char> text, byte view, byte[] views, ref HitList hits)
    {
        var next = _next;
        var report = _report;
        int s = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            s = next[(s * AlphabetSize) + (ch < 128 ? CharClass[ch] : 0)];
            for (int r = report[s]; r >= 0; r = _reportNext[r])
            {
                for (int o = _outputStart[r]; o < _outputStart[r + 1]; o++)
                {
                    int pattern = _outputs[o];
                    if ((views[pattern] & view) != 0)
                    {
                        hits.Add(pattern, i, view);
                    }
                }
            }
        }
    }

    private static int Class(char c) => c < 128 ? CharClass[c] : 0;

    private static byte[] BuildCharClasses()
    {
        var classes = new byte[128];
        classes[' '] = 1;
        for (char c = 'a'; c <= 'z'; c++)
        {
            classes[c] = (byte)(2 + c - 'a');
        }

        for (char c = '0'; c <= '9'; c++)
        {
            classes[c] = (byte)(28 + c - '0');
        }

        classes[TextNormalizer.NumberMark] = 38;
        return classes;
    }
}

/// <summary>One pattern occurrence: which pattern, in which view, ending where.</summary>
internal struct Hit
{
    public int Pattern;
    public int End;
    public byte View;
}

/// <summary>A list of hits on the stack that moves to a pooled array if a message has very many.</summary>
internal ref struct HitList
{
    private Span<Hit> _items;
    private Hit[]? _rented;

    public HitList(Span<Hit> initial)
    {
        _items = initial;
        _rented = null;
        Count = 0;
    }

    public int Count { get; private set; }

    public readonly ReadOnlySpan<Hit> Items => _items[..Count];

    public void Add(int pattern, int end, byte view)
    {
        if (Count == _items.Length)
        {
            var larger = System.Buffers.ArrayPool<Hit>.Shared.Rent(_items.Length * 2);
            _items.CopyTo(larger);
            if (_rented is not null)
            {
                System.Buffers.ArrayPool<Hit>.Shared.Return(_rented);
            }

            _rented = larger;
            _items = larger;
        }

        _items[Count++] = new Hit { Pattern = pattern, End = end, View = view };
    }

    public void Dispose()
    {
        if (_rented is not null)
        {
            System.Buffers.ArrayPool<Hit>.Shared.Return(_rented);
            _rented = null;
        }
    }
}
