using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Persons;
using Discret.Web.Features.Garde;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;
using static Discret.Web.Features.Accompagnements.FollowUpRules;

namespace Discret.Web.Features.Accompagnements;

/// <summary>
/// Opening a follow-up, changing its team, its content and next appointment, closing it — for pages and API alike.
/// Each command checks the account's access to the follow-up's person (<see cref="PersonAccess"/>) for the field
/// group it writes; without it the follow-up does not exist for that account. Changes made from a stale copy are
/// refused as conflicts, never applied over someone else's.
/// </summary>
public sealed class FollowUpCommands(DiscretDbContext db, TimeProvider clock, PersonFileContext files, FollowUpRules rules, Journal.AccessJournal journal)
{
    /// <summary>L'ouverture d'un accompagnement pour une personne (responsable de circonscription).</summary>
    /// <param name="ReferentId">Identifiant (UUID) du référent : un travailleur social ou un responsable actif de la circonscription, dont le rôle est confirmé. Obligatoire.</param>
    /// <param name="CoWorkerIds">Identifiants (UUID) des co-intervenants, parmi les mêmes professionnels ; absent : aucun.</param>
    /// <param name="Motives">Motifs de l'accompagnement ; au moins un (aucun sur une fiche minimale, dossier papier).</param>
    /// <param name="Source">D'où vient l'information (les motifs) : Personne, Professionnel, Partenaire (partnerName obligatoire) ou Tiers (thirdParty obligatoire).</param>
    /// <param name="PartnerName">Nom de l'organisme partenaire qui a transmis l'information, quand source vaut Partenaire (ignoré sinon) ; 120 caractères au plus ; passe la garde de sobriété (identifiant refusé ; mots à relire : confirmWarnings).</param>
    /// <param name="ThirdParty">Catégorie du tiers qui a signalé l'information, quand source vaut Tiers (jamais un nom) ; ignorée sinon. Une information d'un tiers est montrée partout comme non vérifiée.</param>
    /// <param name="ConfirmWarnings">true pour enregistrer malgré les mots à relire signalés par la garde de sobriété (santé, jugement, catégories particulières de l'art. 9 RGPD, infractions) ; absent ou false : ils sont refusés (400) avec leur message. Un identifiant (NIR, numéro CAF, IBAN…) est refusé dans tous les cas.</param>
    public sealed record OpenRequest(Guid? ReferentId, IReadOnlyList<Guid>? CoWorkerIds, IReadOnlyList<FollowUpMotive>? Motives,
        DataSource? Source, string? PartnerName, ThirdPartyCategory? ThirdParty, bool ConfirmWarnings = false);

    /// <summary>La nouvelle équipe d'un accompagnement ouvert : référent et co-intervenants.</summary>
    /// <param name="Version">Version de l'enregistrement telle que vous l'avez lue ; obligatoire. Une version périmée (changée entre-temps) répond 409 et rien n'est enregistré.</param>
    /// <param name="ReferentId">Identifiant (UUID) du référent : un travailleur social ou un responsable actif de la circonscription. Obligatoire.</param>
    /// <param name="CoWorkerIds">Identifiants (UUID) des co-intervenants ; absent ou vide : aucun.</param>
    public sealed record AssignRequest(int? Version, Guid? ReferentId, IReadOnlyList<Guid>? CoWorkerIds);

    /// <summary>Les motifs d'un accompagnement ouvert et leur provenance (rôles qui écrivent son contenu). Le prochain rendez-vous n'est pas un champ : c'est le premier rendez-vous prévu de l'agenda.</summary>
    /// <param name="Version">Version de l'enregistrement telle que vous l'avez lue ; obligatoire. Une version périmée (changée entre-temps) répond 409 et rien n'est enregistré.</param>
    /// <param name="Motives">Motifs de l'accompagnement ; au moins un.</param>
    /// <param name="Source">D'où vient l'information (les motifs) : Personne, Professionnel, Partenaire (partnerName obligatoire) ou Tiers (thirdParty obligatoire).</param>
    /// <param name="PartnerName">Nom de l'organisme partenaire qui a transmis l'information, quand source vaut Partenaire (ignoré sinon) ; 120 caractères au plus ; passe la garde de sobriété (identifiant refusé ; mots à relire : confirmWarnings).</param>
    /// <param name="ThirdParty">Catégorie du tiers qui a signalé l'information, quand source vaut Tiers (jamais un nom) ; ignorée sinon. Une information d'un tiers est montrée partout comme non vérifiée.</param>
    /// <param name="ConfirmWarnings">true pour enregistrer malgré les mots à relire signalés par la garde de sobriété (santé, jugement, catégories particulières de l'art. 9 RGPD, infractions) ; absent ou false : ils sont refusés (400) avec leur message. Un identifiant (NIR, numéro CAF, IBAN…) est refusé dans tous les cas.</param>
    public sealed record UpdateRequest(int? Version, IReadOnlyList<FollowUpMotive>? Motives, DataSource? Source, string? PartnerName,
        ThirdPartyCategory? ThirdParty, bool ConfirmWarnings = false);

