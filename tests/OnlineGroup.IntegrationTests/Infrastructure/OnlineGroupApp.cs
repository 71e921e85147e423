using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace OnlineGroup.IntegrationTests.Infrastructure;

/// <summary>
/// The real server on real Kestrel (127.0.0.1, a free port) with its own SQLite file and a clock the
/// test controls. Two instances given the same <see cref="DataFolder"/> are the same server restarted.
/// </summary>
public sealed class OnlineGroupApp : WebApplicationFactory<Program>
{
    public const string AdminUsername = "admin";
    public const string AdminPassword = "admin-password-1";
    public const string SigningKey = "b25saW5lZ3JvdXAtdGVzdHMtc2lnbmluZy1rZXktMzItYnl0ZXMtbG9uZw==";

    private readonly Dictionary<string, string?> _settings;
    private readonly bool _kestrel;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="services">Test overrides of the server's services (e.g. a deterministic safeguarding scanner), applied last.</param>
    public OnlineGroupApp(FakeTimeProvider? time = null, string? dataFolder = null, IDictionary<string, string?>? settings = null, bool kestrel = true,
        Action<IServiceCollection>? services = null)
    {
        _services = services;
        Time = time ?? new FakeTimeProvider(DateTimeOffset.UtcNow);
        DataFolder = dataFolder ?? TestPaths.NewFolder("data");
        _kestrel = kestrel;
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(DataFolder, "onlinegroup.db")}",
            ["Auth:SigningKey"] = SigningKey,
            ["Bootstrap:AdminUsername"] = AdminUsername,
            ["Bootstrap:AdminPassword"] = AdminPassword,
            ["Demo:Seed"] = "false",
            ["Groups:RequireReadiness"] = "false",
            ["Serilog:MinimumLevel:Default"] = "Debug",
            ["Serilog:MinimumLevel:Override:Microsoft"] = "Warning",
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore.SignalR"] = "Debug",
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore.Http.Connections"] = "Debug",
            ["Serilog:Using:0"] = "Serilog.Sinks.File",
            ["Serilog:WriteTo:0:Name"] = "File",
            ["Serilog:WriteTo:0:Args:path"] = Path.Combine(TestPaths.LogsFolder, $"server-{Guid.NewGuid():N}.json"),
            ["Serilog:WriteTo:0:Args:formatter"] = "Serilog.Formatting.Compact.CompactJsonFormatter, Serilog.Formatting.Compact",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        if (kestrel)
        {
            UseKestrel(0);
        }
    }

    public FakeTimeProvider Time { get; }

    public string DataFolder { get; }

    public string DatabasePath => Path.Combine(DataFolder, "onlinegroup.db");

    /// <summary>Where Kestrel listens, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            if (!_kestrel)
            {
                return new Uri("http://localhost");
            }

            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Host settings reach Program before it builds (the database, keys); Serilog reads its
        // section later, and needs it as app configuration (host settings give its array entries
        // empty values, which it mistakes for sink names).
        foreach (var (key, value) in _settings.Where(s => !s.Key.StartsWith("Serilog:", StringComparison.Ordinal)))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(_settings.Where(s => s.Key.StartsWith("Serilog:", StringComparison.Ordinal))));

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            _services?.Invoke(services);
        });
    }

    public HttpClient Http(string? token = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = BaseAddress, AllowAutoRedirect = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>A real .NET SignalR client over WebSockets to this server (not yet started).</summary>
    public HubConnection Hub(string token, Action<IHubConnectionBuilder>? configure = null)
    {
        var url = new Uri(BaseAddress, "/hubs/chat");
        var builder = new HubConnectionBuilder().WithUrl(url, o =>
        {
            o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            if (_kestrel)
            {
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            }
            else
            {
                o.HttpMessageHandlerFactory = _ => Server.CreateHandler();
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
            }
        });
        configure?.Invoke(builder);
        return builder.Build();
    }
}

public static class TestPaths
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "onlinegroup-tests", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Every server log of this test run, read back by the log-hygiene test.</summary>
    public static string LogsFolder { get; } = Directory.CreateDirectory(
        Environment.GetEnvironmentVariable("OnlineGroupTests__Logs") ?? Path.Combine(Root, "logs")).FullName;

    public static string NewFolder(string kind) => Directory.CreateDirectory(Path.Combine(Root, kind + "-" + Guid.NewGuid().ToString("N")[..8])).FullName;
}
