using Discret.Catalogue;
using Discret.Domain.Persons;
using Discret.Web.Security;
using Discret.Web.Shared;
using static Discret.Web.Features.Accompagnements.FollowUpRules;
using Discret.Web.Shared.Idempotency;

namespace Discret.Web.Features.Accompagnements;

/// <summary>
/// The follow-up API, on the same use cases (and so the same rules) as the pages. An id the account cannot reach
/// answers 404 exactly like an unknown one; a stale version or a closed follow-up answers 409.
/// </summary>
public static class FollowUpsApi
{
    /// <summary>Un accompagnement, réduit à ce que votre rôle peut lire : contenu (dates, motifs, provenance) et prochain rendez-vous seulement quand leur groupe de données est lisible, null sinon.</summary>
    /// <param name="Id">Identifiant (UUID) de l'accompagnement.</param>
    /// <param name="PersonId">Identifiant (UUID) de la personne accompagnée.</param>
    /// <param name="Status">Ouvert ou Clos.</param>
    /// <param name="Version">Version de l'enregistrement, à renvoyer avec la prochaine modification (verrouillage optimiste : une version périmée répond 409).</param>
    /// <param name="ReferentId">Identifiant (UUID) du compte du référent.</param>
    /// <param name="CoWorkerIds">Identifiants (UUID) des comptes des co-intervenants ; vide s'il n'y en a pas.</param>
    /// <param name="OpenedOn">Date d'ouverture, jour (AAAA-MM-JJ, calendrier de Paris) ; null si votre rôle ne lit pas le contenu de l'accompagnement.</param>
    /// <param name="ClosedOn">Date de clôture, jour (AAAA-MM-JJ, calendrier de Paris) ; null tant qu'il est ouvert, ou si votre rôle ne lit pas son contenu.</param>
    /// <param name="Motives">Motifs de l'accompagnement ; null si votre rôle ne lit pas son contenu.</param>
    /// <param name="Source">D'où viennent les motifs ; null si votre rôle ne lit pas le contenu.</param>
    /// <param name="PartnerName">Nom du partenaire qui a transmis les motifs, quand source vaut Partenaire ; null sinon.</param>
    /// <param name="ThirdParty">Catégorie du tiers qui les a signalés, quand source vaut Tiers ; null sinon.</param>
    /// <param name="NextAppointmentAt">Début du prochain rendez-vous prévu de l'accompagnement, instant en UTC (AAAA-MM-JJThh:mm:ssZ) ; null s'il n'y en a pas ou si votre rôle ne lit pas les rendez-vous.</param>
    public sealed record FollowUpView(Guid Id, Guid PersonId, FollowUpStatus Status, int Version, Guid ReferentId, IReadOnlyList<Guid> CoWorkerIds,
        DateOnly? OpenedOn, DateOnly? ClosedOn, IReadOnlyList<FollowUpMotive>? Motives, DataSource? Source, string? PartnerName,
        ThirdPartyCategory? ThirdParty, DateTime? NextAppointmentAt);

