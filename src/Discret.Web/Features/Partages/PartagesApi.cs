using Discret.Web.Security;
using Discret.Web.Shared;
using Discret.Web.Shared.Idempotency;

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

        api.MapPost("/personnes/{id:guid}/accords-de-partage", async (Guid id, PersonAccessView? file, Consents.Request request, Consents use, CancellationToken ct) =>
            (await use.RecordAsync(file, request, ct)).ToHttp(consentId => Results.Created($"/api/v1/personnes/{id}", new CreatedId(consentId)))).Idempotent()
            .WithSummary("Enregistre l'accord de la personne à un partage : type de partenaire (partner) et nom de l'organisme (partnerName, "
                       + "garde de sobriété), objet (purpose), catégories de données (categories), forme (form : Ecrit ou Oral), date (givenOn) "
                       + "et fin de validité (validUntil, 12 mois au plus ; 12 mois si absente). Travailleur social de l'accompagnement.")
          .RequireAuthorization(Policies.PersonFiles)
            .Produces<CreatedId>(StatusCodes.Status201Created);

        consents.MapPost("/{consentId:guid}/retrait", async (PersonAccessView? file, Guid consentId, Consents use, CancellationToken ct) =>
            (await use.WithdrawAsync(file, consentId, ct)).ToHttp(Results.NoContent))
            .WithSummary("Enregistre le retrait de l'accord, à la date du jour ; aucun partage n'est plus possible sous cet accord.")
            .Produces(StatusCodes.Status204NoContent);

        consents.MapPost("/{consentId:guid}/partages", async (PersonAccessView? file, Guid consentId, SharingDisclosure.Request request, SharingDisclosure use, CancellationToken ct) =>
            (await use.ShareAsync(file, consentId, request, ct)).ToHttp(sheet => Results.File(sheet.Pdf, "application/pdf", sheet.FileName))).Idempotent()
            .WithSummary("Partage sous un accord valable ce jour les catégories choisies (categories), parmi celles que l'accord couvre : "
                       + "renvoie la fiche PDF « Informations transmises à … », enregistrée au registre des partages et tracée. "
                       + "400 « Partage refusé » si l'accord est retiré, expiré ou ne couvre pas une catégorie (refus tracé).")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf");
    }
}
