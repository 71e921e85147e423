namespace OnlineGroup.Server.Safeguarding;

/// <summary>What the safeguarding scan decided for one piece of text.</summary>
public enum ScanAction
{
    Allow,
    Flag,
    Hold,
    Block,
}

/// <summary>How serious a concern is; ordered so that a larger value is more severe.</summary>
public enum Severity
{
    None,
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>The outcome of scanning one message: what to do, how serious, and why (categories).</summary>
public sealed record ScanResult(ScanAction Action, Severity Severity, IReadOnlyList<string> Categories)
{
    public static ScanResult Allowed { get; } = new(ScanAction.Allow, Severity.None, []);

    public bool RaisesConcern => Action != ScanAction.Allow;
}

/// <summary>
/// Scans a message's text. The hub and the rule tester (<c>POST /api/safeguarding/scan</c>) call the
/// same implementation. Must be thread-safe and allocation-light: it sits on the message path.
/// </summary>
public interface ISafeguardingScanner
{
    ScanResult Scan(string text);
}
