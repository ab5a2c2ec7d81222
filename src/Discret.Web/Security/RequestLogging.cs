using System.Diagnostics;

namespace Discret.Web.Security;

/// <summary>
/// One log line per request: method, route path, status and duration. Never the query string, form values,
/// headers or anything typed by a user — paths in Discret carry opaque identifiers only.
/// </summary>
public static partial class RequestLogging
{
    public static IApplicationBuilder UseDiscretRequestLogging(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var started = Stopwatch.GetTimestamp();
        try { await next(); }
        finally
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Discret.Requests");
            Log(logger, context.Request.Method, context.Request.Path.Value ?? "/", context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    });

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} → {Status} en {Elapsed:0} ms")]
    private static partial void Log(ILogger logger, string method, string path, int status, double elapsed);
}
