using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace OnlineGroup.Server.Security;

/// <summary><c>Security:MaxRequestBodyKiB</c>: the largest body a REST call (under /api) may send.</summary>
public sealed class RequestLimitOptions
{
    public const string Section = "Security";

    [Range(1, 1024 * 1024, ErrorMessage = "Security:MaxRequestBodyKiB must be a whole number of KiB, at least 1 (the default 64 fits every JSON call).")]
    public int MaxRequestBodyKiB { get; set; } = 64;

    public long MaxRequestBodyBytes => MaxRequestBodyKiB * 1024L;
}

/// <summary>
/// Bodies of REST calls: anything over the limit is refused before it is read (413), and a body that
/// cannot be read — not JSON, the wrong content type, a value of the wrong type — is answered with a
/// problem saying what to fix (never a stack trace, never the body's own words).
/// </summary>
public static class RequestLimits
{
    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<RequestLimitOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestLimits));
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                var limit = options.MaxRequestBodyBytes;
                if (context.Request.ContentLength > limit)
                {
                    SecurityLog.BodyTooLarge(logger, context.Request.Method, context.Request.Path, context.Request.ContentLength.Value, limit);
                    await WriteProblemAsync(context, StatusCodes.Status413PayloadTooLarge, "The request is too large", TooLarge(options));
                    return;
                }

                if (HasBody(context.Request) && !context.Request.HasJsonContentType())
                {
                    SecurityLog.BadRequest(logger, context.Request.Method, context.Request.Path, StatusCodes.Status415UnsupportedMediaType, "not JSON");
                    await WriteProblemAsync(context, StatusCodes.Status415UnsupportedMediaType, "The body is not JSON", NotJson(context.Request.ContentType));
                    return;
                }

                // A body without a length (chunked) is cut off by the server at the same limit.
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                {
                    size.MaxRequestBodySize = limit;
                }
            }

            await next(context);
        });
        return app;
    }

    /// <summary>Every REST call takes JSON: a body of any other type is refused before an endpoint sees it.</summary>
    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    internal static string NotJson(string? contentType) =>
        $"Send the body as JSON with the header Content-Type: application/json (this request said {(string.IsNullOrEmpty(contentType) ? "no content type" : contentType.Split(';')[0].Trim())}).";

    internal static string TooLarge(RequestLimitOptions options) =>
        $"The body is larger than the {options.MaxRequestBodyKiB} KiB this server accepts for a request. Send less (a message is at most {ChatLimits.MaxTextLength} characters).";

    internal static async Task WriteProblemAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}

/// <summary>Turns a request the endpoint could not read (<see cref="BadHttpRequestException"/>) into a problem whose detail says what to fix.</summary>
public sealed class UnreadableRequestProblems(IOptions<RequestLimitOptions> options, ILogger<UnreadableRequestProblems> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
        {
            return false;
        }

        var (title, detail) = bad.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => ("The request is too large", RequestLimits.TooLarge(options.Value)),
            StatusCodes.Status415UnsupportedMediaType => ("The body is not JSON", RequestLimits.NotJson(httpContext.Request.ContentType)),
            _ when bad.InnerException is JsonException json => ("The body is not valid JSON", Describe(json)),
            _ => ("The request cannot be used as it is", bad.Message),
        };
        SecurityLog.BadRequest(logger, httpContext.Request.Method, httpContext.Request.Path, bad.StatusCode, title);
        await RequestLimits.WriteProblemAsync(httpContext, bad.StatusCode, title, detail);
        return true;
    }

    /// <summary>Where the JSON went wrong (a path such as <c>$.capacity</c>), without quoting the body.</summary>
    private static string Describe(JsonException json)
    {
        var path = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? null : json.Path;
        var where = json.LineNumber is { } line && json.BytePositionInLine is { } position
            ? $" (line {line + 1}, position {position + 1})"
            : "";
        return path is null
            ? $"The body is not valid JSON{where}: check it is complete and well formed, then send it again."
            : $"The body is not valid JSON for this request at {path}{where}: that value is malformed or of the wrong type (text, a number, a list or an object) for '{path[(path.LastIndexOf('.') + 1)..]}'.";
    }
}
