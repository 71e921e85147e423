using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OnlineGroup.Server.Groups;
using OnlineGroup.Server.Safeguarding;

namespace OnlineGroup.Server.Chat;

public static class ChatExtensions
{
    public static WebApplicationBuilder AddChat(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var signalR = services.AddSignalR(o =>
        {
            // Detailed errors would show exception text to clients; only while developing.
            o.EnableDetailedErrors = builder.Environment.IsDevelopment();
            o.MaximumReceiveMessageSize = 32 * 1024;
        });
        if (builder.Configuration.GetConnectionString("Redis") is { Length: > 0 } redis)
        {
            // Several instances: every broadcast goes through Redis so each instance's clients get it.
            signalR.AddStackExchangeRedis(redis, o => o.Configuration.ChannelPrefix = StackExchange.Redis.RedisChannel.Literal("onlinegroup"));
        }

        services.AddMemoryCache();
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<GroupDirectory>();
        services.AddSingleton<BroadcastLanes>();
        services.AddHostedService(sp => sp.GetRequiredService<BroadcastLanes>());
        services.AddSingleton<ChatMetrics>();
        services.AddSingleton<MessageWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<MessageWriter>());
        services.AddSingleton<MessageService>();
        services.AddSingleton<Admission>();
        services.AddSingleton<ISendRule, OpenGroupRule>();
        services.TryAddSingleton<ISafeguardingScanner, PassThroughScanner>();
        return builder;
    }

    /// <summary>
    /// Runs <typeparamref name="TFilter"/>, a DI singleton, on every call to the chat hub. Added as the instance,
    /// not with <c>AddFilter&lt;T&gt;()</c>: SignalR wraps a filter added by type in an async method that looks it
    /// up on every call, a state machine per filter per hub call (the largest single item of the light load's
    /// garbage after strings and buffers). SignalR's per-hub options set-up is registered too: without it the
    /// hub runs on the global options, and no filter added here would run.
    /// </summary>
    public static IServiceCollection AddChatHubFilter<TFilter>(this IServiceCollection services)
        where TFilter : class, IHubFilter
    {
        services.TryAddSingleton<TFilter>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<HubOptions<ChatHub>>, HubOptionsSetup<ChatHub>>());
        services.AddOptions<HubOptions<ChatHub>>().Configure<TFilter>((o, filter) => o.AddFilter(filter));
        return services;
    }

    public static IEndpointRouteBuilder MapChat(this IEndpointRouteBuilder app)
    {
        // A connection ends when its token expires: a revoked or lapsed sign-in does not linger.
        app.MapHub<ChatHub>("/hubs/chat", o => o.CloseOnAuthenticationExpiration = true);
        return app;
    }

    /// <summary>Until detection rules are configured, every message is allowed (the seam the Safeguarding feature fills).</summary>
    private sealed class PassThroughScanner : ISafeguardingScanner
    {
        public ScanResult Scan(string text) => ScanResult.Allowed;
    }
}
