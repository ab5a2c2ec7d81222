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
    public sealed record NewFileView(Guid PersonId, string Name, DateOnly BirthDate, DateTimeOffset CreatedAt, bool PaperOnly);
    public sealed record NewFilesView(IReadOnlyList<NewFileView> Files, Guid? Next);
    public sealed record ToReassignView(Guid FollowUpId, Guid PersonId, string Name, DateOnly BirthDate, DateOnly OpenedOn, Guid ReferentId,
        string Referent, Handover.ReferentState ReferentState, DateOnly? AbsentUntil);
    public sealed record ToReassignListView(IReadOnlyList<ToReassignView> FollowUps, Guid? Next);
    public sealed record WorkerView(Guid Id, string Name, StaffRole Role, bool Active, bool AvailableToday, DateOnly? AbsentFrom, DateOnly? AbsentUntil);

    /// <param name="Reassigned">Number of follow-ups given the new referent.</param>
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
