using System.Collections.Concurrent;
using Discret.Tests.Support;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Discret.Tests.Fuzz;

/// <summary>
/// The application the fuzz runs against. Requests are not logged (a line per request costs more than the request;
/// errors still are), and the exception behind each 500 is noted by the request's <see cref="CaseHeader"/>: its type and
/// the first frame in Discret's code, to say where a failure comes from (never its message, which may quote the input).
/// </summary>
public sealed class FuzzFactory : DiscretFactory
{
    public const string CaseHeader = "X-Fuzz-Case";

    public ConcurrentDictionary<string, string> ServerExceptions { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(l => l.AddFilter("Discret.Requests", LogLevel.Warning).AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning));
        builder.ConfigureServices(s => s.AddSingleton<IExceptionHandler>(new Witness(ServerExceptions)));
    }

    /// <summary>Notes the exception and leaves the answer to the application's own handler.</summary>
    private sealed class Witness(ConcurrentDictionary<string, string> seen) : IExceptionHandler
    {
        public ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
        {
            if (http.Request.Headers[CaseHeader].ToString() is { Length: > 0 } id)
            {
                var frame = exception.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("Discret.", StringComparison.Ordinal)) ?? "";
                seen[id] = $"{exception.GetType().Name} {frame.Split(" in ")[0]}";
                // To investigate one failure on one's own machine: the whole exception, message included, in a local file.
                if (Environment.GetEnvironmentVariable("DISCRET_FUZZ_TRACE_FILE") is { Length: > 0 } trace)
                    lock (seen) File.AppendAllText(trace, $"== {id}\n{exception}\n");
            }
            return ValueTask.FromResult(false);
        }
    }
}
