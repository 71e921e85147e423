using OnlineGroup.Server.Safeguarding.Detection;

namespace OnlineGroup.Tests.Safeguarding;

/// <summary>The rules file the server ships, compiled once for every test that needs it.</summary>
internal static class ShippedRules
{
    public static string Path { get; } =
        System.IO.Path.Combine(AppContext.BaseDirectory, DetectionOptions.ShippedRulesFile);

    public static SafeguardingRuleSet Rules => Compiled.Value;

    private static Lazy<SafeguardingRuleSet> Compiled { get; } = new(() => SafeguardingRuleSet.Load(Path));
}