    /// <summary>La clôture d'un accompagnement ouvert.</summary>
    /// <param name="Version">Version de l'enregistrement telle que vous l'avez lue ; obligatoire. Une version périmée (changée entre-temps) répond 409 et rien n'est enregistré.</param>
    /// <param name="ClosedOn">Date de clôture, jour (AAAA-MM-JJ, calendrier de Paris) : ni dans le futur, ni avant l'ouverture. Obligatoire.</param>
    public sealed record CloseRequest(int? Version, DateOnly? ClosedOn);

    public static bool CanOpen(PersonAccessView view) => view.CanWrite(FieldGroup.Equipe);
    public static bool CanAssign(PersonAccessView view) => view.CanWrite(FieldGroup.Equipe);
    public static bool CanUpdate(PersonAccessView view) => view.CanWrite(FieldGroup.Accompagnement);
    public static bool CanClose(PersonAccessView view) => view.CanWrite(FieldGroup.Accompagnement);

    private DateOnly Today => ParisTime.Today(clock);

    public async Task<Result<Saved>> OpenAsync(PersonAccessView? view, OpenRequest request, CancellationToken ct = default)
    {
        if (view is null || !CanOpen(view)) return Result.NotFound();
        var personId = view.PersonId;
        var circonscriptionId = await db.Persons.Where(p => p.Id == personId).Select(p => p.CirconscriptionId).SingleAsync(ct);
        var errors = new Dictionary<string, string>();
        CheckTeam(request.ReferentId, request.CoWorkerIds, await rules.TeamCandidatesAsync(circonscriptionId, ct), errors);
        var motives = request.Motives ?? [];
        // A minimal record (refusal of computerisation) holds no motives: the follow-up is opened without them.
        if (view.IsPaperOnly) { if (motives.Count > 0) errors["Motives"] = FileStateAnswer.PaperOnlyMessage; }
        else if (motives.Count == 0) errors["Motives"] = "Cochez au moins un motif d'accompagnement.";
        var provenance = ReadProvenance(request.Source, request.PartnerName, request.ThirdParty, errors, request.ConfirmWarnings, out var partnerCheck);
        if (errors.Count > 0) return Result.Invalid(errors);

        var followUp = new FollowUp(personId, circonscriptionId, request.ReferentId!.Value, motives, Today, provenance!);
        if (request.CoWorkerIds is { Count: > 0 } coWorkers) followUp.Assign(request.ReferentId.Value, coWorkers);
        db.FollowUps.Add(followUp);
        // The first-reception appointments still to come (booked before any follow-up) become this follow-up's.
        foreach (var appointment in await db.Appointments.Where(a => a.PersonId == personId && a.FollowUpId == null
                     && a.Status == Domain.Agenda.AppointmentStatus.Prevu).ToListAsync(ct))
            appointment.JoinFollowUp(followUp.Id);
        journal.RecordWrite(personId, "ouverture d'un accompagnement", [FieldGroup.Equipe, FieldGroup.Accompagnement], view, followUp.Id);
        if (partnerCheck is not null) journal.RecordConfirmedWarnings(personId, "PartnerName", partnerCheck);
        await db.SaveChangesAsync(ct);
        await Conservation.LastContact.TouchAsync(db, clock, personId, followUp.OpenedOn, ct);
        files.Forget(personId);
        return Result.Ok(new Saved(followUp.Id, followUp.Version));
    }

    public async Task<Result<Saved>> AssignAsync(FollowUpInFile? target, AssignRequest request, CancellationToken ct = default)
    {
        if (Allowed(target, CanAssign) is null) return Result.NotFound();
        var followUp = target!.FollowUp;
        if (!followUp.IsOpen) return Result.Conflict(ClosedMessage);
        var errors = new Dictionary<string, string>();
        if (request.Version is null) errors["Version"] = "Indiquez la version de l'accompagnement sur laquelle porte la modification.";
        CheckTeam(request.ReferentId, request.CoWorkerIds, await rules.TeamCandidatesAsync(followUp.CirconscriptionId, ct), errors);
        if (errors.Count > 0) return Result.Invalid(errors);
        if (rules.StaleVersion(followUp, request.Version)) return Result.Conflict(ConflictMessage);

        followUp.Assign(request.ReferentId!.Value, request.CoWorkerIds ?? []);
        journal.RecordWrite(followUp.PersonId, "équipe de l'accompagnement", [FieldGroup.Equipe], target.File, followUp.Id);
        var saved = await rules.SaveAsync(followUp, ct);
        files.Forget(followUp.PersonId);
        return saved;
    }

