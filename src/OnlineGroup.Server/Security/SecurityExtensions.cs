using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.SignalR;
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
        services.AddSingleton<ConnectionCap>();
        services.AddSingleton<HubArgumentCheck>();
        // The instances themselves, not AddFilter<T>(): SignalR wraps a filter added by type in an async
        // method that looks it up on every call, a state machine per filter per hub call (the largest
        // single item of the light load's garbage after strings and buffers).
        // AddHubOptions registers SignalR's per-hub options set-up: without it the hub runs on the global
        // options, and none of these filters would run.
        services.AddSignalR().AddHubOptions<ChatHub>(_ => { });
        services.AddOptions<HubOptions<ChatHub>>().Configure<ConnectionCap, HubArgumentCheck>((o, cap, check) =>
        {
            o.AddFilter(cap);
            o.AddFilter(check);
        });

        // An unreadable body reaches the exception handler (as in Development), which answers it as a problem saying what to fix.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<UnreadableRequestProblems>();
        return builder;
    }
}
