using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OnlineGroup.IntegrationTests.Infrastructure;
using OnlineGroup.Server.Chat;

namespace OnlineGroup.IntegrationTests.ScaleOut;

/// <summary>
/// Two instances of the server in one test process, each on its own Kestrel, sharing one PostgreSQL
/// database, one Redis and one clock (advance <see cref="Time"/> once for both).
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private Cluster(FakeTimeProvider time, OnlineGroupApp a, OnlineGroupApp b, Dictionary<string, string?> settings)
    {
        Time = time;
        A = a;
        B = b;
        Settings = settings;
    }

    private bool _aStopped;

    public FakeTimeProvider Time { get; }

    public OnlineGroupApp A { get; }

    public OnlineGroupApp B { get; }

    public Dictionary<string, string?> Settings { get; }

    /// <param name="services">Test overrides of both instances' services (e.g. the deterministic safeguarding scanner).</param>
    public static async Task<Cluster> StartAsync(IDictionary<string, string?>? extra = null, DateTimeOffset? now = null,
        Action<IServiceCollection>? services = null)
    {
        var time = new FakeTimeProvider(now ?? DateTimeOffset.UtcNow);
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = await TestServices.NewPostgresDatabaseAsync(),
            ["ConnectionStrings:Redis"] = TestServices.Redis,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        // One after the other: the first creates the schema, the second finds it there (as a rolling start would).
        var a = new OnlineGroupApp(time, settings: settings, services: services);
        _ = a.BaseAddress;
        var b = new OnlineGroupApp(time, settings: settings, services: services);
        _ = b.BaseAddress;
        return new Cluster(time, a, b, settings);
    }

    /// <summary>Waits until the gate on <paramref name="app"/> counts <paramref name="count"/> moderators in the group, wherever they are connected.</summary>
    public static async Task ModeratorsPresentAsync(OnlineGroupApp app, string groupId, int count)
    {
        var registry = app.Services.GetRequiredService<ConnectionRegistry>();
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(string changed)
        {
            if (registry.ModeratorsPresent(groupId) == count)
            {
                reached.TrySetResult();
            }
        }

        registry.PresenceChanged += Check;
        try
        {
            Check(groupId);
            await reached.Task.WaitAsync(ChatClient.Patience);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The instance counted {registry.ModeratorsPresent(groupId)} moderators in the group, not {count}.");
        }
        finally
        {
            registry.PresenceChanged -= Check;
        }
    }

    /// <summary>Stops instance A (as an operator or a failure would); B carries on.</summary>
    public async Task StopAAsync()
    {
        await A.DisposeAsync();
        _aStopped = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_aStopped)
        {
            await A.DisposeAsync();
        }

        await B.DisposeAsync();
    }
}
