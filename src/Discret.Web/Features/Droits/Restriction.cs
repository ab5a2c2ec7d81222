using System.Security.Claims;
using Discret.Data;
using Discret.Domain.Journal;
using Discret.Domain.Rights;
using Discret.Web.Features.Journal;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Droits;

/// <summary>
/// The right to restriction (GDPR art. 18), applied by the DPO from an open limitation request: from that day the file
/// is stored and may be consulted, but nothing of it is modified or shared (<see cref="PersonAccess"/> leaves only
/// the groups that record the person's rights writable) and the retention job keeps it. The DPO lifts the limitation
/// from the same request, open or closed, once the person has been told (art. 18.3), with the day they were told.
/// Both are journaled (<see cref="JournalAction.Limitation"/>, the request as reference) in the same save.
/// </summary>
/// <remarks>A decision on a request like the others (<see cref="RequestDecisions"/>); it changes who may write the file, so the request's
/// <see cref="PersonFileContext"/> forgets the file's access once saved.</remarks>
[AcrossFiles("the DPO limits or lifts the limitation of a file from a rights request, reached by the request's id")]
public sealed class Restriction(DiscretDbContext db, RequestAccess access, PersonFileContext files, AccessJournal journal, TimeProvider clock)
{
    public const string AppliedMessage = "Le traitement du dossier est limité : il peut être consulté, mais plus modifié ni partagé, et il ne sera pas supprimé tant que la limitation dure.";
    public const string LiftedMessage = "La limitation est levée : le dossier peut de nouveau être modifié et partagé.";
    public const string ConflictMessage = "Le dossier a été modifié pendant votre saisie : rien n'a été enregistré. Rechargez la page.";

    public async Task<Result> ApplyAsync(ClaimsPrincipal user, Guid requestId, CancellationToken ct = default)
    {
        if (!RequestAccess.SeesWholeRegister(user)) return Result.NotFound();
        var request = await access.FindForChangeAsync(user, requestId, ct);
        if (request is null) return Result.NotFound();
        if (request.Kind != RightKind.Limitation) return RequestDecisions.Refused("Cette demande n'est pas une demande de limitation.");
        if (!request.IsOpen) return RequestDecisions.Refused(RequestDecisions.ClosedMessage);
        var person = await db.Persons.FirstOrDefaultAsync(p => p.Id == request.PersonId, ct);
        if (person is null) return RequestDecisions.Refused("Le dossier de cette personne a été effacé : il n'y a plus rien à limiter.");
        if (person.IsRestricted) return RequestDecisions.Refused($"Le traitement de ce dossier est déjà limité depuis le {ParisTime.Day(person.RestrictedSince)}.");

        person.Restrict(request.Id, ParisTime.Today(clock));
        journal.Record(JournalAction.Limitation, person.Id, "limitation appliquée", reference: request.Id);
        return await SaveAsync(person.Id, ct);
    }

    public async Task<Result> LiftAsync(ClaimsPrincipal user, Guid requestId, string? personToldOn, CancellationToken ct = default)
    {
        if (!RequestAccess.SeesWholeRegister(user)) return Result.NotFound();
        var request = await access.FindForChangeAsync(user, requestId, ct);
        if (request is null) return Result.NotFound();
        var person = await db.Persons.FirstOrDefaultAsync(p => p.Id == request.PersonId, ct);
        if (person is null || person.RestrictionRequestId != request.Id)
            return RequestDecisions.Refused("Le traitement du dossier n'est pas limité au titre de cette demande : il n'y a rien à lever.");

        var today = ParisTime.Today(clock);
        const string field = "PersonToldOn";
        if (string.IsNullOrWhiteSpace(personToldOn))
            return Result.Invalid(field, "Saisissez la date à laquelle la personne a été prévenue de la levée (article 18.3 du RGPD : elle l'est avant).");
        if (ParisTime.ParseDay(personToldOn) is not { } told)
            return Result.Invalid(field, "Cette date n'est pas valide : saisissez-la au format jj/mm/aaaa.");
        if (told > today)
            return Result.Invalid(field, "La personne doit être prévenue avant la levée : cette date ne peut pas être dans le futur.");
        if (told < person.RestrictedSince)
            return Result.Invalid(field, $"Cette date précède la limitation elle-même (le {ParisTime.Day(person.RestrictedSince)}).");

        person.LiftRestriction();
        journal.Record(JournalAction.Limitation, person.Id, $"limitation levée, personne prévenue le {told:yyyy-MM-dd}", reference: request.Id);
        return await SaveAsync(person.Id, ct);
    }

    private async Task<Result> SaveAsync(Guid personId, CancellationToken ct)
    {
        var result = await RequestDecisions.SaveAsync(db, ConflictMessage, ct);
        if (result.Succeeded) files.Forget(personId);
        return result;
    }
}
