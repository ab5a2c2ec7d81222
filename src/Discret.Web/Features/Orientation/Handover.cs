using System.Security.Claims;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Persons;
using Discret.Web.Features.Accompagnements;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Orientation;

/// <summary>
/// « À réattribuer » and the handover: the open follow-ups of the head's circonscription whose referent is gone
/// (deactivated, moved to another circonscription or role, or awaiting confirmation) or absent today, and their
/// transfer to an available worker, one by one or several at once, with a reason from a closed list. The former
/// referent leaves the follow-up at once (and so the file, unless another follow-up keeps her on it); the team stays;
/// working notes stay with their author (<see cref="WorkingNotes"/>: author only), never transferred.
/// </summary>
/// <remarks>A circonscription's follow-ups to hand over are a bounded set (the caseloads of the absent workers): their sort
/// keys are read in one query and paged in memory after the cursor, as « Mes accompagnements » does.</remarks>
[AcrossFiles("the circonscription's open follow-ups whose referent is gone or absent, through PersonAccess.VisiblePersons")]
public sealed class Handover(DiscretDbContext db, PersonAccess access, PersonFileContext files, Workers workers,
    Journal.AccessJournal journal, TimeProvider clock)
{
    public const int PageSize = 50;
    /// <summary>At most this many follow-ups in one handover (one form's page and more): a bigger move is done in steps.</summary>
    public const int MaxAtOnce = 200;

    /// <summary>Liste fermée : Desactive (compte du référent désactivé) ; AutreAffectation (référent affecté ailleurs : il ne sert plus dans la circonscription) ; Absent (référent absent aujourd'hui).</summary>
    public enum ReferentState { Desactive, AutreAffectation, Absent }

    public sealed record Line(Guid FollowUpId, Guid PersonId, string Name, DateOnly BirthDate, DateOnly OpenedOn,
        Guid ReferentId, string Referent, ReferentState State, DateOnly? AbsentUntil);

    public sealed record Page(IReadOnlyList<Line> Lines, Guid? Next, bool First);

    /// <summary>La réattribution d'accompagnements de votre circonscription à un nouveau référent : tout ou rien.</summary>
    /// <param name="FollowUpIds">Identifiants (UUID) des accompagnements ouverts à réattribuer : de 1 à 200 ; un seul hors de portée et la demande répond 404.</param>
    /// <param name="NewReferentId">Identifiant (UUID) du nouveau référent : un travailleur social ou un responsable actif, présent, de votre circonscription, qui n'est déjà référent d'aucun d'eux. Obligatoire.</param>
    /// <param name="Reason">Motif de la réattribution. Obligatoire.</param>
    public sealed record Request(IReadOnlyList<Guid>? FollowUpIds, Guid? NewReferentId, HandoverReason? Reason);

    public static string Describe(ReferentState state, DateOnly? absentUntil) => state switch
    {
        ReferentState.Desactive => "compte désactivé",
        ReferentState.AutreAffectation => "affecté ailleurs",
        _ => absentUntil is { } until ? $"absent jusqu'au {ParisTime.Day(until)} inclus" : "absent, date de retour inconnue",
    };

    /// <summary>The follow-ups to hand over, by former referent then person; <paramref name="formerReferent"/> keeps one referent's.</summary>
    public async Task<Page> ToReassignAsync(ClaimsPrincipal head, Guid? formerReferent, Guid? after, int size, CancellationToken ct)
    {
        var circonscription = head.CirconscriptionId();
        var today = ParisTime.Today(clock);
        // The referents to replace: those no longer serving here (inactive, moved, awaiting confirmation) and the absent ones,
        // both rules stated once on StaffAccount.
        var serving = db.Users.Where(a => a.IsActive).Where(StaffAccount.HoldsFollowUpsIn.For(circonscription)).Select(a => a.Id);
        var absent = db.Users.Where(StaffAccount.IsAbsent.For(today)).Select(a => a.Id);
        // Three small steps: the referents to replace (a few among the circonscription's), their follow-ups, then those of their
        // persons the head reaches. Asked in one query, the database could not tell how few follow-ups that leaves, and read
        // every person of the département to join them to PersonAccess.VisiblePersons.
        var open = db.FollowUps.Where(f => f.Status == FollowUpStatus.Ouvert && f.CirconscriptionId == circonscription);
        var gone = await open.Select(f => f.ReferentId).Distinct()
            .Where(id => !serving.Contains(id) || absent.Contains(id)).ToListAsync(ct);
        if (formerReferent is { } one) gone = gone.Where(id => id == one).ToList();
        var followUps = await (from f in open.AsNoTracking().Where(f => gone.Contains(f.ReferentId))
                               join a in db.Users on f.ReferentId equals a.Id
                               select new { f.Id, f.PersonId, f.OpenedOn, f.ReferentId, a.DisplayName, a.IsActive, Serving = serving.Contains(a.Id), a.AbsentUntil })
            .ToListAsync(ct);
        var personIds = followUps.Select(f => f.PersonId).Distinct().ToList();
        var persons = await access.VisiblePersons(head).AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.UsageName, p.BirthName, p.FirstNames, p.BirthDate }).ToDictionaryAsync(p => p.Id, ct);
        var rows = followUps.Where(f => persons.ContainsKey(f.PersonId)).Select(f => (F: f, P: persons[f.PersonId]))
            .Select(x => new
            {
                x.F.Id, PersonId = x.P.Id, x.P.UsageName, x.P.BirthName, x.P.FirstNames, x.P.BirthDate, x.F.OpenedOn, x.F.ReferentId, x.F.DisplayName,
                x.F.IsActive, x.F.Serving, x.F.AbsentUntil,
            }).ToList();
        var ordered = rows
            .OrderBy(r => r.DisplayName, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.ReferentId)
            .ThenBy(r => r.UsageName ?? r.BirthName, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.FirstNames, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(r => r.Id).ToList();
        var start = after is { } cursor ? ordered.FindIndex(r => r.Id == cursor) + 1 : 0;
        var page = ordered.Skip(start).Take(size + 1).ToList();
        var next = page.Count > size ? page[size - 1].Id : (Guid?)null;
        var lines = page.Take(size).Select(r => new Line(r.Id, r.PersonId, Person.NameOf(r.UsageName, r.BirthName, r.FirstNames), r.BirthDate, r.OpenedOn,
            r.ReferentId, r.DisplayName, !r.IsActive ? ReferentState.Desactive : !r.Serving ? ReferentState.AutreAffectation : ReferentState.Absent,
            r.AbsentUntil)).ToList();
        await journal.WriteAsync(JournalAction.Recherche, detail: $"à réattribuer : {lines.Count} accompagnement(s)", ct: ct);
        return new Page(lines, next, start == 0);
    }

    /// <summary>
    /// Gives the chosen follow-ups a new referent. All or nothing: one follow-up the head may not change makes the whole
    /// request absent (404), one closed meanwhile or changed by someone else makes it a conflict; nothing is half-done.
    /// </summary>
    public async Task<Result<int>> HandOverAsync(ClaimsPrincipal head, Request request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var ids = (request.FollowUpIds ?? []).Distinct().ToList();
        if (ids.Count == 0) errors["FollowUpIds"] = "Cochez au moins un accompagnement à réattribuer.";
        else if (ids.Count > MaxAtOnce) errors["FollowUpIds"] = $"Réattribuez au plus {MaxAtOnce} accompagnements à la fois.";
        if (request.Reason is not { } reason || !Enum.IsDefined(reason)) errors["Reason"] = "Choisissez le motif de la réattribution dans la liste.";
        var available = await workers.AvailableTodayAsync(head.CirconscriptionId(), ct);
        if (request.NewReferentId is not { } newReferent) errors["NewReferentId"] = "Choisissez le nouveau référent.";
        else if (available.All(w => w.Id != newReferent))
            errors["NewReferentId"] = "Ce professionnel ne peut pas devenir référent : choisissez un travailleur social ou un responsable "
                                      + "de votre circonscription, actif et présent aujourd'hui.";
        if (errors.Count > 0) return Result.Invalid(errors);

        var targets = new List<FollowUpInFile>();
        foreach (var id in ids)
        {
            var found = await files.FollowUpAsync(id);
            if (found is null || found.FollowUp.CirconscriptionId != head.CirconscriptionId()) return Result.NotFound();
            // A limited file's team is not changed (art. 18), like through « Équipe »: the refusal says why.
            if (!found.File.StateAllowsWrite(FieldGroup.Equipe)) return FileStateAnswer.Refused(found.File);
            var target = FollowUpRules.Allowed(found, FollowUpCommands.CanAssign);
            if (target is null) return Result.NotFound();
            if (!target.FollowUp.IsOpen) return Result.Conflict(FollowUpRules.ClosedMessage);
            if (target.FollowUp.ReferentId == request.NewReferentId)
                return Result.Invalid("NewReferentId", "Ce professionnel est déjà le référent d'un des accompagnements cochés : décochez-le ou choisissez quelqu'un d'autre.");
            targets.Add(target);
        }
        foreach (var target in targets)
        {
            target.FollowUp.HandOver(request.NewReferentId!.Value);
            journal.RecordWrite(target.FollowUp.PersonId, $"réattribution de l'accompagnement (motif : {request.Reason!.Value.Label()})",
                [FieldGroup.Equipe], target.File, target.FollowUp.Id);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Result.Conflict(FollowUpRules.ConflictMessage);
        }
        foreach (var target in targets) files.Forget(target.FollowUp.PersonId);
        return Result.Ok(targets.Count);
    }
}
