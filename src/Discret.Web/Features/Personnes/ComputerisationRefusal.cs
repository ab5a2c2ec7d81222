using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Persons;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Personnes;

/// <summary>
/// The person refuses computerisation (COSMOS: "people who refused had no answer"): the file becomes a minimal record —
/// identity, circonscription, referent and team, appointments — and the follow-up goes on on paper. In one save: the
/// contact details go (<see cref="Person.RefuseComputerisation"/>); the person leaves a shared household for a household
/// of their own without address, or, alone, their household's address is cleared; the interviews and working notes of
/// their follow-ups are deleted, the follow-ups' motives emptied (the follow-up, its referent, team and appointments
/// stay: the person is still received, and the agenda is part of the minimal record, <see cref="PersonAccess.PaperOnlyGroups"/>);
/// the tasks about the person are deleted (their titles are computerised work on the file, like interviews and notes; no
/// grant keeps them on a minimal record); consents and sharings are deleted; the journal says what, as counts (<see cref="JournalAction.Suppression"/>).
/// Information records and rights requests stay: they prove the person's rights were respected. From then on
/// <see cref="PersonAccess"/> opens only the minimal record's groups, to every role. The social worker assigned to the
/// person decides it, and records it when the person accepts computerisation again.
/// </summary>
public sealed class ComputerisationRefusal(DiscretDbContext db, PersonFileContext files, TimeProvider clock, AccessJournal journal)
{
    /// <summary>Le refus de l'informatisation par la personne : le dossier devient une fiche minimale, et ce qui en sort est supprimé sans retour.</summary>
    /// <param name="Confirm">true pour confirmer le refus, obligatoire ; absent ou false : rien n'est supprimé (400, données invalides).</param>
    public sealed record Request(bool Confirm = false);

    /// <summary>What the refusal deletes, counted (never shown in detail).</summary>
    public sealed record Inventory(int Interviews, int WorkingNotes, int Consents, int Sharings, int ContactDetails, int FollowUpsWithMotives,
        bool LeavesSharedHousehold, bool ClearsAddress, int Tasks)
    {
        /// <summary>"entretiens:3,notes:1,…": the journal's detail.</summary>
        public string Detail() =>
            $"entretiens:{Interviews},notes:{WorkingNotes},taches:{Tasks},accords:{Consents},partages:{Sharings},coordonnees:{ContactDetails},"
            + $"motifs:{FollowUpsWithMotives},menage:{(LeavesSharedHousehold ? "quitte" : ClearsAddress ? "adresse" : "aucun")}";
    }

    public sealed record Target(PersonAccessView View, string Name, DateOnly? PaperOnlySince, Inventory? Inventory);

    public const string ConfirmMessage = "Cochez la case pour confirmer que la personne refuse l'informatisation de son dossier.";
    public const string NotPaperOnlyMessage = "Le dossier de cette personne est déjà informatisé : rien n'a changé.";
    public const string ConcurrentMessage = "Le dossier a été modifié pendant votre action : rien n'a été supprimé. Recommencez.";

    /// <summary>The assigned social worker, while the file is computerised (content of the follow-up writable).</summary>
    public static bool MayRefuse(PersonAccessView view) =>
        view.Role == StaffRole.TravailleurSocial && view.Assigned && !view.IsPaperOnly && view.CanWrite(FieldGroup.Accompagnement);

    /// <summary>The assigned social worker of a minimal record.</summary>
    public static bool MayAccept(PersonAccessView view) =>
        view.Role == StaffRole.TravailleurSocial && view.Assigned && view.IsPaperOnly && view.CanWrite(FieldGroup.Identite);

    public static bool MayUse(PersonAccessView view) => MayRefuse(view) || MayAccept(view);

    private DateOnly Today => ParisTime.Today(clock);

    /// <summary>The person as the page shows it, with what a refusal would delete; null when the account may not use the page (404).</summary>
    public async Task<Target?> TargetAsync(PersonAccessView? view, CancellationToken ct = default)
    {
        if (view is null || !MayUse(view)) return null;
        var personId = view.PersonId;
        await journal.ReadAsync(view, [FieldGroup.Identite], ct);
        var name = await db.Persons.AsNoTracking().Where(p => p.Id == personId).Select(p => Person.NameOf(p.UsageName, p.BirthName, p.FirstNames)).SingleAsync(ct);
        return new Target(view, name, view.PaperOnlySince, view.IsPaperOnly ? null : await InventoryAsync(view, ct));
    }

    public async Task<Inventory> InventoryAsync(PersonAccessView file, CancellationToken ct = default)
    {
        var personId = file.PersonId;
        var person = await db.Persons.AsNoTracking().Where(p => p.Id == personId).Select(p => new { p.Phone, p.Email, p.HouseholdId }).SingleAsync(ct);
        var followUps = db.FollowUps.Where(f => f.PersonId == personId);
        var household = await db.Households.AsNoTracking().Where(h => h.Id == person.HouseholdId)
            .Select(h => new { h.AddressLine, h.PostalCode, h.City, Members = db.Persons.Count(m => m.HouseholdId == h.Id) }).SingleAsync(ct);
        var shared = household.Members > 1;
        return new Inventory(
            await db.Interviews.CountAsync(i => followUps.Any(f => f.Id == i.FollowUpId), ct),
            await db.WorkingNotes.CountAsync(n => followUps.Any(f => f.Id == n.FollowUpId), ct),
            await db.SharingConsents.CountAsync(c => c.PersonId == personId, ct),
            await db.Sharings.CountAsync(s => s.PersonId == personId, ct),
            (person.Phone is null ? 0 : 1) + (person.Email is null ? 0 : 1),
            (await followUps.Select(f => f.Motives).ToListAsync(ct)).Count(m => m.Count > 0),
            shared,
            !shared && (household.AddressLine ?? household.PostalCode ?? household.City) is not null,
            await db.Tasks.CountAsync(t => t.PersonId == personId, ct));
    }