    public static void Map(RouteGroupBuilder api)
    {
        var files = api.MapGroup("").RequireAuthorization(Policies.PersonFiles);

        files.MapGet("/accompagnements/{id:guid}", async (Guid id, FollowUpRules rules, HttpContext http, Discret.Data.DiscretDbContext db, TimeProvider clock) =>
        {
            var target = await rules.FindAsync(id, v => v.CanRead(FieldGroup.Equipe));
            if (target is null) return ApiProblems.NotFound();
            await rules.JournalReadAsync(target, FieldGroup.Equipe, FieldGroup.Accompagnement, FieldGroup.RendezVous);
            var (f, view) = target;
            var content = view.CanRead(FieldGroup.Accompagnement);
            return Results.Ok(new FollowUpView(f.Id, f.PersonId, f.Status, f.Version, f.ReferentId, f.Team.Select(m => m.StaffAccountId).ToList(),
                content ? f.OpenedOn : null, content ? f.ClosedOn : null, content ? f.Motives : null, content ? f.Provenance.Source : null,
                content ? f.Provenance.PartnerName : null, content ? f.Provenance.ThirdParty : null,
                await NextAppointmentAsync(db, view, f.Id, clock)));
        }).WithSummary("Un accompagnement, réduit à ce que votre rôle peut lire ; sa version sert aux modifications.")
            .Produces<FollowUpView>();

        files.MapPost("/personnes/{id:guid}/accompagnements", async (PersonAccessView? file, FollowUpCommands.OpenRequest request, FollowUpCommands commands, CancellationToken ct) =>
            (await commands.OpenAsync(file, request, ct)).ToHttp(saved => Results.Created($"/api/v1/accompagnements/{saved.Id}", saved), Body)).Idempotent().WithSummary("Ouvre un accompagnement pour la personne : référent, co-intervenants, motifs et leur provenance (responsable de circonscription).")
            .Produces<FollowUpRules.Saved>(StatusCodes.Status201Created);

        files.MapPut("/accompagnements/{id:guid}/equipe", async (FollowUpInFile? followUp, FollowUpCommands.AssignRequest request, FollowUpCommands commands, CancellationToken ct) =>
            (await commands.AssignAsync(followUp, request, ct)).ToHttp(Results.Ok, Body))
            .WithSummary("Change le référent et les co-intervenants ; la version lue est obligatoire (409 si l'accompagnement a changé entre-temps).")
            .Produces<FollowUpRules.Saved>();

        files.MapPut("/accompagnements/{id:guid}", async (FollowUpInFile? followUp, FollowUpCommands.UpdateRequest request, FollowUpCommands commands, CancellationToken ct) =>
            (await commands.UpdateAsync(followUp, request, ct)).ToHttp(Results.Ok, Body))
            .WithSummary("Modifie les motifs et leur provenance, et le prochain rendez-vous, selon ce que votre rôle peut écrire ; "
                         + "la version lue est obligatoire (409 si l'accompagnement a changé entre-temps).")
            .Produces<FollowUpRules.Saved>();

        files.MapPost("/accompagnements/{id:guid}/cloture", async (FollowUpInFile? followUp, FollowUpCommands.CloseRequest request, FollowUpCommands commands, CancellationToken ct) =>
            (await commands.CloseAsync(followUp, request, ct)).ToHttp(Results.Ok, Body))
            .WithSummary("Clôt l'accompagnement à la date indiquée (ni future, ni antérieure à l'ouverture).")
            .Produces<FollowUpRules.Saved>();

        files.MapPost("/accompagnements/{id:guid}/entretiens", async (FollowUpInFile? followUp, InterviewRecording.Request request, InterviewRecording recording, CancellationToken ct) =>
            (await recording.RecordAsync(followUp, request, ct)).ToHttp(id => Results.Created((string?)null, new CreatedId(id)), Body)).Idempotent().WithSummary("Enregistre un entretien dans un accompagnement ouvert (synthèse de 1 000 caractères au plus, refusée au-delà). "
                         + "La synthèse et le nom du partenaire passent la garde de sobriété : un identifiant (NIR, numéro CAF, IBAN…) est refusé ; "
                         + "des mots à relire (santé, jugement, art. 9 RGPD, infractions) demandent \"confirmWarnings\": true.")
            .Produces<CreatedId>(StatusCodes.Status201Created);

        MapInterviewCorrections(files);
        MapWorkingNotes(files);
    }

