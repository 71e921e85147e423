namespace OnlineGroup.Server.Safeguarding.Detection;

/// <summary>
/// An Aho–Corasick automaton over the normalized alphabet (space, a–z, digits, '#'): one pass over the text
/// finds every occurrence of every pattern, whatever their number. States near the root (where most text
/// lingers) have full transition rows, so a step there is one table lookup; deeper states keep only their
/// children, sorted, and fall back along failure links, which keeps memory proportional to the patterns'
/// length rather than to length × alphabet. Immutable once built; safe to share between threads.
/// </summary>
internal sealed class PatternAutomaton
{
    /// <summary>Class 0 is "anything else" (letters from other scripts): no pattern contains it.</summary>
    internal const int AlphabetSize = 30;

    /// <summary>States this close to the root get a full row.</summary>
    private const int DenseDepth = 2;

    private static readonly byte[] CharClass = BuildCharClasses();

    private readonly int[] _rows;          // row * AlphabetSize + class → state (complete: failures folded in)
    private readonly int[] _rowOf;         // state → its row, or -1 when it only has sparse children
    private readonly int[] _childStart;    // state → first of its children in _childClass/_childState
    private readonly byte[] _childClass;
    private readonly int[] _childState;
    private readonly int[] _fail;
    private readonly int[] _report;        // state → first state on its suffix chain with outputs of its own, or -1
    private readonly int[] _reportNext;    // state with outputs → the next such state on its suffix chain, or -1
    private readonly int[] _outputStart;   // state → first index into _outputs (own outputs only)
    private readonly int[] _outputs;       // pattern indices, grouped by state

    private PatternAutomaton(Trie trie, int[] fail, int[] report, int[] reportNext, int[] rowOf, int[] rows)
    {
        int states = trie.Count;
        _fail = fail;
        _report = report;
        _reportNext = reportNext;
        _rowOf = rowOf;
        _rows = rows;
        _childStart = new int[states + 1];
        var classes = new List<byte>();
        var targets = new List<int>();
        var outputStart = new int[states + 1];
        var outputs = new List<int>();
        for (int s = 0; s < states; s++)
        {
            _childStart[s] = classes.Count;
            foreach (var (c, child) in trie.Children(s).OrderBy(x => x.Class))
            {
                classes.Add(c);
                targets.Add(child);
            }

            outputStart[s] = outputs.Count;
            if (trie.Outputs[s] is { } own)
            {
                outputs.AddRange(own);
            }
        }

        _childStart[states] = classes.Count;
        outputStart[states] = outputs.Count;
        _childClass = [.. classes];
        _childState = [.. targets];
        _outputStart = outputStart;
        _outputs = [.. outputs];
    }

    public int StateCount => _fail.Length;

    /// <summary>Approximate bytes the automaton holds.</summary>
    public long MemoryBytes =>
        (4L * (_rows.Length + _rowOf.Length + _childStart.Length + _childState.Length + _fail.Length + _report.Length
            + _reportNext.Length + _outputStart.Length + _outputs.Length)) + _childClass.Length;

    /// <summary>Whether every character of <paramref name="key"/> is in the alphabet.</summary>
    public static bool CanMatch(string key) => key.Length > 0 && key.All(c => c < 128 && CharClass[c] != 0);

