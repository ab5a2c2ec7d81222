using Discret.Web.Security;

namespace Discret.Web.Features.AccesExceptionnel;

/// <summary>The break-glass API, on the same use case as the pages: social workers only (404 for every other role).</summary>
public static class BreakGlassApi
{
    public sealed record Opened(Guid Id, Guid PersonId, string Reason, DateTime ExpiresAt);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/acces-exceptionnel", async (BreakGlass.Request request, BreakGlass breakGlass, HttpContext http) =>
        {
            var outcome = await breakGlass.OpenAsync(http.User, request, http.RequestAborted);
            return outcome.Status switch
            {
                BreakGlass.Status.Opened => Results.Created($"/api/v1/personnes/{outcome.Access!.PersonId}",
                    new Opened(outcome.Access.Id, outcome.Access.PersonId, outcome.Access.Reason.ToString(), outcome.Access.ExpiresAt)),
                BreakGlass.Status.NotFound => ApiProblems.NotFound(),
                BreakGlass.Status.Invalid => ApiProblems.Validation(outcome.Errors, formLevelKey: "request"),
                BreakGlass.Status.AlreadyOpen => ApiProblems.Conflict(outcome.Message!),
                _ => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Accès exceptionnel refusé", detail: outcome.Message),
            };
        }).RequireAuthorization(Policies.BreakGlass)
          .WithSummary("Ouvre un accès exceptionnel de 4 heures au dossier d'une personne de votre circonscription (travailleur social) : "
                       + "motif de la liste fermée (reason) et justification de 15 à 500 caractères, qui passe la garde de sobriété "
                       + "(\"confirmWarnings\": true pour des mots à relire). 201 ; 400 si refusé (autre circonscription, seuil hebdomadaire, "
                       + "saisie invalide) ; 409 si un accès est déjà ouvert ; 404 si la personne n'existe pas. Le référent et le DPO sont avertis.");
    }
}
