using Discret.Domain.Retention;
using Discret.Web.Security;
using Discret.Web.Shared;
using Discret.Web.Shared.Idempotency;

namespace Discret.Web.Features.Conservation;

/// <summary>Legal holds through the API, on the same use case as the pages (DPO only; every other account: 404).</summary>
public static class LegalHoldsApi
{
    /// <summary>Un gel de la suppression des données d'une personne (DPO) : contentieux, recours, demande de la personne, réquisition.</summary>
    /// <param name="PersonId">Identifiant (UUID) du dossier de la personne, en texte. Obligatoire.</param>
    /// <param name="Reason">Motif du gel. Obligatoire.</param>
    /// <param name="Details">Référence de l'affaire : 500 caractères au plus ; passe la garde de sobriété. Facultative.</param>
    /// <param name="From">Premier jour du gel, en texte : AAAA-MM-JJ (JJ/MM/AAAA est aussi lu) ; absent : aujourd'hui (Paris).</param>
    /// <param name="Until">Dernier jour du gel, en texte, même format : après from, 60 mois au plus après. Obligatoire.</param>
    /// <param name="ConfirmWarnings">true pour enregistrer malgré les mots à relire signalés par la garde de sobriété (santé, jugement, catégories particulières de l'art. 9 RGPD, infractions) ; absent ou false : ils sont refusés (400) avec leur message. Un identifiant (NIR, numéro CAF, IBAN…) est refusé dans tous les cas.</param>
    public sealed record SetBody(string? PersonId, HoldReason? Reason, string? Details, string? From, string? Until, bool ConfirmWarnings = false);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/conservation/gels", async (SetBody body, LegalHolds holds, HttpContext http) =>
        {
            var result = await holds.SetAsync(http.User, new LegalHolds.Request(body.PersonId, body.Reason, body.Details, body.From, body.Until,
                body.ConfirmWarnings), http.RequestAborted);
            // The form names the file's reference PersonReference; the body names it personId.
            if (result.Status == ResultStatus.Invalid)
                result = Result.Invalid(result.Errors.ToDictionary(e => e.Key == nameof(LegalHolds.Request.PersonReference) ? nameof(SetBody.PersonId) : e.Key, e => e.Value));
            return result.ToHttp(holdId => Results.Created($"/conservation/gels/{holdId}", new CreatedId(holdId)));
        }).RequireAuthorization(Policies.Retention).Idempotent()
          .WithSummary("Gèle la suppression des données d'une personne (DPO) : personId (référence du dossier), reason (Contentieux, RecoursOuReclamation, "
                       + "DemandeDeLaPersonne, RequisitionJudiciaire), details (référence de l'affaire, 500 caractères, garde de sobriété), from (AAAA-MM-JJ, "
                       + "aujourd'hui par défaut), until (après from, 60 mois au plus). 201 ; 400 ; 404 pour tout autre compte.")
            .Produces<CreatedId>(StatusCodes.Status201Created);
    }
}