    /// <summary>Builds the automaton; pattern i of <paramref name="keys"/> is reported as i.</summary>
    public static PatternAutomaton Build(IReadOnlyList<string> keys)
    {
        var trie = new Trie();
        for (int p = 0; p < keys.Count; p++)
        {
            int s = 0;
            foreach (char ch in keys[p])
            {
                s = trie.ChildOrAdd(s, Class(ch));
            }

            (trie.Outputs[s] ??= []).Add(p);
        }

        // Breadth first, so a state's failure link (its longest proper suffix that is also a prefix) and
        // everything about that link are known before the state itself.
        int states = trie.Count;
        var fail = new int[states];
        var report = new int[states];
        var reportNext = new int[states];
        var depth = new int[states];
        var rowOf = new int[states];
        Array.Fill(rowOf, -1);
        var rows = new List<int>();
        var queue = new Queue<int>();
        queue.Enqueue(0);
        report[0] = trie.Outputs[0] is null ? -1 : 0;
        reportNext[0] = -1;
        while (queue.Count > 0)
        {
            int r = queue.Dequeue();
            foreach (var (c, u) in trie.Children(r))
            {
                depth[u] = depth[r] + 1;
                fail[u] = r == 0 ? 0 : Step(trie, fail, fail[r], c);
                int failReport = report[fail[u]];
                report[u] = trie.Outputs[u] is null ? failReport : u;
                reportNext[u] = failReport;
                queue.Enqueue(u);
            }

            if (depth[r] <= DenseDepth)
            {
                rowOf[r] = rows.Count / AlphabetSize;
                for (int c = 0; c < AlphabetSize; c++)
                {
                    rows.Add(r == 0 ? Math.Max(trie.Child(0, (byte)c), 0) : Step(trie, fail, r, (byte)c));
                }
            }
        }

        return new PatternAutomaton(trie, fail, report, reportNext, rowOf, [.. rows]);
    }

    /// <summary>
    /// Reports every occurrence in <paramref name="text"/> of every pattern whose <paramref name="views"/>
    /// entry includes <paramref name="view"/>, as (pattern, index of its last character).
    /// </summary>
    public void Scan(ReadOnlySpan<char> text, byte view, byte[] views, ref HitList hits)
    {
        int s = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            s = Next(s, ch < 128 ? CharClass[ch] : 0);
            for (int r = _report[s]; r >= 0; r = _reportNext[r])
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

    private int Next(int s, int c)
    {
        while (true)
        {
            int row = _rowOf[s];
            if (row >= 0)
            {
                return _rows[(row * AlphabetSize) + c];
            }

            for (int k = _childStart[s]; k < _childStart[s + 1]; k++)
            {
                int childClass = _childClass[k];
                if (childClass == c)
                {
                    return _childState[k];
                }

                if (childClass > c)
                {
                    break;
                }
            }

            s = _fail[s];
        }
    }

    /// <summary>The goto function while building: follow failure links until a state has the child.</summary>
    private static int Step(Trie trie, int[] fail, int s, byte c)
    {
        while (true)
        {
            int child = trie.Child(s, c);
            if (child >= 0)
            {
                return child;
            }

            if (s == 0)
            {
                return 0;
            }

            s = fail[s];
        }
    }

    private static byte Class(char c) => c < 128 ? CharClass[c] : (byte)0;

    private static byte[] BuildCharClasses()
    {
        var classes = new byte[128];
        classes[' '] = 1;
        for (char c = 'a'; c <= 'z'; c++)
        {
            classes[c] = (byte)(2 + c - 'a');
        }

        // Digits left inside words ("2nite", "gr8") are rare in patterns: one class for all of them.
        for (char c = '0'; c <= '9'; c++)
        {
            classes[c] = 28;
        }

        classes[TextNormalizer.NumberMark] = 29;
        return classes;
    }

    /// <summary>A trie under construction: children as sibling lists, outputs per state.</summary>
    private sealed class Trie
    {
        private readonly List<int> _firstChild = [-1];
        private readonly List<int> _nextSibling = [-1];
        private readonly List<byte> _class = [0];

        public List<List<int>?> Outputs { get; } = [null];

        public int Count => _class.Count;

        public int Child(int s, byte c)
        {
            for (int k = _firstChild[s]; k >= 0; k = _nextSibling[k])
            {
                if (_class[k] == c)
                {
                    return k;
                }
            }

            return -1;
        }

        public int ChildOrAdd(int s, byte c)
        {
            int child = Child(s, c);
            if (child >= 0)
            {
                return child;
            }

            int added = _class.Count;
            _class.Add(c);
            _firstChild.Add(-1);
            _nextSibling.Add(_firstChild[s]);
            _firstChild[s] = added;
            Outputs.Add(null);
            return added;
        }

        public IEnumerable<(byte Class, int State)> Children(int s)
        {
            for (int k = _firstChild[s]; k >= 0; k = _nextSibling[k])
            {
                yield return (_class[k], k);
            }
        }
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
