using Microsoft.Extensions.Options;

namespace OnlineGroup.Server.Hosting;

public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Origins (scheme://host[:port]) other than the server's own that may open the chat from a browser.
    /// CORS does not protect WebSockets, so the hub checks the Origin header itself.
    /// </summary>
    public IReadOnlyList<string> AllowedOrigins { get; set; } = [];
}

/// <summary>
/// Refuses a browser's negotiate or WebSocket upgrade to the hub from a page on another origin, so a
/// hostile site cannot ride on a signed-in young person's browser. Clients that send no Origin
/// (the .NET client, server-to-server) are unaffected; authentication still applies to them.
/// </summary>
public static partial class OriginAllowList
{
    public static WebApplication UseOriginAllowList(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptionsMonitor<SecurityOptions>>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OriginAllowList));
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/hubs", StringComparison.Ordinal)
                && context.Request.Headers.Origin is { Count: > 0 } origin
                && !IsAllowed(origin.ToString(), context.Request, options.CurrentValue.AllowedOrigins))
            {
                LogRefused(logger, context.Request.Path, origin.ToString().Length);
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsJsonAsync(new
                {
                    type = "https://tools.ietf.org/html/rfc9110#section-15.5.4",
                    title = "Not allowed",
                    status = 403,
                    detail = "This page's origin may not open the chat. Use OnlineGroup's own pages, or ask the operator to add the origin to Security:AllowedOrigins.",
                }, context.RequestAborted);
                return;
            }

            await next();
        });
        return app;
    }

    internal static bool IsAllowed(string origin, HttpRequest request, IReadOnlyList<string> allowed)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var own = $"{request.Scheme}://{request.Host.Value}";
        if (string.Equals(uri.GetLeftPart(UriPartial.Authority), own, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return allowed.Any(a => string.Equals(a.TrimEnd('/'), uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase));
    }

    [LoggerMessage(3001, LogLevel.Warning, "Refused a cross-origin request to {Path} (origin of {Length} chars)")]
    private static partial void LogRefused(ILogger logger, string path, int length);
}