    /// <summary>An interview's correction (author, within the window), its history (author only) and its addenda.</summary>
    private static void MapInterviewCorrections(RouteGroupBuilder files)
    {
        files.MapGet("/entretiens/{id:guid}", async (Guid id, InterviewCorrection corrections, FollowUpRules rules, CancellationToken ct) =>
        {
            var found = await corrections.FindAsync(id, ct);
            if (found is null) return ApiProblems.NotFound();
            await rules.JournalReadAsync(found.Target, FieldGroup.Entretiens);
            var i = found.Interview;
            var addenda = await corrections.AddendaAsync(found.Target, found.Interview, ct);
            return Results.Ok(new InterviewView(i.Id, i.FollowUpId, i.Version, i.OccurredOn, i.Kind, i.Summary, i.CreatedAt, i.CorrectedAt,
                corrections.Deadline(i), corrections.MayCorrect(found), InterviewCorrection.MayAddTo(found),
                addenda.Select(a => new AddendumView(a.Id, a.AuthorId, a.Text, a.WrittenAt)).ToList()));
        }).WithSummary("Un entretien, sa version (pour le corriger), la date limite de correction et ses compléments datés.")
            .Produces<InterviewView>();

        files.MapGet("/entretiens/{id:guid}/historique", async (Guid id, InterviewCorrection corrections, FollowUpRules rules, CancellationToken ct) =>
        {
            var found = await corrections.FindAsync(id, ct);
            var history = found is null ? null : await corrections.HistoryAsync(found.Target, found.Interview, ct);
            if (history is null) return ApiProblems.NotFound();
            await rules.JournalReadAsync(found!.Target, FieldGroup.Entretiens);
            return Results.Ok(history);
        }).WithSummary("Les synthèses remplacées par vos corrections — l'auteur de l'entretien seulement (404 pour tout autre compte).")
            .Produces<List<InterviewCorrection.Revision>>();

        files.MapPut("/entretiens/{id:guid}", async (Guid id, InterviewCorrection.CorrectRequest request, InterviewCorrection corrections, CancellationToken ct) =>
            await corrections.FindAsync(id, ct) is var found
                ? (await corrections.CorrectAsync(found?.Target, found?.Interview, request, ct)).ToHttp(version => Results.Ok(new VersionView(id, version)), "entretien") : ApiProblems.NotFound())
            .WithSummary("Corrige la synthèse d'un entretien : son auteur seulement, dans les 7 jours qui suivent sa saisie (réglage) ; la version lue est "
                         + "obligatoire (409 si l'entretien a changé). L'ancienne synthèse est gardée dans un historique. Garde de sobriété comme à la saisie.")
            .Produces<VersionView>();

        files.MapPost("/entretiens/{id:guid}/complements", async (Guid id, InterviewCorrection.AddendumRequest request, InterviewCorrection corrections, CancellationToken ct) =>
            await corrections.FindAsync(id, ct) is var found
                ? (await corrections.AddAsync(found?.Target, found?.Interview, request, ct)).ToHttp(addendumId => Results.Created($"/api/v1/entretiens/{id}", new CreatedId(addendumId)), "entretien") : ApiProblems.NotFound())
            .Idempotent()
            .WithSummary("Ajoute un complément daté à un entretien (1 000 caractères au plus) sans modifier son texte : l'auteur ou l'équipe de "
                         + "l'accompagnement. Garde de sobriété (identifiant refusé ; mots à relire : \"confirmWarnings\": true).")
            .Produces<CreatedId>(StatusCodes.Status201Created);
    }

    /// <summary>Un complément daté ajouté à un entretien, sans modifier son texte.</summary>
    /// <param name="Id">Identifiant (UUID) du complément.</param>
    /// <param name="AuthorId">Identifiant (UUID) du compte qui l'a écrit.</param>
    /// <param name="Text">Texte du complément (1 000 caractères au plus).</param>
    /// <param name="WrittenAt">Date d'écriture, instant en UTC (AAAA-MM-JJThh:mm:ssZ).</param>
    public sealed record AddendumView(Guid Id, Guid AuthorId, string Text, DateTime WrittenAt);

