namespace OnlineGroup.Server.Safeguarding.Detection;

/// <summary>Detection settings, from the <c>Safeguarding</c> configuration section.</summary>
public sealed class DetectionOptions
{
    public const string SectionName = "Safeguarding";

    /// <summary>Where the rules shipped with the server are, relative to the application's folder.</summary>
    public const string ShippedRulesFile = "Safeguarding/safeguarding-rules.json";

    /// <summary>
    /// <c>Safeguarding:RulesFile</c>: the rules file to use. Empty: the one shipped with the server.
    /// A relative path is relative to the content root (the repository root under <c>dotnet run</c>).
    /// </summary>
    public string? RulesFile { get; set; }

    /// <summary><c>Safeguarding:WatchRulesFile</c>: reload the rules when the file changes (default true).</summary>
    public bool WatchRulesFile { get; set; } = true;

    /// <summary>The full path of the rules file these options point to.</summary>
    public string ResolveRulesFile(string? contentRoot) =>
        string.IsNullOrWhiteSpace(RulesFile)
            ? Path.Combine(AppContext.BaseDirectory, ShippedRulesFile)
            : Path.GetFullPath(RulesFile, contentRoot ?? Directory.GetCurrentDirectory());
}
