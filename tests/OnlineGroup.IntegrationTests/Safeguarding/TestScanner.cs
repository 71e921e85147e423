using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OnlineGroup.Server.Safeguarding;

namespace OnlineGroup.IntegrationTests.Safeguarding;

/// <summary>
/// A deterministic stand-in for the detection rules: "[flag]", "[hold]" or "[block]" in the text decide
/// the action; "[low]", "[high]" or "[critical]" the severity (medium otherwise). The category is "test".
/// </summary>
public sealed class TestScanner : ISafeguardingScanner
{
    public ScanResult Scan(string text)
    {
        var action = text.Contains("[block]", StringComparison.Ordinal) ? ScanAction.Block
            : text.Contains("[hold]", StringComparison.Ordinal) ? ScanAction.Hold
            : text.Contains("[flag]", StringComparison.Ordinal) ? ScanAction.Flag
            : ScanAction.Allow;
        if (action == ScanAction.Allow)
        {
            return ScanResult.Allowed;
        }

        var severity = text.Contains("[critical]", StringComparison.Ordinal) ? Severity.Critical
            : text.Contains("[high]", StringComparison.Ordinal) ? Severity.High
            : text.Contains("[low]", StringComparison.Ordinal) ? Severity.Low
            : Severity.Medium;
        return new ScanResult(action, severity, ["test"]);
    }

    public static void Use(IServiceCollection services)
    {
        services.RemoveAll<ISafeguardingScanner>();
        services.AddSingleton<ISafeguardingScanner, TestScanner>();
    }
}
