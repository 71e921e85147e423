namespace OnlineGroup.Server.Safeguarding.Detection;

/// <summary>
/// Contact details found by the normalizer itself rather than by word patterns: they are shapes
/// (a run of ten digits, <c>name@host.tld</c>, <c>@handle</c>), not words. A rule names the detector
/// it reacts to with <c>"detector"</c> instead of <c>"patterns"</c>.
/// </summary>
[Flags]
public enum ContactDetector
{
    None = 0,

    /// <summary>Ten or more digits in a row, allowing spaces, dashes, dots, brackets, "+" and spelled-out digits.</summary>
    PhoneNumber = 1,

    /// <summary><c>local@domain.tld</c>.</summary>
    Email = 2,

    /// <summary>A social handle: <c>@</c> at the start of a word followed by three or more letters, digits, dots or underscores.</summary>
    Handle = 4,
}
