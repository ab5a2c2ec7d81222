using Discret.Web.Features.Journal;
using Microsoft.AspNetCore.Diagnostics;

namespace Discret.Web.Shared;

/// <summary>
/// Errors never show a stack trace: pages re-execute a French error page, the API answers an RFC 7807
/// problem in French. The exception itself is logged by type only (<see cref="ErrorKinds"/>) — its message may quote user
/// input or SQL — with the request's reference, which the page and the problem show so that a report leads to the log line.
/// </summary>
public static partial class ErrorPages
{
    public static IApplicationBuilder UseDiscretErrorPages(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            SuppressDiagnosticsCallback = _ => true,
            ExceptionHandler = async context =>
            {
                var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Discret.Errors");
                var reference = context.TraceIdentifier;
                LogFailure(logger, error is null ? "unknown" : ErrorKinds.Describe(error), context.Request.Method, context.Request.Path.Value ?? "/", reference);
                if (error is not null) StorageFailures.ForgetBrokenConnections(error);
                var journalDown = error is JournalUnavailableException;
                var storageDown = !journalDown && error is not null && StorageFailures.IsStorageUnavailable(error);
                // A body the framework cannot read (a form with a NUL character, a truncated multipart) is the request's fault.
                var malformed = error is InvalidDataException;
                var (status, title, message) = journalDown ? (StatusCodes.Status503ServiceUnavailable, ProblemType.JournalUnavailable.Title, JournalUnavailableException.Message)
                    : storageDown ? (StatusCodes.Status503ServiceUnavailable, ProblemType.StorageUnavailable.Title, StorageFailures.Message)
                    : malformed ? (StatusCodes.Status400BadRequest, ProblemType.MalformedRequest.Title, MalformedMessage)
                    : (StatusCodes.Status500InternalServerError, ProblemType.InternalError.Title, GenericMessage);
                context.Response.StatusCode = status;
                if (status == StatusCodes.Status503ServiceUnavailable) context.Response.Headers.RetryAfter = "5";
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    await Results.Problem(statusCode: status, title: title, detail: message,
                        extensions: new Dictionary<string, object?> { ["reference"] = reference }).ExecuteAsync(context);
                    return;
                }
                context.Response.ContentType = "text/html; charset=utf-8";
                var page = StaticErrorPage.Replace(GenericMessage, message).Replace("{reference}", reference);
                if (malformed || storageDown) page = page.Replace("Une erreur est survenue", title);
                await context.Response.WriteAsync(page);
            },
        });
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), branch => branch.UseStatusCodePagesWithReExecute("/statut/{0}"));
        // On the API, an error status without a body (malformed JSON, unknown route) becomes a French problem document.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), branch => branch.UseStatusCodePages());
        return app;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled {ExceptionType} on {Method} {Path} [réf. {Reference}]")]
    private static partial void LogFailure(ILogger logger, string exceptionType, string method, string path, string reference);

    private const string MalformedMessage = "La demande envoyée n'a pas pu être lue (caractère non autorisé ou envoi incomplet) et rien n'a été enregistré. Corrigez la saisie et recommencez.";

    private const string GenericMessage = "L'opération n'a pas abouti et rien n'a été enregistré. Réessayez ; si l'erreur persiste, prévenez l'administrateur.";

    private const string StaticErrorPage = """
        <!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Erreur — Discret</title>
        <link rel="stylesheet" href="/lib/bootstrap/bootstrap.min.css"></head>
        <body><main class="container py-5"><h1>Une erreur est survenue</h1>
        <p>L'opération n'a pas abouti et rien n'a été enregistré. Réessayez ; si l'erreur persiste, prévenez l'administrateur.</p>
        <p>Référence de l'erreur à lui communiquer : <strong>{reference}</strong></p>
        <p><a href="/">Retour à l'accueil</a></p></main></body></html>
        """;
}
