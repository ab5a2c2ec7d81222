using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Agenda;
using Discret.Domain.Persons;
using Discret.Web.Features.Conservation;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Agenda;

/// <summary>An appointment together with the account's access to its person's file (null when the account reaches the
/// appointment only as one of its workers: a first-reception appointment booked for her by reception).</summary>
public sealed record AppointmentInFile(Appointment Appointment, PersonAccessView? File);

/// <summary>
/// Booking, moving and marking appointments — for pages and API alike. Who may: whoever writes
/// <see cref="FieldGroup.RendezVous"/> on the person's file (reception and secretariat for their circonscription, the
/// social worker on the files she follows: the catalogue's grants, read by <see cref="PersonAccess"/>); a worker of an
/// appointment may also mark what became of it. Every check runs before anything is saved: a clash (same worker or
/// same room at the same time), an end before the start, a deactivated worker, a room of another circonscription, a
/// date in the past other than to record what happened.
/// </summary>
[AcrossFiles("the clash check reads the times of other files' appointments of the same worker or room (never their person), and a worker reaches the appointments she receives")]
public sealed class AppointmentBooking(DiscretDbContext db, TimeProvider clock, PersonFileContext files, AccessJournal journal)
{
    /// <summary>Un rendez-vous à fixer. Refusé s'il chevauche un autre rendez-vous d'un même professionnel ou de la même salle.</summary>
    /// <param name="PersonId">Identifiant (UUID) de la personne reçue, dont vous devez pouvoir écrire l'agenda. Obligatoire.</param>
    /// <param name="FollowUpId">Identifiant (UUID) d'un accompagnement ouvert de la personne ; absent pour un premier accueil.</param>
    /// <param name="OtherMemberIds">Identifiants (UUID) d'autres membres du ménage de la personne, conviés avec elle ; absent : aucun.</param>
    /// <param name="WorkerIds">Identifiants (UUID) des professionnels qui reçoivent : travailleurs sociaux ou responsable, actifs, de la circonscription de la personne ; un travailleur social doit en être. Au moins un.</param>
    /// <param name="StartsAt">Début. Sans décalage horaire, lu comme l'heure de Paris ; avec Z ou un décalage, l'instant indiqué. Pas dans le passé, sauf pour noter en même temps qu'il a été honoré ou non (status). Obligatoire.</param>
    /// <param name="EndsAt">Fin, lue comme startsAt : après le début, 8 heures au plus après. Obligatoire.</param>
    /// <param name="Place">Lieu du rendez-vous. Obligatoire.</param>
    /// <param name="RoomId">Identifiant (UUID) d'une salle en service de la circonscription, seulement pour un rendez-vous au bureau de la circonscription ; facultatif.</param>
    /// <param name="Status">Absent pour un rendez-vous à venir (Prevu). Pour un rendez-vous passé enregistré après coup : Honore ou NonHonore.</param>
    public sealed record BookRequest(Guid? PersonId, Guid? FollowUpId, IReadOnlyList<Guid>? OtherMemberIds, IReadOnlyList<Guid>? WorkerIds,
        DateTime? StartsAt, DateTime? EndsAt, AppointmentPlace? Place, Guid? RoomId, AppointmentStatus? Status = null);

    /// <summary>Le déplacement d'un rendez-vous encore prévu : mêmes contrôles qu'à sa prise, jamais dans le passé.</summary>
    /// <param name="Version">Version de l'enregistrement telle que vous l'avez lue ; obligatoire. Une version périmée (changée entre-temps) répond 409 et rien n'est enregistré.</param>
    /// <param name="WorkerIds">Identifiants (UUID) des professionnels qui reçoivent (mêmes règles qu'à la prise du rendez-vous). Au moins un.</param>
    /// <param name="StartsAt">Nouveau début : sans décalage, heure de Paris ; avec Z ou un décalage, l'instant indiqué. Obligatoire.</param>
    /// <param name="EndsAt">Nouvelle fin, après le début, 8 heures au plus après. Obligatoire.</param>
    /// <param name="Place">Lieu du rendez-vous. Obligatoire.</param>
    /// <param name="RoomId">Identifiant (UUID) d'une salle, seulement au bureau de la circonscription ; facultatif.</param>
    public sealed record MoveRequest(int? Version, IReadOnlyList<Guid>? WorkerIds, DateTime? StartsAt, DateTime? EndsAt, AppointmentPlace? Place, Guid? RoomId);

