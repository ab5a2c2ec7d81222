using Discret.Domain.Rights;
using Discret.Web.Security;
using Discret.Web.Shared;
using Discret.Web.Shared.Idempotency;

namespace Discret.Web.Features.Droits;

/// <summary>The register's API, on the same use cases as the pages; what an account may not reach answers 404.</summary>
public static class RightsApi
{
    public sealed record CreateBody(Guid? PersonId, RightKind? Kind, RequestChannel? Channel, IdentityCheck? IdentityCheck, string? ReceivedOn,
        string? Details, bool ConfirmWarnings = false);

    public sealed record RequestJson(Guid Id, Guid PersonId, string Kind, string Channel, string IdentityCheck, DateOnly ReceivedOn, DateOnly DueOn,
        string? Details, string? ExtensionReason, DateOnly? PersonToldOfExtensionOn, string Status, string? Answer, DateOnly? ClosedOn, string Circonscription);

    /// <summary>A page of the register (50 requests, the most urgent first).</summary>
    public sealed record RegisterPage(int Page, int Pages, int Total, IReadOnlyList<RegisterRow> Requests);

    /// <summary>A request in the register: never a name, the request is designated by its identifier.</summary>
    /// <param name="Overdue">Its deadline has passed and it is still open.</param>
    /// <param name="NearDue">Ten days or fewer remain before its deadline.</param>
    public sealed record RegisterRow(Guid Id, RightKind Kind, DateOnly ReceivedOn, DateOnly DueOn, bool Extended, RequestStatus Status, DateOnly? ClosedOn,
        string Circonscription, bool Overdue, bool NearDue);

