using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Persons;
using Discret.Web.Features.Garde;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Accompagnements;

/// <summary>
/// What every use case on a follow-up shares: finding the follow-up through <see cref="PersonAccess"/> (absent and
/// unreachable look the same), the staff who may join its team, the provenance read from input, and the outcome.
/// </summary>
public sealed class FollowUpRules(DiscretDbContext db, PersonFileContext files, Journal.AccessJournal journal)
{
    public const string ConflictMessage =
        "Cet accompagnement a été modifié par quelqu'un d'autre pendant votre saisie. Votre saisie est conservée ci-dessous, "
        + "mais rien n'a été enregistré : vérifiez les valeurs actuelles, puis validez de nouveau si vous souhaitez les remplacer.";

    public const string ClosedMessage = "Cet accompagnement est clos : il ne peut plus être modifié.";


    /// <summary>A member of staff who may be referent or co-worker.</summary>
    public sealed record StaffChoice(Guid Id, string Name, StaffRole Role);

    /// <summary>Un accompagnement enregistré et la version dont partira la prochaine modification.</summary>
    /// <param name="Id">Identifiant (UUID) de l'accompagnement.</param>
    /// <param name="Version">Version de l'enregistrement, à renvoyer avec la prochaine modification (verrouillage optimiste : une version périmée répond 409).</param>
    public sealed record Saved(Guid Id, int Version);

    /// <summary>The follow-up when the account's access to its person passes <paramref name="allowed"/>, else null (404).</summary>
    /// <remarks>Through the request's <see cref="PersonFileContext"/>: the follow-up and its access are loaded once, whatever the number of checks.</remarks>
    public async Task<FollowUpInFile?> FindAsync(Guid followUpId, Func<PersonAccessView, bool> allowed) =>
        Allowed(await files.FollowUpAsync(followUpId), allowed);

    /// <summary>The target when the account's access passes <paramref name="allowed"/>, else null (the use case answers 404).</summary>
    public static FollowUpInFile? Allowed(FollowUpInFile? target, Func<PersonAccessView, bool> allowed) =>
        target is not null && allowed(target.File) ? target : null;

    /// <summary>Journals a page's read of a follow-up: the listed groups the account may read (the person's name counts as Identite).</summary>
    public Task JournalReadAsync(FollowUpInFile target, params FieldGroup[] groups) => journal.ReadAsync(target.File, groups);

    /// <summary>
    /// Active social workers and heads of the circonscription whose role there is confirmed: those who may accompany its
    /// persons (an account awaiting its confirmation reaches no file, so it follows none).
    /// </summary>
    public async Task<IReadOnlyList<StaffChoice>> TeamCandidatesAsync(Guid circonscriptionId, CancellationToken ct = default) =>
        await db.Users.AsNoTracking()
            .Where(a => a.IsActive).Where(StaffAccount.HoldsFollowUpsIn.For(circonscriptionId))
            .OrderBy(a => a.DisplayName)
            .Select(a => new StaffChoice(a.Id, a.DisplayName, a.Role))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<StaffChoice>> TeamCandidatesForPersonAsync(PersonAccessView file, CancellationToken ct = default) =>
        await TeamCandidatesAsync(await db.Persons.Where(p => p.Id == file.PersonId).Select(p => p.CirconscriptionId).SingleAsync(ct), ct);

    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IEnumerable<Guid> accountIds, CancellationToken ct = default)
    {
        var ids = accountIds.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.DisplayName, ct);
    }

    /// <summary>The person's name for headings, only when the account may read the identity.</summary>
    public async Task<string?> PersonNameAsync(PersonAccessView view, CancellationToken ct = default)
    {
        if (!view.CanRead(FieldGroup.Identite)) return null;
        return await db.Persons.AsNoTracking().Where(p => p.Id == view.PersonId)
            .Select(p => Person.NameOf(p.UsageName, p.BirthName, p.FirstNames)).FirstOrDefaultAsync(ct);
    }

    /// <summary>Checks a referent and co-workers against the candidates; adds French errors.</summary>
    public static void CheckTeam(Guid? referentId, IReadOnlyList<Guid>? coWorkerIds, IReadOnlyList<StaffChoice> candidates, Dictionary<string, string> errors)
    {
        var allowed = candidates.Select(c => c.Id).ToHashSet();
        if (referentId is null) errors["ReferentId"] = "Choisissez le référent de l'accompagnement.";
        else if (!allowed.Contains(referentId.Value)) errors["ReferentId"] = "Ce référent ne peut pas être choisi : choisissez un travailleur social ou un responsable actif de la circonscription.";
        if ((coWorkerIds ?? []).Any(id => !allowed.Contains(id)))
            errors["CoWorkerIds"] = "Un co-intervenant ne peut pas être choisi : choisissez parmi les professionnels actifs de la circonscription.";
    }

    /// <summary>
    /// Reads a provenance from input; the error goes to the field that is missing or wrong. A partner's name is free
    /// text and passes the sobriety guard (refused identifiers; warnings saved only once confirmed).
    /// </summary>
    /// <param name="partnerCheck">The guard's result on the partner's name, so that a confirmed warning can be journaled.</param>
    public static Provenance? ReadProvenance(DataSource? source, string? partnerName, ThirdPartyCategory? thirdParty, Dictionary<string, string> errors,
        bool confirmWarnings, out GuardResult? partnerCheck)
    {
        partnerCheck = null;
        var (value, problem) = Provenance.From(source, partnerName, thirdParty);
        if (problem is not null)
            errors[source switch { DataSource.Partenaire => "PartnerName", DataSource.Tiers => "ThirdParty", _ => "Source" }] = problem;
        else if (source == DataSource.Partenaire)
            partnerCheck = FreeTextCheck.Check(partnerName, "PartnerName", confirmWarnings, errors);
        return value;
    }

    /// <summary>Saves, turning a concurrent write into a conflict outcome (nothing overwritten).</summary>
    public async Task<Result<Saved>> SaveAsync(FollowUp followUp, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Result.Conflict(ConflictMessage);
        }
        return Result.Ok(new Saved(followUp.Id, followUp.Version));
    }

    /// <summary>Makes the save check the version the user started from, not only the one just loaded.</summary>
    public bool StaleVersion(FollowUp followUp, int? version)
    {
        if (version is null || version != followUp.Version) return true;
        db.Entry(followUp).Property(f => f.Version).OriginalValue = version.Value;
        return false;
    }
}