    /// <summary>Ce qu'est devenu un rendez-vous (honoré : la personne est venue, c'est un contact).</summary>
    /// <param name="Version">Version de l'enregistrement telle que vous l'avez lue ; obligatoire. Une version périmée (changée entre-temps) répond 409 et rien n'est enregistré.</param>
    /// <param name="Status">Honore ou NonHonore (seulement le jour venu), Excuse ou Annule. Obligatoire.</param>
    /// <param name="CancellationReason">Raison de l'annulation : obligatoire quand status vaut Annule, refusée sinon.</param>
    public sealed record MarkRequest(int? Version, AppointmentStatus? Status, CancellationReason? CancellationReason = null);

    /// <summary>Un rendez-vous enregistré et sa nouvelle version.</summary>
    /// <param name="Id">Identifiant (UUID) du rendez-vous.</param>
    /// <param name="Version">Version de l'enregistrement, à renvoyer avec la prochaine modification (verrouillage optimiste : une version périmée répond 409).</param>
    public sealed record Saved(Guid Id, int Version);

    public const string ConflictMessage = "Ce rendez-vous a été modifié entre-temps : rechargez-le avant de le changer.";

    /// <summary>Who may book on a file: the one rule, from the catalogue's grants.</summary>
    public static bool CanBook(PersonAccessView view) => view.CanWrite(FieldGroup.RendezVous);

    public static bool CanRead(AppointmentInFile target, Guid accountId) =>
        target.File?.CanRead(FieldGroup.RendezVous) == true || IsWorker(target.Appointment, accountId);

    public static bool CanMove(AppointmentInFile target) => target.File is { } file && CanBook(file);

    public static bool CanMark(AppointmentInFile target, Guid accountId) =>
        target.File is { } file ? CanBook(file) || (IsWorker(target.Appointment, accountId) && file.CanRead(FieldGroup.RendezVous))
                                : IsWorker(target.Appointment, accountId);

    private static bool IsWorker(Appointment a, Guid accountId) => a.Workers.Any(w => w.StaffAccountId == accountId);

    /// <summary>The appointment and the account's access to its file; null when the account may not read it (404).</summary>
    public async Task<AppointmentInFile?> FindAsync(Guid appointmentId, Guid accountId, CancellationToken ct = default)
    {
        var appointment = await db.Appointments.Include(a => a.Workers).SingleOrDefaultAsync(a => a.Id == appointmentId, ct);
        if (appointment is null) return null;
        var file = await files.PersonAsync(appointment.PersonId, journalRefusal: !IsWorker(appointment, accountId));
        var target = new AppointmentInFile(appointment, file);
        return CanRead(target, accountId) ? target : null;
    }

