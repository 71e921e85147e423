using System.Runtime.CompilerServices;

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
    private const int DenseDepth = 3;

    private static readonly byte[] CharClass = BuildCharClasses();

    private readonly State[] _states;
    private readonly int[] _rows;          // row * AlphabetSize + class → state (complete: failures folded in)
    private readonly Child[] _children;    // each state's children, sorted by class
    private readonly int[] _outputs;       // pattern ids, grouped by the state that reports them

    private PatternAutomaton(State[] states, int[] rows, Child[] children, int[] outputs)
    {
        _states = states;
        _rows = rows;
        _children = children;
        _outputs = outputs;
    }

    public int StateCount => _states.Length;

    /// <summary>Approximate bytes the automaton holds.</summary>
    public long MemoryBytes =>
        ((long)_states.Length * Unsafe.SizeOf<State>()) + (4L * (_rows.Length + _outputs.Length)) + ((long)_children.Length * Unsafe.SizeOf<Child>());

    /// <summary>Whether every character of <paramref name="key"/> is in the alphabet.</summary>
    public static bool CanMatch(string key) => key.Length > 0 && key.All(c => c < 128 && CharClass[c] != 0);

    /// <summary>Builds the automaton; pattern i of <paramref name="keys"/> is reported as i.</summary>
    public static PatternAutomaton Build(IReadOnlyList<string> keys) => Build(keys, [.. Enumerable.Range(0, keys.Count)]);

    /// <summary>Builds the automaton; pattern i of <paramref name="keys"/> is reported as <paramref name="ids"/>[i].</summary>
    public static PatternAutomaton Build(IReadOnlyList<string> keys, IReadOnlyList<int> ids)
    {
        var trie = new Trie();
        for (int p = 0; p < keys.Count; p++)
        {
            int s = 0;
            foreach (char ch in keys[p])
            {
                s = trie.ChildOrAdd(s, Class(ch));
            }

            (trie.Outputs[s] ??= []).Add(ids[p]);
        }

        // Breadth first, so a state's failure link (its longest proper suffix that is also a prefix) and
        // everything about that link are known before the state itself.
        int count = trie.Count;
        var fail = new int[count];
        var report = new int[count];
        var reportNext = new int[count];
        var depth = new int[count];
        var rowOf = new int[count];
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

        var states = new State[count];
        var children = new List<Child>();
        var outputs = new List<int>();
        for (int s = 0; s < count; s++)
        {
            int childStart = children.Count;
            children.AddRange(trie.Children(s).OrderBy(x => x.Class).Select(x => new Child(x.Class, x.State)));
            int outputStart = outputs.Count;
            outputs.AddRange(trie.Outputs[s] ?? []);
            states[s] = new State(rowOf[s], childStart, children.Count, fail[s], report[s], reportNext[s], outputStart, outputs.Count);
        }

        return new PatternAutomaton(states, [.. rows], [.. children], [.. outputs]);
    }

    /// <summary>
    /// Reports every occurrence in <paramref name="text"/> of every pattern whose <paramref name="flags"/>
    /// include <paramref name="view"/> (low bits), as (pattern, index of its last character), into the lane
    /// its flags name (bits 4 and 5).
    /// </summary>
    public void Scan(ReadOnlySpan<char> text, byte view, byte[] flags, ref HitLanes hits)
    {
        var states = _states;
        int s = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            s = Next(s, ch < 128 ? CharClass[ch] : 0);
            for (int r = states[s].Report; r >= 0; r = states[r].ReportNext)
            {
                ref readonly var reporting = ref states[r];
                for (int o = reporting.OutputStart; o < reporting.OutputEnd; o++)
                {
                    int pattern = _outputs[o];
                    int patternFlags = flags[pattern];
                    if ((patternFlags & view) != 0)
                    {
                        hits.Add(patternFlags >> 4, pattern, i, view);
                    }
                }
            }
        }
    }

    private int Next(int s, int c)
    {
        while (true)
        {
            ref readonly var state = ref _states[s];
            if (state.Row >= 0)
            {
                return _rows[(state.Row * AlphabetSize) + c];
            }

            for (int k = state.ChildStart; k < state.ChildEnd; k++)
            {
                var child = _children[k];
                if (child.Class == c)
                {
                    return child.State;
                }

                if (child.Class > c)
                {
                    break;
                }
            }

            s = state.Fail;
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

    /// <summary>Everything a scan reads about one state, together, so one step touches one cache line.</summary>
    private readonly record struct State(
        int Row, int ChildStart, int ChildEnd, int Fail, int Report, int ReportNext, int OutputStart, int OutputEnd);

    private readonly record struct Child(byte Class, int State);

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

/// <summary>
/// Hits sorted as they are found into the three kinds the decision treats differently, so that each of
/// its loops walks only the hits it needs.
/// </summary>
internal ref struct HitLanes
{
    /// <summary>Rules and signals, and the second parts of proximity patterns.</summary>
    public const int Positive = 0;

    /// <summary>First parts of proximity patterns.</summary>
    public const int First = 1;

    /// <summary>Benign idioms and rules' "unless" patterns.</summary>
    public const int Cancelling = 2;

    public HitList Positives;
    public HitList Firsts;
    public HitList Cancellers;

    public HitLanes(Span<Hit> positives, Span<Hit> firsts, Span<Hit> cancellers)
    {
        Positives = new HitList(positives);
        Firsts = new HitList(firsts);
        Cancellers = new HitList(cancellers);
    }

    public void Add(int lane, int pattern, int end, byte view)
    {
        switch (lane)
        {
            case Positive:
                Positives.Add(pattern, end, view);
                break;
            case First:
                Firsts.Add(pattern, end, view);
                break;
            default:
                Cancellers.Add(pattern, end, view);
                break;
        }
    }

    public void Dispose()
    {
        Positives.Dispose();
        Firsts.Dispose();
        Cancellers.Dispose();
    }
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
