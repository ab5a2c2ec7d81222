using Discret.Web.Security;
using Discret.Web.Shared;
using Discret.Web.Shared.Idempotency;

namespace Discret.Web.Features.AideNumerique;

/// <summary>
/// Digital helps of a follow-up, on the same use case as the pages: the follow-up's social workers record, its team reads;
/// every other account gets 404, as if the follow-up had none.
/// </summary>
public static class AideNumeriqueApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var files = api.MapGroup("").RequireAuthorization(Policies.PersonFiles);

        files.MapGet("/accompagnements/{id:guid}/aides-numeriques", async (FollowUpInFile? followUp, DigitalHelps use, CancellationToken ct) =>
            await use.OverviewAsync(followUp, ct: ct) is { } overview ? Results.Ok(overview) : ApiProblems.NotFound())
            .WithSummary("Les aides numériques de l'accompagnement (je forme, j'accompagne) et les démarches faites à la place de la personne sous un mandat "
                       + "rattaché à cet accompagnement, la plus récente d'abord. Équipe de l'accompagnement.")
            .Produces<DigitalHelps.Overview>();

        files.MapPost("/accompagnements/{id:guid}/aides-numeriques", async (FollowUpInFile? followUp, DigitalHelps.Request request, DigitalHelps use, CancellationToken ct) =>
            (await use.RecordAsync(followUp, request, ct)).ToHttp(id => Results.Created((string?)null, new CreatedId(id)))).Idempotent()
            .WithSummary("Enregistre une aide numérique dans un accompagnement ouvert : niveau (level), date (occurredOn) ; pour JeForme le thème (theme) ; "
                       + "pour JAccompagne le domaine (domain), l'organisme (organisation) et le résultat (outcome) ; pour JeFaisALaPlaceDe en plus le mandat "
                       + "(mandateId) et la démarche (procedure). Sous mandat, 400 « Démarche refusée » (refus tracé) si le mandat n'est pas signé, pas en vigueur "
                       + "à cette date, révoqué, ne couvre pas le domaine ou l'organisme, ou ne vous nomme pas. Travailleur social de l'accompagnement.")
            .Produces<CreatedId>(StatusCodes.Status201Created);
    }
}