    public async Task<Result<Saved>> UpdateAsync(FollowUpInFile? target, UpdateRequest request, CancellationToken ct = default)
    {
        if (Allowed(target, CanUpdate) is null) return Result.NotFound();
        var (followUp, view) = target!;
        if (!followUp.IsOpen) return Result.Conflict(ClosedMessage);
        var writesContent = view.CanWrite(FieldGroup.Accompagnement);
        var errors = new Dictionary<string, string>();
        if (request.Version is null) errors["Version"] = "Indiquez la version de l'accompagnement sur laquelle porte la modification.";

        Provenance? provenance = null;
        GuardResult? partnerCheck = null;
        var motives = request.Motives ?? [];
        if (writesContent)
        {
            if (motives.Count == 0) errors["Motives"] = "Cochez au moins un motif d'accompagnement.";
            // a partner's name already saved (so already confirmed) needs no new confirmation
            provenance = ReadProvenance(request.Source, request.PartnerName, request.ThirdParty, errors,
                request.ConfirmWarnings || request.PartnerName?.Trim() == followUp.Provenance.PartnerName, out partnerCheck);
        }
        else if (motives.Count > 0 || request.Source is not null || !string.IsNullOrWhiteSpace(request.PartnerName) || request.ThirdParty is not null)
        {
            errors["Motives"] = "Votre rôle ne permet pas de modifier les motifs de l'accompagnement ni leur provenance.";
        }

        if (errors.Count > 0) return Result.Invalid(errors);
        if (rules.StaleVersion(followUp, request.Version)) return Result.Conflict(ConflictMessage);

        var written = new List<FieldGroup>();
        if (writesContent && (!motives.Distinct().Order().SequenceEqual(followUp.Motives.Order()) || !SameProvenance(provenance!, followUp.Provenance)))
        {
            if (partnerCheck is not null && provenance!.PartnerName != followUp.Provenance.PartnerName)
                journal.RecordConfirmedWarnings(followUp.PersonId, "PartnerName", partnerCheck);
            followUp.Describe(motives, provenance!);
            written.Add(FieldGroup.Accompagnement);
        }
        if (written.Count > 0) journal.RecordWrite(followUp.PersonId, "modification de l'accompagnement", written, view, followUp.Id);
        return await rules.SaveAsync(followUp, ct);
    }

    public async Task<Result<Saved>> CloseAsync(FollowUpInFile? target, CloseRequest request, CancellationToken ct = default)
    {
        if (Allowed(target, CanClose) is null) return Result.NotFound();
        var followUp = target!.FollowUp;
        if (!followUp.IsOpen) return Result.Conflict("Cet accompagnement est déjà clos.");
        var errors = new Dictionary<string, string>();
        if (request.Version is null) errors["Version"] = "Indiquez la version de l'accompagnement sur laquelle porte la clôture.";
        if (request.ClosedOn is not { } on) errors["ClosedOn"] = "Saisissez la date de clôture (jour, mois, année).";
        else if (on > Today) errors["ClosedOn"] = "La date de clôture ne peut pas être dans le futur.";
        else if (on < followUp.OpenedOn) errors["ClosedOn"] = $"La date de clôture ne peut pas précéder l'ouverture de l'accompagnement (le {ParisTime.Day(followUp.OpenedOn)}).";
        if (errors.Count > 0) return Result.Invalid(errors);
        if (rules.StaleVersion(followUp, request.Version)) return Result.Conflict(ConflictMessage);

        followUp.Close(request.ClosedOn!.Value);
        // The working notes end with the follow-up: deleted by the same save (one transaction) as the closing.
        await WorkingNotes.RemoveOnClosingAsync(db, followUp.Id, ct);
        journal.RecordWrite(followUp.PersonId, "clôture de l'accompagnement", [FieldGroup.Accompagnement], target.File, followUp.Id);
        var saved = await rules.SaveAsync(followUp, ct);
        files.Forget(followUp.PersonId);
        return saved;
    }

    private static bool SameProvenance(Provenance a, Provenance b) =>
        a.Source == b.Source && a.PartnerName == b.PartnerName && a.ThirdParty == b.ThirdParty;
}
