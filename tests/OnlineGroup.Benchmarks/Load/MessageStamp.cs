namespace OnlineGroup.Benchmarks.Load;

/// <summary>
/// Puts the step number and the send time (<see cref="System.Diagnostics.Stopwatch"/> ticks) into
/// a message's text, so every receiver can measure delivery latency without a lookup. The stamp is
/// letters only, from an alphabet without vowels, digits or "k", so that a safeguarding scan sees an
/// ordinary short message (no phone-number-like digit runs, no words).
/// </summary>
internal static class MessageStamp
{
    public const string Prefix = "Thanks everyone, that really helps tonight. ref ";
    private const string Alphabet = "bcdfghjlmnpqrstv"; // 16 symbols: one per hex digit
    private const int StepDigits = 2;
    private const int TickDigits = 16;
    private const int StampLength = StepDigits + TickDigits;

    /// <summary>Steps are numbered 0..254; this one marks warm-up and probe messages.</summary>
    public const int Probe = 255;

    public static string Create(int step, long sentAt) =>
        string.Create(Prefix.Length + StampLength, (step, sentAt), static (span, state) =>
        {
            Prefix.AsSpan().CopyTo(span);
            var stamp = span[Prefix.Length..];
            Write(stamp[..StepDigits], (ulong)state.step);
            Write(stamp[StepDigits..], (ulong)state.sentAt);
        });

    /// <summary>Reads a stamp back; allocation-free (it runs once per delivery).</summary>
    public static bool TryRead(string? text, out int step, out long sentAt)
    {
        step = 0;
        sentAt = 0;
        if (text is null || text.Length < StampLength)
        {
            return false;
        }

        var stamp = text.AsSpan(text.Length - StampLength);
        if (!TryRead(stamp[..StepDigits], out var s) || !TryRead(stamp[StepDigits..], out var t))
        {
            return false;
        }

        step = (int)s;
        sentAt = (long)t;
        return true;
    }

    private static void Write(Span<char> into, ulong value)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = Alphabet[(int)(value & 0xF)];
            value >>= 4;
        }
    }

    private static bool TryRead(ReadOnlySpan<char> from, out ulong value)
    {
        value = 0;
        foreach (var c in from)
        {
            var digit = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | (uint)digit;
        }

        return true;
    }
}