    /// <summary>A request registered: its deadline (one month) and its status.</summary>
    public sealed record RegisteredView(Guid Id, DateOnly DueOn, RequestStatus Status);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/droits", async (RequestStatus? status, RightKind? right, int? page, RegisterQueries queries, HttpContext http) =>
        {
            var list = await queries.ListAsync(http.User, new RegisterQueries.Filter(status, right, page ?? 1), http.RequestAborted);
            return Results.Ok(new RegisterPage(list.Page, list.TotalPages, list.Total, list.Rows.Select(r => new RegisterRow(r.Id, r.Kind,
                r.ReceivedOn, r.DueOn, r.Extended, r.Status, r.ClosedOn, r.Circonscription, r.Overdue, r.NearDue)).ToList()));
        }).RequireAuthorization(Policies.RightsRegister)
          .WithSummary("Le registre des demandes d'exercice des droits (DPO) : filtres status (EnCours, Traitee, Refusee) et right, 50 par page, "
                       + "les plus urgentes d'abord. Aucun nom : chaque demande est désignée par son identifiant.")
            .Produces<RegisterPage>();

        api.MapGet("/droits/{id:guid}", async (Guid id, RequestAccess access, HttpContext http) =>
        {
            var detail = await access.ReadAsync(http.User, id, http.RequestAborted);
            return detail is null ? ApiProblems.NotFound() : Results.Ok(Json(detail));
        }).RequireAuthorization(Policies.RightsRequests)
          .WithSummary("Une demande du registre (DPO ; responsable de la circonscription de la demande). Lecture tracée.")
            .Produces<RequestJson>();

        api.MapPost("/droits", async (CreateBody body, PersonFileContext files, RequestRegistration registration, CancellationToken ct) =>
        {
            // The person is named in the body, not the route: the file is resolved here.
            var result = body.PersonId is not { } personId
                ? Result.Invalid(nameof(CreateBody.PersonId), "Indiquez la personne (identifiant du dossier).")
                : await registration.RegisterAsync(await files.PersonAsync(personId),
                    new RequestRegistration.Request(body.Kind, body.Channel, body.IdentityCheck, body.ReceivedOn, body.Details, body.ConfirmWarnings), ct);
            return result.ToHttp(registered => Results.Created($"/api/v1/droits/{registered.Id}",
                new RegisteredView(registered.Id, registered.DueOn, registered.Status)));
        }).RequireAuthorization(Policies.PersonFiles).Idempotent()
          .WithSummary("Enregistre une demande d'exercice d'un droit depuis le dossier de la personne (accueil, secrétariat, responsable de "
                       + "circonscription, travailleur social référent) : kind, channel, identityCheck (obligatoire), receivedOn (AAAA-MM-JJ, pas dans le futur), "
                       + "details (1 000 caractères, garde de sobriété). Délai de réponse : un mois. 201 ; 400 ; 404 si le dossier est hors de portée.")
            .Produces<RegisteredView>(StatusCodes.Status201Created);

        api.MapPost("/droits/{id:guid}/prolongation", async (Guid id, RequestDecisions.Extension body, RequestDecisions decisions, HttpContext http) =>
            (await decisions.ExtendAsync(http.User, id, body, http.RequestAborted)).ToHttp(Results.NoContent))
            .RequireAuthorization(Policies.RightsRegister)
            .WithSummary("Prolonge le délai d'une demande (DPO), une seule fois, d'un ou deux mois (months), avant son expiration, avec un motif (reason) "
                         + "et la date à laquelle la personne a été prévenue (personToldOn).")
            .Produces(StatusCodes.Status204NoContent);

        api.MapPost("/droits/{id:guid}/cloture", async (Guid id, RequestDecisions.Closing body, RequestDecisions decisions, HttpContext http) =>
            (await decisions.CloseAsync(http.User, id, body, http.RequestAborted)).ToHttp(Results.NoContent))
            .RequireAuthorization(Policies.RightsRegister)
            .WithSummary("Clôt une demande (DPO) : outcome Traitee ou Refusee, answer obligatoire (1 000 caractères, garde de sobriété). "
                         + "Une opposition est décidée par le responsable de circonscription ; un effacement accepté s'exécute depuis la page de la demande.")
            .Produces(StatusCodes.Status204NoContent);

        api.MapPost("/droits/{id:guid}/decision", async (Guid id, RequestDecisions.OppositionDecision body, RequestDecisions decisions, HttpContext http) =>
            (await decisions.DecideOppositionAsync(http.User, id, body, http.RequestAborted)).ToHttp(Results.NoContent))
            .RequireAuthorization(Policies.RightsCirconscription)
            .WithSummary("Décide une opposition (responsable de la circonscription de la demande, dans le délai) : accepted true ou false, answer (motif).")
            .Produces(StatusCodes.Status204NoContent);

        MapRestriction(api);
    }

    public sealed record LiftBody(string? PersonToldOn);

    private static void MapRestriction(RouteGroupBuilder api)
    {
        api.MapPost("/droits/{id:guid}/limitation", async (Guid id, Restriction restriction, HttpContext http) =>
            (await restriction.ApplyAsync(http.User, id, http.RequestAborted)).ToHttp(Results.NoContent))
            .RequireAuthorization(Policies.RightsRegister)
            .WithSummary("Limite le traitement du dossier (DPO), depuis une demande de limitation en cours (article 18 du RGPD) : le dossier peut "
                         + "être consulté, mais plus modifié ni partagé (409 « Traitement limité »), et le traitement de conservation le garde. 204 ; 400 ; 404.")
            .Produces(StatusCodes.Status204NoContent);

        api.MapPost("/droits/{id:guid}/levee-limitation", async (Guid id, LiftBody body, Restriction restriction, HttpContext http) =>
            (await restriction.LiftAsync(http.User, id, body.PersonToldOn, http.RequestAborted)).ToHttp(Results.NoContent))
            .RequireAuthorization(Policies.RightsRegister)
            .WithSummary("Lève la limitation posée au titre de cette demande (DPO), la personne ayant été prévenue avant (article 18.3) : "
                         + "personToldOn (AAAA-MM-JJ, pas dans le futur). 204 ; 400 ; 404.")
            .Produces(StatusCodes.Status204NoContent);
    }

    private static RequestJson Json(RequestAccess.Detail d)
    {
        var r = d.Request;
        return new RequestJson(r.Id, r.PersonId, r.Kind.ToString(), r.Channel.ToString(), r.IdentityCheck.ToString(), r.ReceivedOn, r.DueOn, r.Details,
            r.ExtensionReason, r.PersonToldOfExtensionOn, r.Status.ToString(), r.Answer, r.ClosedOn, d.Circonscription);
    }
}
