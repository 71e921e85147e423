using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Groups;

namespace OnlineGroup.Server.Schedule;

public static class ScheduleExtensions
{
    /// <summary>The opening-times gate, its conditions (cover, presence), the session clock and signposting.</summary>
    public static WebApplicationBuilder AddSchedule(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SessionsOptions>().BindConfiguration(SessionsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SignpostingOptions>().Configure<IConfiguration>(SignpostingOptions.Bind).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<SignpostingOptions>, SignpostingValidation>();
        services.AddMemoryCache();
        services.AddSingleton<CalendarCache>();
        services.AddSingleton<IGroupGate, ScheduleGate>();
        services.AddSingleton<IGateCondition, SafeguardingCoverCondition>();
        services.AddSingleton<IGateCondition, ModeratorPresenceCondition>();
        services.AddSingleton<GroupStateAnnouncer>();
        services.AddHostedService<PresenceWatcher>();
        services.AddSingleton<SessionTriggers>();
        services.AddSingleton<SessionClock>();
        services.AddSingleton<IScheduleChanged>(sp => sp.GetRequiredService<SessionClock>());
        services.AddHostedService<SessionClockStartup>();
        services.AddSingleton<SessionControl>();
        return builder;
    }
}
