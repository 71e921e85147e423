using OnlineGroup.Server.Chat;

namespace OnlineGroup.Server.Readiness;

public static class ReadinessExtensions
{
    public static WebApplicationBuilder AddReadiness(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ReadinessOptions>().BindConfiguration(ReadinessOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReadinessDirectory>();
        services.AddSingleton<IGateCondition, ReadinessCondition>();
        services.AddSingleton<IAdmissionRule, HouseRulesAgreementCheck>();
        services.AddHostedService<ReadinessAnnouncer>();
        return builder;
    }
}