    /// <summary>Un entretien, sa version (pour le corriger), la date limite de correction et ses compléments.</summary>
    /// <param name="Id">Identifiant (UUID) de l'entretien.</param>
    /// <param name="FollowUpId">Identifiant (UUID) de l'accompagnement de l'entretien.</param>
    /// <param name="Version">Version de l'enregistrement, à renvoyer avec la prochaine modification (verrouillage optimiste : une version périmée répond 409).</param>
    /// <param name="OccurredOn">Date de l'entretien, jour (AAAA-MM-JJ, calendrier de Paris).</param>
    /// <param name="Kind">Type d'entretien.</param>
    /// <param name="Summary">Synthèse partagée (1 000 caractères au plus) ; null si l'entretien n'en a pas.</param>
    /// <param name="RecordedAt">Saisie de l'entretien, instant en UTC (AAAA-MM-JJThh:mm:ssZ).</param>
    /// <param name="CorrectedAt">Dernière correction de la synthèse, instant en UTC (AAAA-MM-JJThh:mm:ssZ) ; null s'il n'a jamais été corrigé.</param>
    /// <param name="CorrectableUntil">Fin du délai de correction par son auteur, instant en UTC (AAAA-MM-JJThh:mm:ssZ) (7 jours après la saisie, réglable) ; ensuite, seulement des compléments.</param>
    /// <param name="MayCorrect">true si vous pouvez le corriger maintenant : son auteur, dans le délai, accompagnement ouvert.</param>
    /// <param name="MayAddAddendum">true si vous pouvez lui ajouter un complément : l'auteur ou l'équipe de l'accompagnement, accompagnement ouvert.</param>
    /// <param name="Addenda">Ses compléments, du plus ancien au plus récent ; vide s'il n'y en a pas.</param>
    public sealed record InterviewView(Guid Id, Guid FollowUpId, int Version, DateOnly OccurredOn, InterviewKind Kind, string? Summary,
        DateTime RecordedAt, DateTime? CorrectedAt, DateTime CorrectableUntil, bool MayCorrect, bool MayAddAddendum, IReadOnlyList<AddendumView> Addenda);

    /// <summary>Working notes: only ever the current account's own; anyone else's note, or a follow-up it cannot reach, answers 404.</summary>
    private static void MapWorkingNotes(RouteGroupBuilder files)
    {
        files.MapGet("/accompagnements/{id:guid}/notes", async (Guid id, WorkingNotes notes, FollowUpRules rules, HttpContext http) =>
        {
            var mine = await notes.MineAsync(http.User, id, http.RequestAborted);
            if (mine.Count == 0 && await rules.FindAsync(id, WorkingNotes.CanWrite) is null)
                return ApiProblems.NotFound();
            return Results.Ok(mine);
        }).WithSummary("Vos notes de travail sur l'accompagnement — les vôtres seulement : personne d'autre ne les voit. "
                       + WorkingNotes.Disclosure)
            .Produces<List<WorkingNotes.NoteView>>();

        files.MapPost("/accompagnements/{id:guid}/notes", async (FollowUpInFile? followUp, WorkingNotes.Request request, WorkingNotes notes, CancellationToken ct) =>
            (await notes.AddAsync(followUp, request, ct)).ToHttp(id => Results.Created($"/api/v1/accompagnements/{followUp!.FollowUp.Id}/notes", new CreatedId(id)), Body)).Idempotent().WithSummary("Ajoute une note de travail personnelle (1 000 caractères au plus) à un accompagnement ouvert auquel vous avez accès. "
                       + "Elle passe la garde de sobriété (identifiant refusé ; mots à relire : \"confirmWarnings\": true) et expire à la clôture, "
                       + "au plus tard après 6 mois.")
            .Produces<CreatedId>(StatusCodes.Status201Created);

        files.MapDelete("/notes/{id:guid}", async (Guid id, WorkingNotes notes, HttpContext http) =>
            await notes.DeleteAsync(http.User, id, http.RequestAborted) ? Results.NoContent() : ApiProblems.NotFound())
            .WithSummary("Supprime l'une de vos notes de travail.")
            .Produces(StatusCodes.Status204NoContent);
    }

    /// <summary>« Prochain rendez-vous », derived from the agenda: the follow-up's first planned appointment from now —
    /// for whoever reads <see cref="FieldGroup.RendezVous"/> on the file (null otherwise).</summary>
    private static async Task<DateTime?> NextAppointmentAsync(Discret.Data.DiscretDbContext db, PersonAccessView view, Guid followUpId, TimeProvider clock)
    {
        if (!view.CanRead(FieldGroup.RendezVous)) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.MinAsync(
            db.Appointments.Where(a => a.FollowUpId == followUpId).Where(Discret.Domain.Agenda.Appointment.Upcoming.For(now)), a => (DateTime?)a.StartsAt);
    }

    /// <summary>Where a form-level error goes in a validation problem.</summary>
    private const string Body = "accompagnement";
}
