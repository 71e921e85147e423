using Microsoft.Extensions.Options;
using OnlineGroup.Server.Chat;

namespace OnlineGroup.Server.Moderation;

public static class ModerationExtensions
{
    /// <summary>Moderators' tools: pause, slow mode, mutes, removals, premoderation, the backchannel, talk balance and the per-person hub rate limit.</summary>
    public static WebApplicationBuilder AddModeration(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ChatRateLimitOptions>().BindConfiguration(ChatRateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Real time, not the app's TimeProvider: see HubRateLimiter.
        services.AddSingleton(sp => new HubRateLimiter(sp.GetRequiredService<IOptions<ChatRateLimitOptions>>(), TimeProvider.System));
        services.AddChatHubFilter<HubRateLimitFilter>();

        services.AddSingleton<ModerationState>();
        services.AddSingleton<IGroupModeration>(sp => sp.GetRequiredService<ModerationState>());
        services.AddSingleton<ModerationAccess>();
        services.AddSingleton<GroupControls>();
        services.AddSingleton<MessageModeration>();
        services.AddSingleton<MemberModeration>();
        services.AddSingleton<Backchannel>();
        services.AddSingleton<TalkBalance>();

        // In this order, after the Chat feature's rules: slow mode last, so only a send that passes the rest starts the wait.
        services.AddSingleton<ISendRule, RemovedFromSessionRule>();
        services.AddSingleton<ISendRule, PausedRule>();
        services.AddSingleton<ISendRule, MutedRule>();
        services.AddSingleton<ISendRule, SlowModeRule>();
        services.AddSingleton<IAdmissionRule, RemovedFromSessionAdmission>();

        services.AddSingleton<PauseCondition>();
        services.AddSingleton<IGateCondition>(sp => sp.GetRequiredService<PauseCondition>());
        DecorateGate(services);
        return builder;
    }

    /// <summary>
    /// Until the Schedule feature's gate (which asks every <see cref="IGateCondition"/>) replaces the
    /// interim one, wraps the gate registered so far so that a paused group reports <c>paused</c>.
    /// Nothing to wrap when the gate is registered later; then it asks <see cref="PauseCondition"/> itself.
    /// </summary>
    private static void DecorateGate(IServiceCollection services)
    {
        if (services.LastOrDefault(d => d.ServiceType == typeof(IGroupGate)) is not { } inner)
        {
            return;
        }

        services.Remove(inner);
        services.AddSingleton<IGroupGate>(sp => new PauseAwareGate(Resolve(sp, inner), sp.GetRequiredService<PauseCondition>()));
    }

    private static IGroupGate Resolve(IServiceProvider sp, ServiceDescriptor d) => (IGroupGate)(
        d.ImplementationInstance
        ?? d.ImplementationFactory?.Invoke(sp)
        ?? ActivatorUtilities.GetServiceOrCreateInstance(sp, d.ImplementationType!));
}