    public async Task<Result> RefuseAsync(PersonAccessView? view, Request request, CancellationToken ct = default)
    {
        if (view is null || !MayRefuse(view)) return Result.NotFound();
        if (!request.Confirm) return Result.Invalid(nameof(Request.Confirm), ConfirmMessage);
        var personId = view.PersonId;

        var inventory = await InventoryAsync(view, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var person = await db.Persons.SingleAsync(p => p.Id == personId, ct);
        person.RefuseComputerisation(Today);
        if (inventory.LeavesSharedHousehold)
        {
            var own = new Household(new HouseholdAddress(null, null, null), now);
            db.Households.Add(own);
            person.MoveTo(own.Id, HouseholdLink.PersonneDeReference);
        }
        else if (inventory.ClearsAddress)
        {
            var household = await db.Households.SingleAsync(h => h.Id == person.HouseholdId, ct);
            household.Move(new HouseholdAddress(null, null, null));
        }
        var followUps = await db.FollowUps.Where(f => f.PersonId == personId).ToListAsync(ct);
        var followUpIds = followUps.Select(f => f.Id).ToList();
        foreach (var f in followUps.Where(f => f.Motives.Count > 0 || f.Provenance.Source != DataSource.Professionnel))
            f.Describe([], Provenance.AProfessional);
        db.Interviews.RemoveRange(await db.Interviews.Where(i => followUpIds.Contains(i.FollowUpId)).ToListAsync(ct));
        db.WorkingNotes.RemoveRange(await db.WorkingNotes.Where(n => followUpIds.Contains(n.FollowUpId)).ToListAsync(ct));
        db.Sharings.RemoveRange(await db.Sharings.Where(s => s.PersonId == personId).ToListAsync(ct));
        db.SharingConsents.RemoveRange(await db.SharingConsents.Where(c => c.PersonId == personId).ToListAsync(ct));
        db.Tasks.RemoveRange(await db.Tasks.Where(t => t.PersonId == personId).ToListAsync(ct));
        journal.Record(JournalAction.Suppression, personId, "refus de l'informatisation: " + inventory.Detail(), reference: view.BreakGlassId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Result.Conflict(ConcurrentMessage);
        }
        // The person told the worker, in person: a contact.
        await Conservation.LastContact.TouchAsync(db, clock, personId, Today, ct);
        files.Forget(personId);
        return Result.Ok();
    }

    public async Task<Result> AcceptAsync(PersonAccessView? view, CancellationToken ct = default)
    {
        if (view is null) return Result.NotFound();
        if (MayRefuse(view)) return Result.Conflict(NotPaperOnlyMessage);
        if (!MayAccept(view)) return Result.NotFound();
        var personId = view.PersonId;
        var person = await db.Persons.SingleAsync(p => p.Id == personId, ct);
        person.AcceptComputerisation();
        journal.RecordWrite(personId, "acceptation de l'informatisation", [FieldGroup.Identite], view);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Result.Conflict(ConcurrentMessage);
        }
        // The person told the worker, in person: a contact.
        await Conservation.LastContact.TouchAsync(db, clock, personId, Today, ct);
        files.Forget(personId);
        return Result.Ok();
    }
}

/// <summary>The refusal of computerisation and its end, on the same use case as the page: the assigned social worker only (404 otherwise).</summary>
public static class ComputerisationApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var persons = api.MapGroup("/personnes/{id:guid}").RequireAuthorization(Policies.PersonFiles);

        persons.MapPost("/refus-informatisation", async (PersonAccessView? file, ComputerisationRefusal.Request request, ComputerisationRefusal use, CancellationToken ct) =>
            (await use.RefuseAsync(file, request, ct)).ToHttp(Results.NoContent))
            .WithSummary("La personne refuse l'informatisation : le dossier devient une fiche minimale (identité, circonscription, référent, "
                         + "rendez-vous) ; entretiens, notes de travail, tâches, motifs, coordonnées, adresse, accords et partages sont supprimés. "
                         + "\"confirm\": true obligatoire. 409 ensuite pour toute écriture refusée sur ce dossier.")
            .Produces(StatusCodes.Status204NoContent);

        persons.MapPost("/acceptation-informatisation", async (PersonAccessView? file, ComputerisationRefusal use, CancellationToken ct) =>
            (await use.AcceptAsync(file, ct)).ToHttp(Results.NoContent))
            .WithSummary("La personne accepte de nouveau l'informatisation de son dossier (ce qui a été supprimé ne revient pas).")
            .Produces(StatusCodes.Status204NoContent);
    }
}
