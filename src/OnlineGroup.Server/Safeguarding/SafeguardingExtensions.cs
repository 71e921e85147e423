using Microsoft.Extensions.Options;
using OnlineGroup.Server.Chat;

namespace OnlineGroup.Server.Safeguarding;

public static class SafeguardingExtensions
{
    /// <summary>Concerns and their routing, the outbox and its webhook client, deadlines, support contacts.</summary>
    public static WebApplicationBuilder AddSafeguarding(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SafeguardingOptions>().BindConfiguration(SafeguardingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // SupportContacts is a list at the root of the configuration, so it is bound by hand; without one, the UK defaults.
        services.AddOptions<SupportContactsOptions>()
            .Configure<IConfiguration>((o, config) => o.Contacts = config.GetSection(SupportContactsOptions.Section).Get<List<SupportContactSetting>>()
                is { Count: > 0 } configured ? configured : [.. SupportContactsOptions.UkDefaults])
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddSingleton<RecentMessages>();
        services.AddSingleton<ConcernAudience>();
        services.AddSingleton<IConnectionObserver>(sp => sp.GetRequiredService<ConcernAudience>());
        services.AddSingleton<ConcernService>();
        services.AddSingleton<IMessageObserver, RecentMessagesObserver>();
        services.AddSingleton<IMessageObserver, ConcernObserver>();

        services.AddHttpClient<WebhookClient>(c => c.Timeout = Timeout.InfiniteTimeSpan) // the pipeline's own timeouts govern
            .AddResilienceHandler(WebhookResilience.PipelineName, (pipeline, context) =>
                WebhookResilience.Configure(pipeline, context.ServiceProvider.GetRequiredService<IOptions<WebhookOptions>>().Value));
        services.AddSingleton<ConcernOutbox>();
        services.AddHostedService(sp => sp.GetRequiredService<ConcernOutbox>());
        services.AddHostedService<ConcernDeadlines>();
        services.AddHostedService<SupportContactsCheck>();
        return builder;
    }

    public static IEndpointRouteBuilder MapSafeguarding(this IEndpointRouteBuilder app)
    {
        app.MapConcerns();
        return app;
    }

    /// <summary>Says at start when the shipped UK support contacts have not been reviewed for this service.</summary>
    private sealed class SupportContactsCheck(IOptions<SupportContactsOptions> contacts, ILogger<SupportContactsOptions> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (contacts.Value.StillUkDefaults)
            {
                SafeguardingLog.SupportContactsAreDefaults(logger);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
