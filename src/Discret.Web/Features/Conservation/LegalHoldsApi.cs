using Discret.Domain.Retention;
using Discret.Web.Security;
using Discret.Web.Shared;
using Discret.Web.Shared.Idempotency;

namespace Discret.Web.Features.Conservation;

/// <summary>Legal holds through the API, on the same use case as the pages (DPO only; every other account: 404).</summary>
public static class LegalHoldsApi
{
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