    public async Task<Result<Saved>> BookAsync(PersonAccessView? view, BookRequest request, CancellationToken ct = default)
    {
        if (view is not null && !view.StateAllowsWrite(FieldGroup.RendezVous)) return FileStateAnswer.Refused(view);
        if (view is null || !CanBook(view)) return Result.NotFound();
        var person = await db.Persons.AsNoTracking().Where(p => p.Id == view.PersonId)
            .Select(p => new { p.CirconscriptionId, p.HouseholdId }).SingleAsync(ct);
        var errors = new Dictionary<string, string>();
        var now = clock.GetUtcNow().UtcDateTime;
        var slot = ReadSlot(request.StartsAt, request.EndsAt, request.Place, request.RoomId, errors);
        var workers = request.WorkerIds ?? [];
        await CheckWorkersAsync(workers, person.CirconscriptionId, view, errors, ct);
        await CheckRoomAsync(request.RoomId, request.Place, person.CirconscriptionId, errors, ct);

        if (request.FollowUpId is { } followUpId)
        {
            var followUp = await db.FollowUps.AsNoTracking().Where(f => f.Id == followUpId && f.PersonId == view.PersonId)
                .Select(f => new { f.Status }).SingleOrDefaultAsync(ct);
            if (followUp is null) errors["FollowUpId"] = "Cet accompagnement n'est pas celui de la personne.";
            else if (followUp.Status != FollowUpStatus.Ouvert) errors["FollowUpId"] = "Cet accompagnement est clos : un rendez-vous ne s'y rattache plus.";
        }
        var members = (request.OtherMemberIds ?? []).Where(id => id != view.PersonId).Distinct().ToList();
        if (members.Count > 0)
        {
            var inHousehold = person.HouseholdId is { } household
                ? await db.Persons.CountAsync(p => members.Contains(p.Id) && p.HouseholdId == household, ct) : 0;
            if (inHousehold != members.Count) errors["OtherMemberIds"] = "Seuls les membres du ménage de la personne peuvent être conviés avec elle.";
        }

        var status = request.Status ?? AppointmentStatus.Prevu;
        if (slot is not null)
        {
            if (slot.StartsAt < now && status is not (AppointmentStatus.Honore or AppointmentStatus.NonHonore))
                errors["StartsAt"] = "Cette heure est passée : un rendez-vous passé ne s'enregistre que pour noter qu'il a été honoré ou non.";
            else if (slot.StartsAt >= now && status != AppointmentStatus.Prevu)
                errors["Status"] = "Un rendez-vous à venir est « prévu » : ce qu'il est devenu se note le jour venu.";
        }
        if (slot is not null && !errors.ContainsKey("WorkerIds") && !errors.ContainsKey("RoomId"))
            await CheckClashesAsync(slot, workers, null, errors, ct);
        if (errors.Count > 0) return Result.Invalid(errors);

        var appointment = new Appointment(view.PersonId, person.CirconscriptionId, request.FollowUpId, members, workers, slot!, view.AccountId, now, status);
        db.Appointments.Add(appointment);
        journal.RecordWrite(view.PersonId, "prise d'un rendez-vous", [FieldGroup.RendezVous], view, appointment.Id);
        await db.SaveChangesAsync(ct);
        if (Appointment.CountsAsContact(status)) await TouchContactAsync(appointment, ct);
        return Result.Ok(new Saved(appointment.Id, appointment.Version));
    }

    public async Task<Result<Saved>> MoveAsync(AppointmentInFile? target, MoveRequest request, CancellationToken ct = default)
    {
        if (target is null) return Result.NotFound();
        if (await RefusedByFileStateAsync(target, ct) is { } refused) return refused;
        if (!CanMove(target)) return Result.NotFound();
        var (appointment, view) = target;
        if (!appointment.IsPlanned) return Result.Conflict("Ce rendez-vous n'est plus prévu : il ne peut plus être déplacé.");
        var errors = new Dictionary<string, string>();
        if (request.Version is null) errors["Version"] = "Indiquez la version du rendez-vous sur laquelle porte la modification.";
        var slot = ReadSlot(request.StartsAt, request.EndsAt, request.Place, request.RoomId, errors);
        var workers = request.WorkerIds ?? [];
        await CheckWorkersAsync(workers, appointment.CirconscriptionId, view!, errors, ct);
        await CheckRoomAsync(request.RoomId, request.Place, appointment.CirconscriptionId, errors, ct);
        if (slot is not null && slot.StartsAt < clock.GetUtcNow().UtcDateTime)
            errors["StartsAt"] = "Un rendez-vous ne peut pas être déplacé dans le passé.";
        if (slot is not null && !errors.ContainsKey("WorkerIds") && !errors.ContainsKey("RoomId"))
            await CheckClashesAsync(slot, workers, appointment.Id, errors, ct);
        if (errors.Count > 0) return Result.Invalid(errors);
        if (request.Version != appointment.Version) return Result.Conflict(ConflictMessage);

        appointment.Move(slot!, workers);
        journal.RecordWrite(appointment.PersonId, "déplacement d'un rendez-vous", [FieldGroup.RendezVous], view, appointment.Id);
        return await SaveAsync(appointment, ct);
    }

