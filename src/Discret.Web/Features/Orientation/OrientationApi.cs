using Discret.Domain.Accounts;
using Discret.Web.Security;
using Discret.Web.Shared;

namespace Discret.Web.Features.Orientation;

/// <summary>
/// « À orienter », « À réattribuer », the handover and the absences, on the same use cases as the pages. A follow-up or
/// an account the head may not reach answers 404 exactly like an unknown one; refusals are RFC 7807 problems with the
/// field's French message.
/// </summary>
public static class OrientationApi
{
    /// <summary>Un dossier de votre circonscription sans accompagnement, à orienter.</summary>
    /// <param name="PersonId">Identifiant (UUID) de la personne.</param>
    /// <param name="Name">Nom de la personne (nom d'usage ou de naissance, puis prénoms).</param>
    /// <param name="BirthDate">Date de naissance, jour (AAAA-MM-JJ, calendrier de Paris).</param>
    /// <param name="CreatedAt">Création du dossier : heure de Paris avec son décalage (AAAA-MM-JJThh:mm:ss+01:00 ou +02:00), et non en UTC.</param>
    /// <param name="PaperOnly">true si la personne a refusé l'informatisation (fiche minimale, suivi sur papier).</param>
    public sealed record NewFileView(Guid PersonId, string Name, DateOnly BirthDate, DateTimeOffset CreatedAt, bool PaperOnly);
    /// <summary>Une page de dossiers à orienter (50 au plus), les plus récents d'abord.</summary>
    /// <param name="Files">Les dossiers de la page.</param>
    /// <param name="Next">Curseur de la page suivante, à renvoyer dans le paramètre after ; null sur la dernière page.</param>
    public sealed record NewFilesView(IReadOnlyList<NewFileView> Files, Guid? Next);
    /// <summary>Un accompagnement ouvert dont le référent est absent aujourd'hui, désactivé ou affecté ailleurs.</summary>
    /// <param name="FollowUpId">Identifiant (UUID) de l'accompagnement, à donner dans followUpIds de POST /api/v1/reattributions.</param>
    /// <param name="PersonId">Identifiant (UUID) de la personne accompagnée.</param>
    /// <param name="Name">Nom de la personne.</param>
    /// <param name="BirthDate">Date de naissance, jour (AAAA-MM-JJ, calendrier de Paris).</param>
    /// <param name="OpenedOn">Ouverture de l'accompagnement, jour (AAAA-MM-JJ, calendrier de Paris).</param>
    /// <param name="ReferentId">Identifiant (UUID) du compte du référent actuel.</param>
    /// <param name="Referent">Nom du référent actuel.</param>
    /// <param name="ReferentState">Pourquoi il faut réattribuer.</param>
    /// <param name="AbsentUntil">Pour un référent absent : son dernier jour d'absence, jour (AAAA-MM-JJ, calendrier de Paris) ; null s'il n'est pas connu ou pour un autre motif.</param>
    public sealed record ToReassignView(Guid FollowUpId, Guid PersonId, string Name, DateOnly BirthDate, DateOnly OpenedOn, Guid ReferentId,
        string Referent, Handover.ReferentState ReferentState, DateOnly? AbsentUntil);
    /// <summary>Une page d'accompagnements à réattribuer (50 au plus).</summary>
    /// <param name="FollowUps">Les accompagnements de la page.</param>
    /// <param name="Next">Curseur de la page suivante, à renvoyer dans le paramètre after ; null sur la dernière page.</param>
    public sealed record ToReassignListView(IReadOnlyList<ToReassignView> FollowUps, Guid? Next);
    /// <summary>Un travailleur social ou responsable de votre circonscription et sa présence (jamais de motif d'absence, jamais de nombre de dossiers).</summary>
    /// <param name="Id">Identifiant (UUID) du compte.</param>
    /// <param name="Name">Nom affiché.</param>
    /// <param name="Role">Rôle du compte.</param>
    /// <param name="Active">false pour un compte désactivé.</param>
    /// <param name="AvailableToday">true s'il est actif et n'est pas absent aujourd'hui (Paris).</param>
    /// <param name="AbsentFrom">Premier jour de son absence déclarée, jour (AAAA-MM-JJ, calendrier de Paris) ; null sans absence déclarée.</param>
    /// <param name="AbsentUntil">Dernier jour de son absence, jour (AAAA-MM-JJ, calendrier de Paris) ; null sans absence ou sans fin connue.</param>
    public sealed record WorkerView(Guid Id, string Name, StaffRole Role, bool Active, bool AvailableToday, DateOnly? AbsentFrom, DateOnly? AbsentUntil);

