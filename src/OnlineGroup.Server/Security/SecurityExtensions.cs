using Microsoft.AspNetCore.Http.Json;
using OnlineGroup.Server.Chat;

namespace OnlineGroup.Server.Security;

public static class SecurityExtensions
{
    /// <summary>Guards against hostile or broken clients: hub argument checks, the per-account connection cap, REST body limits.</summary>
    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ConnectionCapOptions>().BindConfiguration(ConnectionCapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RequestLimitOptions>().BindConfiguration(RequestLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddChatHubFilter<ConnectionCap>();
        services.AddChatHubFilter<HubArgumentCheck>();

        // An unreadable body reaches the exception handler (as in Development), which answers it as a problem saying what to fix.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<UnreadableRequestProblems>();
        return builder;
    }
}
