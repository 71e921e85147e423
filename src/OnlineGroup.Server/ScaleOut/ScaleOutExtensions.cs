using System.ComponentModel.DataAnnotations;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Moderation;
using StackExchange.Redis;

namespace OnlineGroup.Server.ScaleOut;

public static class ScaleOutExtensions
{
    /// <summary>
    /// With <c>ConnectionStrings:Redis</c> set, the state that decides behaviour and used to live in one
    /// process is shared through Redis: moderator presence (for the gate), invalidation of the moderation
    /// cache (pause, slow mode, mutes, removals) and slow mode's last-send times. Without it, nothing changes:
    /// one instance. Call after AddModeration.
    /// </summary>
    public static WebApplicationBuilder AddScaleOut(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetConnectionString("Redis") is not { Length: > 0 } redis)
        {
            return builder;
        }

        var services = builder.Services;
        services.AddOptions<ScaleOutOptions>().BindConfiguration(ScaleOutOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(redis));
        services.AddSingleton(new ScaleOutInstance(Guid.NewGuid().ToString("N")));
        services.AddSingleton<RedisPresence>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisPresence>());
        services.AddSingleton<RedisInvalidation>();
        services.AddHostedService(sp => sp.GetRequiredService<RedisInvalidation>());

        // Every instance drops its copy of a group's moderation state when any instance changes it.
        services.AddSingleton<IGroupModeration>(sp => new SharedModeration(
            sp.GetRequiredService<ModerationState>(), sp.GetRequiredService<RedisInvalidation>()));

        // Slow mode's last-send times in Redis, in the local rule's own place among the send rules (it must
        // stay last of the moderation rules); the local rule stays as the fallback while Redis is away.
        var slowMode = services.Single(d => d.ServiceType == typeof(ISendRule) && d.ImplementationType == typeof(SlowModeRule));
        services[services.IndexOf(slowMode)] = ServiceDescriptor.Singleton<ISendRule, RedisSlowModeRule>();
        services.AddSingleton<SlowModeRule>();
        return builder;
    }
}

/// <summary>This process among the instances sharing one Redis: a fresh id on every start.</summary>
public sealed record ScaleOutInstance(string Id);

/// <summary><c>ScaleOut</c>: how often an instance says it is alive, and how long the others believe it without hearing again.</summary>
public sealed class ScaleOutOptions
{
    public const string Section = "ScaleOut";

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "ScaleOut:Heartbeat must be between 00:00:01 and 00:10:00 (default 00:00:05).")]
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:02", "01:00:00", ErrorMessage = "ScaleOut:InstanceExpiry must be between 00:00:02 and 01:00:00 (default 00:00:20), and longer than ScaleOut:Heartbeat.")]
    public TimeSpan InstanceExpiry { get; set; } = TimeSpan.FromSeconds(20);
}
