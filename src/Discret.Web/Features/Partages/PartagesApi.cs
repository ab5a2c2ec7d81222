using Discret.Web.Security;

namespace Discret.Web.Features.Partages;

/// <summary>
/// Consents to sharing and sharings, on the same use cases as the pages: the social worker assigned to the person
/// (write on the group « Accords de partage et partages »); every other account gets 404, as if the person had none.
/// </summary>
public static class PartagesApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var consents = api.MapGroup("/personnes/{id:guid}/accords-de-partage").RequireAuthorization(Policies.PersonFiles);

        api.MapPost("/personnes/{id:guid}/accords-de-partage", async (Guid id, Consents.Request request, Consents use, HttpContext http) =>
        {
            var outcome = await use.RecordAsync(http.User, id, request, http.RequestAborted);
            return outcome.Status switch
            {
                Consents.Status.Done => Results.Created($"/api/v1/personnes/{id}", new { id = outcome.Id }),
                Consents.Status.NotFound => ApiProblems.NotFound(),
                _ => ApiProblems.Validation(outcome.Errors, formLevelKey: "request"),
            };
        }).WithSummary("Enregistre l'accord de la personne à un partage : type de partenaire (partner) et nom de l'organisme (partnerName, "
                       + "garde de sobriété), objet (purpose), catégories de données (categories), forme (form : Ecrit ou Oral), date (givenOn) "
                       + "et fin de validité (validUntil, 12 mois au plus ; 12 mois si absente). Travailleur social de l'accompagnement.")
          .RequireAuthorization(Policies.PersonFiles);

        consents.MapPost("/{consentId:guid}/retrait", async (Guid id, Guid consentId, Consents use, HttpContext http) =>
        {
            var outcome = await use.WithdrawAsync(http.User, id, consentId, http.RequestAborted);
            return outcome.Status switch
            {
                Consents.Status.Done => Results.NoContent(),
                Consents.Status.AlreadyWithdrawn => ApiProblems.Conflict(outcome.Message!),
                _ => ApiProblems.NotFound(),
            };
        }).WithSummary("Enregistre le retrait de l'accord, à la date du jour ; aucun partage n'est plus possible sous cet accord.");

        consents.MapPost("/{consentId:guid}/partages", async (Guid id, Guid consentId, SharingDisclosure.Request request, SharingDisclosure use, HttpContext http) =>
        {
            var outcome = await use.ShareAsync(http.User, id, consentId, request, http.RequestAborted);
            return outcome.Status switch
            {
                SharingDisclosure.Status.Shared => Results.File(outcome.Pdf!, "application/pdf", outcome.FileName),
                SharingDisclosure.Status.NotFound => ApiProblems.NotFound(),
                SharingDisclosure.Status.Invalid => ApiProblems.Validation(outcome.Errors, formLevelKey: "request"),
                _ => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Partage refusé", detail: outcome.Message),
            };
        }).WithSummary("Partage sous un accord valable ce jour les catégories choisies (categories), parmi celles que l'accord couvre : "
                       + "renvoie la fiche PDF « Informations transmises à … », enregistrée au registre des partages et tracée. "
                       + "400 « Partage refusé » si l'accord est retiré, expiré ou ne couvre pas une catégorie (refus tracé).");
    }
}
