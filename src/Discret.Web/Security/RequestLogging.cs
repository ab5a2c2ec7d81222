using System.Diagnostics;
using System.Security.Cryptography;

namespace Discret.Web.Security;

/// <summary>
/// One log line per request: method, route path, the status the client really received, duration and the request's
/// reference (also sent as <c>X-Request-Id</c> and shown on error pages, so that a user's report leads to its log line).
/// Never the query string, form values, headers or anything typed by a user — paths in Discret carry opaque identifiers only.
/// Registered first, so that it sees the status written by the error pages (an exception is logged as 500, not 200).
/// </summary>
public static partial class RequestLogging
{
    public const string ReferenceHeader = "X-Request-Id";

    public static IApplicationBuilder UseDiscretRequestLogging(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var started = Stopwatch.GetTimestamp();
        context.TraceIdentifier = NewReference();
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[ReferenceHeader] = context.TraceIdentifier;
            return Task.CompletedTask;
        });
        var escaped = false;
        try { await next(); }
        catch
        {
            escaped = true; // nothing handled it: the client gets a 500, or a cut connection if the answer had started
            throw;
        }
        finally
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Discret.Requests");
            Log(logger, context.Request.Method, context.Request.Path.Value ?? "/", escaped ? StatusCodes.Status500InternalServerError : context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, context.TraceIdentifier);
        }
    });

    /// <summary>Ten characters a person can read out on the phone (no 0/O, 1/I confusion).</summary>
    private static string NewReference() => RandomNumberGenerator.GetString("23456789ABCDEFGHJKLMNPQRSTUVWXYZ", 10);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} → {Status} en {Elapsed:0} ms [réf. {Reference}]")]
    private static partial void Log(ILogger logger, string method, string path, int status, double elapsed, string reference);
}