    public async Task<Result<Saved>> MarkAsync(AppointmentInFile? target, Guid accountId, MarkRequest request, CancellationToken ct = default)
    {
        if (target is null) return Result.NotFound();
        if (await RefusedByFileStateAsync(target, ct) is { } refused) return refused;
        if (!CanMark(target, accountId)) return Result.NotFound();
        var (appointment, view) = target;
        if (appointment.Status == AppointmentStatus.Annule) return Result.Conflict("Ce rendez-vous est annulé : ce qu'il est devenu ne se note plus.");
        var errors = new Dictionary<string, string>();
        if (request.Version is null) errors["Version"] = "Indiquez la version du rendez-vous sur laquelle porte la modification.";
        switch (request.Status)
        {
            case null or AppointmentStatus.Prevu:
                errors["Status"] = "Indiquez ce qu'est devenu le rendez-vous : honoré, non honoré, excusé ou annulé.";
                break;
            case AppointmentStatus.Honore or AppointmentStatus.NonHonore when ParisTime.DayOf(appointment.StartsAt) > ParisTime.Today(clock):
                errors["Status"] = "Ce rendez-vous est à venir : il ne peut pas encore être noté honoré ou non honoré.";
                break;
            case AppointmentStatus.Annule when request.CancellationReason is null:
                errors["CancellationReason"] = "Choisissez la raison de l'annulation.";
                break;
        }
        if (request.Status != AppointmentStatus.Annule && request.CancellationReason is not null)
            errors["CancellationReason"] = "Une raison d'annulation ne s'indique que pour annuler le rendez-vous.";
        if (errors.Count > 0) return Result.Invalid(errors);
        if (request.Version != appointment.Version) return Result.Conflict(ConflictMessage);

        appointment.Mark(request.Status!.Value, request.CancellationReason);
        journal.RecordWrite(appointment.PersonId, "suite d'un rendez-vous", [FieldGroup.RendezVous], view, appointment.Id);
        var saved = await SaveAsync(appointment, ct);
        if (saved.Succeeded && Appointment.CountsAsContact(appointment.Status)) await TouchContactAsync(appointment, ct);
        return saved;
    }

    /// <summary>
    /// An appointment is written like its file (<see cref="PersonAccess.StateAllowsWrite"/>): it stays open on a minimal
    /// record (paper only: the person is still received), and nothing is booked, moved or marked on a limited file (art. 18)
    /// — whoever writes, the worker who receives the person included, even when she does not reach the file itself (a
    /// first-reception appointment booked for her). The refusal says why. Null when the write may go on.
    /// </summary>
    private async Task<Failure?> RefusedByFileStateAsync(AppointmentInFile target, CancellationToken ct)
    {
        if (target.File is { } file) return file.StateAllowsWrite(FieldGroup.RendezVous) ? null : FileStateAnswer.Refused(file);
        var state = await db.Persons.AsNoTracking().Where(p => p.Id == target.Appointment.PersonId)
            .Select(p => new { p.PaperOnlySince, p.RestrictedSince }).SingleAsync(ct);
        return PersonAccess.StateAllowsWrite(FieldGroup.RendezVous, state.PaperOnlySince, state.RestrictedSince)
            ? null : FileStateAnswer.Refused(state.PaperOnlySince, state.RestrictedSince);
    }

