namespace Discret.Web.Security;

/// <summary>
/// On the API: a request refused (404) on the file of a person who refused computerisation, by an account that does
/// reach the minimal record, answers 409 with the reason instead — the worker is told that the follow-up goes on on
/// paper, rather than that the file does not exist. Accounts that do not reach the file still get a plain 404
/// (<see cref="PersonAccess"/> sets <see cref="PaperOnlyFile"/> only for an access it grants).
/// </summary>
public sealed class PaperOnlyAnswer(PaperOnlyFile paperOnly) : IEndpointFilter
{
    public const string Title = "Dossier papier";
    public const string Message = "La personne a refusé l'informatisation de son dossier : accompagnement sur dossier papier.";

    public static IResult Conflict() => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: Title, detail: Message);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        return paperOnly.Since is not null && result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status404NotFound } ? Conflict() : result;
    }
}
