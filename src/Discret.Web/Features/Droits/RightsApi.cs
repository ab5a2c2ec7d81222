using Discret.Domain.Rights;
using Discret.Web.Security;
using Discret.Web.Shared;
using Discret.Web.Shared.Idempotency;

namespace Discret.Web.Features.Droits;

/// <summary>The register's API, on the same use cases as the pages; what an account may not reach answers 404.</summary>
public static class RightsApi
{
    /// <summary>Une demande d'exercice d'un droit (RGPD, articles 15 à 21), enregistrée depuis le dossier de la personne ; délai de réponse : un mois.</summary>
    /// <param name="PersonId">Identifiant (UUID) de la personne qui exerce son droit. Obligatoire.</param>
    /// <param name="Kind">Droit exercé. Obligatoire.</param>
    /// <param name="Channel">Par où la demande est arrivée. Obligatoire.</param>
    /// <param name="IdentityCheck">Comment l'identité du demandeur a été vérifiée. Obligatoire.</param>
    /// <param name="ReceivedOn">Date de réception, en texte : AAAA-MM-JJ (JJ/MM/AAAA est aussi lu) ; ni dans le futur, ni plus d'un an avant. Obligatoire ; le délai d'un mois court à partir d'elle.</param>
    /// <param name="Details">Précisions sur la demande : 1 000 caractères au plus ; passe la garde de sobriété. Facultatives.</param>
    /// <param name="ConfirmWarnings">true pour enregistrer malgré les mots à relire signalés par la garde de sobriété (santé, jugement, catégories particulières de l'art. 9 RGPD, infractions) ; absent ou false : ils sont refusés (400) avec leur message. Un identifiant (NIR, numéro CAF, IBAN…) est refusé dans tous les cas.</param>
    public sealed record CreateBody(Guid? PersonId, RightKind? Kind, RequestChannel? Channel, IdentityCheck? IdentityCheck, string? ReceivedOn,
        string? Details, bool ConfirmWarnings = false);

    /// <summary>Une demande d'exercice d'un droit, telle que le registre la garde (lecture tracée).</summary>
    /// <param name="Id">Identifiant (UUID) de la demande.</param>
    /// <param name="PersonId">Identifiant (UUID) de la personne qui exerce son droit.</param>
    /// <param name="Kind">Droit exercé : nom d'un membre de la liste RightKind (Acces, Rectification, Effacement, Limitation, Opposition, Portabilite…).</param>
    /// <param name="Channel">Par où la demande est arrivée : nom d'un membre de la liste RequestChannel.</param>
    /// <param name="IdentityCheck">Comment l'identité a été vérifiée : nom d'un membre de la liste IdentityCheck.</param>
    /// <param name="ReceivedOn">Date de réception, jour (AAAA-MM-JJ, calendrier de Paris).</param>
    /// <param name="DueOn">Date limite de réponse, jour (AAAA-MM-JJ, calendrier de Paris) : un mois après la réception, plus la prolongation éventuelle.</param>
    /// <param name="Details">Précisions sur la demande ; null s'il n'y en a pas.</param>
    /// <param name="ExtensionReason">Motif de la prolongation du délai ; null si le délai n'a pas été prolongé.</param>
    /// <param name="PersonToldOfExtensionOn">Date à laquelle la personne a été prévenue de la prolongation, jour (AAAA-MM-JJ, calendrier de Paris) ; null sans prolongation.</param>
    /// <param name="Status">État : nom d'un membre de la liste RequestStatus (EnCours, Traitee, Refusee).</param>
    /// <param name="Answer">Réponse donnée à la personne, ou motif du refus ; null tant que la demande est en cours.</param>
    /// <param name="ClosedOn">Date de clôture, jour (AAAA-MM-JJ, calendrier de Paris) ; null tant que la demande est en cours.</param>
    /// <param name="Circonscription">Nom de la circonscription du dossier de la personne.</param>
    public sealed record RequestJson(Guid Id, Guid PersonId, string Kind, string Channel, string IdentityCheck, DateOnly ReceivedOn, DateOnly DueOn,
        string? Details, string? ExtensionReason, DateOnly? PersonToldOfExtensionOn, string Status, string? Answer, DateOnly? ClosedOn, string Circonscription);

    /// <summary>Une page du registre des demandes (50 demandes, les plus urgentes d'abord).</summary>
    /// <param name="Page">Numéro de la page (1 pour la première).</param>
    /// <param name="Pages">Nombre de pages.</param>
    /// <param name="Total">Nombre de demandes qui répondent aux filtres, toutes pages confondues.</param>
    /// <param name="Requests">Les demandes de la page.</param>
    public sealed record RegisterPage(int Page, int Pages, int Total, IReadOnlyList<RegisterRow> Requests);

    /// <summary>Une demande du registre : jamais un nom, la demande est désignée par son identifiant.</summary>
    /// <param name="Id">Identifiant (UUID) de la demande (GET /api/v1/droits/{id}).</param>
    /// <param name="Kind">Droit exercé.</param>
    /// <param name="ReceivedOn">Date de réception, jour (AAAA-MM-JJ, calendrier de Paris).</param>
    /// <param name="DueOn">Date limite de réponse, jour (AAAA-MM-JJ, calendrier de Paris).</param>
    /// <param name="Extended">true si le délai a été prolongé (une fois au plus).</param>
    /// <param name="Status">État de la demande.</param>
    /// <param name="ClosedOn">Date de clôture, jour (AAAA-MM-JJ, calendrier de Paris) ; null tant qu'elle est en cours.</param>
    /// <param name="Circonscription">Nom de la circonscription du dossier.</param>
    /// <param name="Overdue">true si la date limite est passée et la demande toujours en cours.</param>
    /// <param name="NearDue">true s'il reste dix jours ou moins avant la date limite.</param>
    public sealed record RegisterRow(Guid Id, RightKind Kind, DateOnly ReceivedOn, DateOnly DueOn, bool Extended, RequestStatus Status, DateOnly? ClosedOn,
        string Circonscription, bool Overdue, bool NearDue);

    /// <summary>Une demande enregistrée : sa date limite de réponse (un mois) et son état.</summary>
    /// <param name="Id">Identifiant (UUID) de la demande.</param>
    /// <param name="DueOn">Date limite de réponse, jour (AAAA-MM-JJ, calendrier de Paris).</param>
    /// <param name="Status">État de la demande (EnCours à l'enregistrement).</param>
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

    /// <summary>La levée d'une limitation du traitement (article 18.3 : la personne est prévenue avant).</summary>
    /// <param name="PersonToldOn">Date à laquelle la personne a été prévenue, en texte : AAAA-MM-JJ (JJ/MM/AAAA est aussi lu), pas dans le futur. Obligatoire.</param>
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
