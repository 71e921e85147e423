using System.Collections.Concurrent;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Serilog;
using Serilog.Events;

namespace OnlineGroup.Server.Hosting;

public static class HostingExtensions
{
    /// <summary>Serilog from configuration: console, and JSON files under logs/.</summary>
    public static WebApplicationBuilder AddLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, lc) => lc
            .ReadFrom.Configuration(services.GetRequiredService<IConfiguration>())
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            // Whatever levels an operator configures, two framework sources never reach the logs:
            // SignalR's dispatcher logs hub arguments (children's words) at Debug, and the hosting
            // diagnostics log full URLs (the hub's access_token) — the request logger replaces them.
            .Filter.ByExcluding(e => IsFrom(e, "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher") && e.Level < Serilog.Events.LogEventLevel.Information)
            .Filter.ByExcluding(e => IsFrom(e, "Microsoft.AspNetCore.Hosting.Diagnostics")),
            // Each host logs through its own logger, never the static Log.Logger: several hosts in one
            // process (the tests) would otherwise write into each other's files, and the first to stop
            // would silence the rest (Log.CloseAndFlush swaps in a no-op logger).
            preserveStaticLogger: true);
        OneLoggerPerCategory.Decorate(builder.Services);
        return builder;
    }

    /// <summary>
    /// Serilog's logger factory builds a new logger, with its own caches, on every <c>CreateLogger</c>.
    /// SignalR asks for three per connection and keeps them for the connection's life: 1.8 MB per
    /// 1,000 connections (gcdump). Microsoft's own factory keeps one per category; so does this.
    /// </summary>
    private sealed class OneLoggerPerCategory(ILoggerFactory inner) : ILoggerFactory
    {
        private readonly ConcurrentDictionary<string, Microsoft.Extensions.Logging.ILogger> _loggers = new(StringComparer.Ordinal);

        public static void Decorate(IServiceCollection services)
        {
            var original = services.Last(d => d.ServiceType == typeof(ILoggerFactory));
            services.Remove(original);
            services.AddSingleton<ILoggerFactory>(sp => new OneLoggerPerCategory(original switch
            {
                { ImplementationInstance: ILoggerFactory instance } => instance,
                { ImplementationFactory: { } create } => (ILoggerFactory)create(sp),
                _ => (ILoggerFactory)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!),
            }));
        }

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, inner.CreateLogger);

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
    }

    private static bool IsFrom(Serilog.Events.LogEvent e, string source) =>
        e.Properties.TryGetValue("SourceContext", out var value) && value is Serilog.Events.ScalarValue { Value: string s } && s == source;

    public static WebApplicationBuilder AddWebDefaults(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase)));
        builder.Services.TryAddTimeProvider();
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section);
        return builder;
    }

    private static void TryAddTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    public static WebApplication UseWebDefaults(this WebApplication app)
    {
        // Never log query strings: SignalR's WebSocket URL carries the access token.
        app.UseSerilogRequestLogging(o =>
        {
            o.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>(); // this host's logger (see AddLogging)
            o.GetMessageTemplateProperties = (http, path, elapsed, status) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(http.Request.Method)),
                new LogEventProperty("RequestPath", new ScalarValue(RedactPath(path))),
                new LogEventProperty("StatusCode", new ScalarValue(status)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
            ];
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseOriginAllowList();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>An invitation code in a path (GET /api/invitations/{code}) is a credential: log the route, not the code.</summary>
    private static string RedactPath(string path) =>
        path.StartsWith("/api/invitations/", StringComparison.OrdinalIgnoreCase) ? "/api/invitations/{code}" : path;

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        return app;
    }

    /// <summary>The pages: <c>/moderate</c> and <c>/safeguarding</c> are served from their HTML files.</summary>
    public static WebApplication MapPages(this WebApplication app)
    {
        app.MapGet("/moderate", () => Results.File("moderate.html", "text/html; charset=utf-8")).ExcludeFromDescription();
        app.MapGet("/safeguarding", () => Results.File("safeguarding.html", "text/html; charset=utf-8")).ExcludeFromDescription();
        return app;
    }

    /// <summary>Headers that keep pages from being framed, sniffed or leaking where a young person came from.</summary>
    private static void UseSecurityHeaders(this WebApplication app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers["X-Content-Type-Options"] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Frame-Options"] = "DENY";
        headers["Content-Security-Policy"] =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
            "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        await next();
    });
}
