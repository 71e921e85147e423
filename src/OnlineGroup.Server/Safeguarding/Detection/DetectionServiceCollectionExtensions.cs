using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OnlineGroup.Server.Safeguarding.Detection;

public static class DetectionServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISafeguardingScanner"/> (a <see cref="SafeguardingScanner"/> singleton) with
    /// its options bound from the <c>Safeguarding</c> section, and loads the rules when the host starts so
    /// that a missing or broken rules file stops the server with a message saying what is wrong.
    /// </summary>
    public static IServiceCollection AddSafeguardingDetection(this IServiceCollection services)
    {
        // No ValidateOnStart here: the rules file is checked by loading it (below), and options validation
        // that read a file would throw from inside configuration reloads whenever that file was broken.
        services.AddOptions<DetectionOptions>().BindConfiguration(DetectionOptions.SectionName);
        services.TryAddSingleton<SafeguardingScanner>();
        services.AddSingleton<ISafeguardingScanner>(sp => sp.GetRequiredService<SafeguardingScanner>());
        services.AddHostedService<RulesStartupCheck>();
        return services;
    }

    /// <summary>Loads the rules as the host starts, so a broken rules file fails startup, not the first message.</summary>
    private sealed class RulesStartupCheck(SafeguardingScanner scanner) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = scanner.Rules;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