    private async Task<Result<Saved>> SaveAsync(Appointment appointment, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result.Ok(new Saved(appointment.Id, appointment.Version));
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(ConflictMessage);
        }
    }

    /// <summary>An honoured appointment is a contact with each person concerned (the retention clock runs from it).</summary>
    private async Task TouchContactAsync(Appointment appointment, CancellationToken ct)
    {
        foreach (var personId in appointment.PersonsConcerned)
            await LastContact.TouchAsync(db, clock, personId, ParisTime.DayOf(appointment.StartsAt), ct);
    }

    private static AppointmentSlot? ReadSlot(DateTime? startsAt, DateTime? endsAt, AppointmentPlace? place, Guid? roomId, Dictionary<string, string> errors)
    {
        if (startsAt is null) errors["StartsAt"] = "Indiquez la date et l'heure de début du rendez-vous.";
        if (endsAt is null) errors["EndsAt"] = "Indiquez l'heure de fin du rendez-vous.";
        if (place is null) errors["Place"] = "Choisissez le lieu du rendez-vous.";
        if (startsAt is null || endsAt is null || place is null) return null;
        var start = ParisTime.ToUtc(startsAt.Value);
        var end = ParisTime.ToUtc(endsAt.Value);
        if (end <= start) { errors["EndsAt"] = "L'heure de fin doit être après l'heure de début."; return null; }
        if (end - start > Appointment.MaxDuration) { errors["EndsAt"] = "Un rendez-vous dure 8 heures au plus."; return null; }
        return new AppointmentSlot(start, end, place.Value, roomId);
    }

    private async Task CheckWorkersAsync(IReadOnlyList<Guid> workerIds, Guid circonscriptionId, PersonAccessView view, Dictionary<string, string> errors, CancellationToken ct)
    {
        if (workerIds.Count == 0) { errors["WorkerIds"] = "Choisissez le professionnel qui reçoit la personne."; return; }
        var ids = workerIds.Distinct().ToList();
        var accounts = await db.Users.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.IsActive, a.CirconscriptionId, a.Role }).ToListAsync(ct);
        if (accounts.Count != ids.Count || accounts.Any(a => a.CirconscriptionId != circonscriptionId))
            errors["WorkerIds"] = "Ce professionnel n'est pas de la circonscription de la personne.";
        else if (accounts.Any(a => !a.IsActive))
            errors["WorkerIds"] = "Ce professionnel n'est plus en activité : choisissez un autre professionnel.";
        else if (accounts.Any(a => !Receives(a.Role)))
            errors["WorkerIds"] = "Seuls les travailleurs sociaux et le responsable de circonscription reçoivent en rendez-vous.";
        else if (view.Role == StaffRole.TravailleurSocial && !ids.Contains(view.AccountId))
            errors["WorkerIds"] = "Vous fixez vos propres rendez-vous : vous devez être parmi les professionnels qui reçoivent la personne.";
    }

    /// <summary>The roles that receive persons in appointments.</summary>
    public static bool Receives(StaffRole role) => role is StaffRole.TravailleurSocial or StaffRole.ResponsableCirconscription;

    private async Task CheckRoomAsync(Guid? roomId, AppointmentPlace? place, Guid circonscriptionId, Dictionary<string, string> errors, CancellationToken ct)
    {
        if (roomId is not { } id) return;
        if (place is not null and not AppointmentPlace.BureauCirconscription)
        {
            errors["RoomId"] = "Une salle ne se choisit que pour un rendez-vous au bureau de la circonscription.";
            return;
        }
        var room = await db.Rooms.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.CirconscriptionId, r.IsActive }).SingleOrDefaultAsync(ct);
        if (room is null || room.CirconscriptionId != circonscriptionId)
            errors["RoomId"] = "Cette salle n'est pas une salle de la circonscription du rendez-vous.";
        else if (!room.IsActive)
            errors["RoomId"] = "Cette salle n'est plus en service : choisissez-en une autre.";
    }

    private async Task CheckClashesAsync(AppointmentSlot slot, IReadOnlyList<Guid> workerIds, Guid? self, Dictionary<string, string> errors, CancellationToken ct)
    {
        var overlapping = db.Appointments.AsNoTracking().Where(Appointment.Overlaps.For(slot)).Where(a => a.Id != self);
        var worker = await overlapping.Where(a => a.Workers.Any(w => workerIds.Contains(w.StaffAccountId)))
            .OrderBy(a => a.StartsAt).Select(a => new { a.StartsAt, a.EndsAt }).FirstOrDefaultAsync(ct);
        if (worker is not null)
            errors["WorkerIds"] = $"Ce professionnel a déjà un rendez-vous de {ParisTime.Time(worker.StartsAt)} à {ParisTime.Time(worker.EndsAt)} le {ParisTime.Day(worker.StartsAt)} : choisissez une autre heure.";
        if (slot.RoomId is { } roomId)
        {
            var room = await overlapping.Where(a => a.RoomId == roomId)
                .OrderBy(a => a.StartsAt).Select(a => new { a.StartsAt, a.EndsAt }).FirstOrDefaultAsync(ct);
            if (room is not null)
                errors["RoomId"] = $"Cette salle est déjà occupée de {ParisTime.Time(room.StartsAt)} à {ParisTime.Time(room.EndsAt)} le {ParisTime.Day(room.StartsAt)} : choisissez une autre salle ou une autre heure.";
        }
    }
}
