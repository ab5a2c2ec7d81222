using Discret.Web.Shared;

namespace Discret.Web.Security;

/// <summary>
/// On the API, the answer "not found" (<see cref="ApiProblems.NotFound"/>, which every use case's
/// <see cref="Shared.ResultStatus.NotFound"/> becomes): a request refused on a file that the account does reach,
/// because of the file's state, answers 409 with the reason instead — the worker is told why, rather than that the file does not exist:
/// <list type="bullet">
/// <item>the person refused computerisation: the follow-up goes on on paper (any request);</item>
/// <item>the processing is limited at the person's request (art. 18): the file may be consulted, not modified nor
/// shared (requests that write; a read refused stays a 404).</item>
/// </list>
/// Accounts that do not reach the file still get a plain 404 (<see cref="PersonAccess"/> sets
/// <see cref="ReachedFileState"/> only for an access it grants).
/// </summary>
public sealed class FileStateAnswer : IResult
{
    public const string PaperOnlyTitle = "Dossier papier";
    public const string PaperOnlyMessage = "La personne a refusé l'informatisation de son dossier : accompagnement sur dossier papier.";
    public const string RestrictedTitle = "Traitement limité";

    public static string RestrictedMessage(DateOnly since) =>
        $"Le traitement de ce dossier est limité à la demande de la personne depuis le {ParisTime.Day(since)} "
        + "(RGPD, article 18) : il peut être consulté, mais rien ne peut y être modifié ni partagé tant que le délégué à la protection des données n'a pas levé la limitation.";

    /// <summary>
    /// A use case's refusal of a write that the file's state forbids (<see cref="PersonAccess.StateAllowsWrite"/>), with the
    /// reason: for a write whose caller reaches the appointment or the task but not always the file itself, and for pages,
    /// which show the message in their error summary rather than a 404.
    /// </summary>
    public static Failure Refused(DateOnly? paperOnlySince, DateOnly? restrictedSince) =>
        paperOnlySince is not null ? Result.Conflict(PaperOnlyMessage, PaperOnlyTitle)
        : restrictedSince is { } since ? Result.Conflict(RestrictedMessage(since), RestrictedTitle)
        : throw new InvalidOperationException("A file that is neither paper only nor limited refuses no write by its state.");

    public static Failure Refused(PersonAccessView file) => Refused(file.PaperOnlySince, file.RestrictedSince);

    public static IResult PaperOnly() => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: PaperOnlyTitle, detail: PaperOnlyMessage);

    public static IResult Restricted(DateOnly since) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: RestrictedTitle, detail: RestrictedMessage(since));

    /// <summary>Decided when the answer is written, once the request has resolved the files it touched.</summary>
    public Task ExecuteAsync(HttpContext http)
    {
        var file = http.RequestServices.GetRequiredService<ReachedFileState>();
        var answer = file.PaperOnlySince is not null ? PaperOnly()
            : file.RestrictedSince is { } since && !HttpMethods.IsGet(http.Request.Method) ? Restricted(since)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Introuvable", detail: "La ressource demandée n'existe pas.");
        return answer.ExecuteAsync(http);
    }
}
