namespace Discret.Web.Security;

/// <summary>RFC 7807 answers of the API, in French.</summary>
public static class ApiProblems
{
    /// <summary>404 "Introuvable" — or 409 with the reason when this request reached the file and its state refused (<see cref="FileStateAnswer"/>).</summary>
    public static IResult NotFound() => new FileStateAnswer();

    public static IResult Validation(IDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors, title: "Données invalides", detail: "Corrigez les champs signalés.");

}
