namespace Discret.Web.Security;

/// <summary>RFC 7807 answers of the API, in French.</summary>
public static class ApiProblems
{
    public static IResult NotFound() =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Introuvable", detail: "La ressource demandée n'existe pas.");

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "Données invalides", detail: "Corrigez les champs signalés.");

}
