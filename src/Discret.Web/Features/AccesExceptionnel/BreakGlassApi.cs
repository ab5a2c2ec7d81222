using Discret.Web.Security;
using Discret.Web.Shared;
using Discret.Web.Shared.Idempotency;

namespace Discret.Web.Features.AccesExceptionnel;

/// <summary>The break-glass API, on the same use case as the pages: social workers only (404 for every other role).</summary>
public static class BreakGlassApi
{
    /// <summary>Un accès exceptionnel ouvert au dossier d'une personne (4 heures) ; le référent et le DPO en sont avertis.</summary>
    /// <param name="Id">Identifiant (UUID) de l'accès exceptionnel.</param>
    /// <param name="PersonId">Identifiant (UUID) de la personne dont le dossier est ouvert.</param>
    /// <param name="Reason">Motif, nom d'un membre de la liste fermée BreakGlassReason (par exemple ReferentAbsentUrgence).</param>
    /// <param name="ExpiresAt">Fin de l'accès, instant en UTC (AAAA-MM-JJThh:mm:ssZ).</param>
    public sealed record Opened(Guid Id, Guid PersonId, string Reason, DateTime ExpiresAt);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/acces-exceptionnel", async (BreakGlass.Request request, BreakGlass breakGlass, HttpContext http) =>
            (await breakGlass.OpenAsync(http.User, request, http.RequestAborted)).ToHttp(access =>
                Results.Created($"/api/v1/personnes/{access.PersonId}", new Opened(access.Id, access.PersonId, access.Reason.ToString(), access.ExpiresAt))))
          .RequireAuthorization(Policies.BreakGlass).Idempotent()
          .WithSummary("Ouvre un accès exceptionnel de 4 heures au dossier d'une personne de votre circonscription (travailleur social) : "
                       + "motif de la liste fermée (reason) et justification de 15 à 500 caractères, qui passe la garde de sobriété "
                       + "(\"confirmWarnings\": true pour des mots à relire). 201 ; 400 si refusé (autre circonscription, seuil hebdomadaire, "
                       + "saisie invalide) ; 409 si un accès est déjà ouvert ; 404 si la personne n'existe pas. Le référent et le DPO sont avertis.")
            .Produces<Opened>(StatusCodes.Status201Created);
    }
}
