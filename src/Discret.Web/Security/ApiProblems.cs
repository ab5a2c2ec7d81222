namespace Discret.Web.Security;

/// <summary>RFC 7807 answers of the API, in French.</summary>
public static class ApiProblems
{
    public static IResult NotFound() =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Introuvable", detail: "La ressource demandée n'existe pas.");

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "Données invalides", detail: "Corrigez les champs signalés.");

    /// <summary>
    /// A use case's French errors keyed by field ("BirthName") as a problem keyed like the JSON body ("birthName");
    /// form-level errors (key "") go under <paramref name="formLevelKey"/>.
    /// </summary>
    public static IResult Validation(IReadOnlyDictionary<string, string> fieldErrors, string formLevelKey) =>
        Validation(fieldErrors.ToDictionary(e => e.Key.Length == 0 ? formLevelKey : char.ToLowerInvariant(e.Key[0]) + e.Key[1..], e => new[] { e.Value }));

    public static IResult Conflict(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflit", detail: detail);
}
