using Microsoft.EntityFrameworkCore;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Journey;

public static class JourneyExtensions
{
    /// <summary>Waiting list, aims and goals, check-ins and progress, exits and follow-ups.</summary>
    public static WebApplicationBuilder AddJourney(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JourneyOptions>().BindConfiguration(JourneyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SupportContacts>();
        services.AddSingleton<Waitlist>();
        services.AddSingleton<FollowUps>();
        services.AddSingleton<Exits>();
        services.AddHostedService<DefaultAimsBackfill>();
        return builder;
    }
}

/// <summary>
/// Groups made before aims existed (or by the demo seed) get the default aims once, after every other
/// service has started; new groups get them when they are created.
/// </summary>
internal sealed class DefaultAimsBackfill(IDbContextFactory<AppDbContext> contexts, TimeProvider time) : IHostedLifecycleService
{
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var without = await db.Groups.Where(g => !db.GroupAims.Any(a => a.GroupId == g.Id)).Select(g => g.Id).ToListAsync(cancellationToken);
        foreach (var groupId in without)
        {
            Aims.AddDefaults(db, groupId, time.GetUtcNow());
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