    /// <summary>Le résultat d'une réattribution (tout ou rien).</summary>
    /// <param name="Reassigned">Nombre d'accompagnements confiés au nouveau référent.</param>
    public sealed record HandoverView(int Reassigned);

    private const string Body = "reattribution";

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/a-orienter", async (Guid? after, NewFiles newFiles, HttpContext http, CancellationToken ct) =>
        {
            var page = await newFiles.ListAsync(http.User, after, NewFiles.PageSize, ct);
            return Results.Ok(new NewFilesView(page.Lines.Select(l => new NewFileView(l.PersonId, l.Name, l.BirthDate, ParisTime.Instant(l.CreatedAt), l.PaperOnly)).ToList(), page.Next));
        }).RequireAuthorization(Policies.NewFiles)
            .WithSummary("Les dossiers de votre circonscription sans accompagnement, les plus récents d'abord (50 par page ; « after » = le dernier reçu).")
            .Produces<NewFilesView>();

        var heads = api.MapGroup("").RequireAuthorization(Policies.Handover);
        heads.MapGet("/a-reattribuer", async (Guid? referentId, Guid? after, Handover handover, HttpContext http, CancellationToken ct) =>
        {
            var page = await handover.ToReassignAsync(http.User, referentId, after, Handover.PageSize, ct);
            return Results.Ok(new ToReassignListView(page.Lines.Select(l => new ToReassignView(l.FollowUpId, l.PersonId, l.Name, l.BirthDate, l.OpenedOn,
                l.ReferentId, l.Referent, l.State, l.AbsentUntil)).ToList(), page.Next));
        }).WithSummary("Les accompagnements ouverts de votre circonscription dont le référent est absent aujourd'hui, désactivé ou affecté ailleurs.")
            .Produces<ToReassignListView>();

        heads.MapPost("/reattributions", async (Handover.Request request, Handover handover, HttpContext http, CancellationToken ct) =>
            (await handover.HandOverAsync(http.User, request, ct)).ToHttp(count => Results.Ok(new HandoverView(count)), Body))
            .WithSummary("Donne un nouveau référent (présent, de votre circonscription) aux accompagnements indiqués, avec un motif de la liste ; "
                         + "tout ou rien : un accompagnement hors de portée rend la demande introuvable (404).")
            .Produces<HandoverView>();

        heads.MapGet("/equipe", async (Workers workers, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        {
            var today = ParisTime.Today(clock);
            return Results.Ok((await workers.OfCirconscriptionAsync(http.User.CirconscriptionId(), ct))
                .Select(w => new WorkerView(w.Id, w.Name, w.Role, w.Active, w.AvailableOn(today), w.AbsentFrom, w.AbsentUntil)).ToList());
        }).WithSummary("Les travailleurs sociaux et responsables de votre circonscription, leur présence aujourd'hui et leur absence déclarée (jamais de motif, jamais de nombre de dossiers).")
            .Produces<List<WorkerView>>();

        var absences = api.MapGroup("").RequireAuthorization(Policies.Absences);
        absences.MapPut("/equipe/{id:guid}/absence", async (Guid id, Workers.AbsenceRequest request, Workers workers, HttpContext http, CancellationToken ct) =>
            (await workers.DeclareAbsenceAsync(http.User, id, request, ct)).ToHttp(() => Results.NoContent(), "absence"))
            .WithSummary("Déclare ou remplace l'absence d'un professionnel (de votre circonscription pour un responsable) : premier jour, dernier jour facultatif.")
            .Produces(StatusCodes.Status204NoContent);

        absences.MapDelete("/equipe/{id:guid}/absence", async (Guid id, Workers workers, HttpContext http, CancellationToken ct) =>
            (await workers.EndAbsenceAsync(http.User, id, ct)).ToHttp(() => Results.NoContent(), "absence"))
            .WithSummary("Met fin à l'absence déclarée d'un professionnel de votre circonscription.")
            .Produces(StatusCodes.Status204NoContent);
    }
}
