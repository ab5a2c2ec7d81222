using System.Globalization;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Persons;
using Discret.Domain.Rights;
using Discret.Web.Features.Garde;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Personnes;

/// <summary>
/// Changing a person's identity and contact details (pages and API). Only the groups the account may write are
/// taken from the request; a stale version is refused as a conflict so that nobody overwrites a colleague's change.
/// </summary>
public sealed class PersonEditing(DiscretDbContext db, TimeProvider clock, Journal.AccessJournal journal)
{
    /// <summary>L'identité et les coordonnées d'une personne : seuls les groupes que le compte peut écrire sont pris dans la requête, les autres gardent leur valeur.</summary>
    /// <param name="Version">Version du dossier telle que vous l'avez lue (identity.version) ; obligatoire. Une version périmée répond 409 et rien n'est enregistré.</param>
    /// <param name="BirthName">Nom de naissance : 100 caractères au plus, des lettres (accents compris), des espaces, des tirets et des apostrophes, en commençant par une lettre. Obligatoire si le compte écrit l'identité.</param>
    /// <param name="UsageName">Nom d'usage : 100 caractères au plus, mêmes caractères ; absent ou null : aucun.</param>
    /// <param name="FirstNames">Prénoms : 150 caractères au plus, mêmes caractères. Obligatoires si le compte écrit l'identité.</param>
    /// <param name="BirthDate">Date de naissance, jour (AAAA-MM-JJ, calendrier de Paris) : ni dans le futur, ni plus de 125 ans avant. Obligatoire si le compte écrit l'identité.</param>
    /// <param name="Phone">Téléphone français de 10 chiffres ou international (+33…) ; absent ou null : effacé. Sur une fiche minimale (dossier papier), en envoyer répond 409.</param>
    /// <param name="Email">Adresse électronique ; absente ou null : effacée. Sur une fiche minimale, en envoyer répond 409.</param>
    /// <param name="AddressLine">Adresse du ménage : 200 caractères au plus, sans identifiant ; absente ou null : effacée.</param>
    /// <param name="PostalCode">Code postal : 5 chiffres ; absent ou null : effacé.</param>
    /// <param name="City">Commune : 100 caractères au plus, sans identifiant ; absente ou null : effacée.</param>
    /// <param name="Source">D'où vient l'information (l'identité) : Personne, Professionnel, Partenaire (partnerName obligatoire) ou Tiers (thirdParty obligatoire).</param>
    /// <param name="PartnerName">Nom de l'organisme partenaire qui a transmis l'information, quand source vaut Partenaire (ignoré sinon) ; 120 caractères au plus ; passe la garde de sobriété (identifiant refusé ; mots à relire : confirmWarnings).</param>
    /// <param name="ThirdParty">Catégorie du tiers qui a signalé l'information, quand source vaut Tiers (jamais un nom) ; ignorée sinon. Une information d'un tiers est montrée partout comme non vérifiée.</param>
    /// <param name="ConfirmWarnings">true pour enregistrer malgré les mots à relire signalés par la garde de sobriété (santé, jugement, catégories particulières de l'art. 9 RGPD, infractions) ; absent ou false : ils sont refusés (400) avec leur message. Un identifiant (NIR, numéro CAF, IBAN…) est refusé dans tous les cas.</param>
    /// <param name="RightsRequestId">Identifiant (UUID) d'une demande de rectification en cours de la personne, quand la modification y répond (RGPD, art. 16) : le journal le dit. Facultatif ; inconnue ou close : 400.</param>
    public sealed record Request(int Version, string? BirthName, string? UsageName, string? FirstNames, DateOnly? BirthDate,
        string? Phone, string? Email, string? AddressLine, string? PostalCode, string? City,
        DataSource? Source, string? PartnerName, ThirdPartyCategory? ThirdParty, bool ConfirmWarnings = false, Guid? RightsRequestId = null);

    public const string ConflictMessage =
        "Ce dossier a été modifié par quelqu'un d'autre pendant votre saisie : rien n'a été enregistré. Votre saisie est conservée ci-dessous ; vérifiez la version actuelle du dossier avant de valider de nouveau.";

    public const string RectificationRequestMissingMessage =
        "La demande de rectification indiquée n'existe pas pour cette personne ou elle est déjà close : rien n'a été enregistré.";

    public static bool MayEdit(PersonAccessView? file) => file is not null && (file.CanWrite(FieldGroup.Identite) || file.CanWrite(FieldGroup.Coordonnees));

    /// <summary>The values the form starts from (its read is journaled).</summary>
    public async Task<Result<Request>> CurrentAsync(PersonAccessView? file, CancellationToken ct = default)
    {
        if (!MayEdit(file)) return Result.NotFound();
        await journal.ReadAsync(file!, [FieldGroup.Identite, FieldGroup.Coordonnees], ct);
        var p = await db.Persons.AsNoTracking().SingleAsync(x => x.Id == file!.PersonId, ct);
        var h = await db.Households.AsNoTracking().SingleAsync(x => x.Id == p.HouseholdId, ct);
        return Result.Ok(new Request(p.Version, p.BirthName, p.UsageName, p.FirstNames, p.BirthDate, p.Phone, p.Email, h.AddressLine, h.PostalCode, h.City,
            p.Provenance.Source, p.Provenance.PartnerName, p.Provenance.ThirdParty));
    }

    /// <summary>The version a new attempt starts from, after a conflict.</summary>
    public Task<int> VersionAsync(PersonAccessView file, CancellationToken ct = default) =>
        db.Persons.Where(p => p.Id == file.PersonId).Select(p => p.Version).SingleAsync(ct);

    public async Task<Result> UpdateAsync(PersonAccessView? file, Request request, CancellationToken ct = default)
    {
        if (!MayEdit(file)) return Result.NotFound();
        var view = file!;
        var personId = view.PersonId;
        // A minimal record (refusal of computerisation) holds no contact details: sending some is refused, not ignored.
        if (view.IsPaperOnly && new[] { request.Phone, request.Email, request.AddressLine, request.PostalCode, request.City }.Any(v => !string.IsNullOrWhiteSpace(v)))
            return Result.Conflict(FileStateAnswer.PaperOnlyMessage, FileStateAnswer.PaperOnlyTitle);
        var person = await db.Persons.SingleAsync(p => p.Id == personId, ct);
        var household = await db.Households.SingleAsync(h => h.Id == person.HouseholdId, ct);
        var writesIdentity = view.CanWrite(FieldGroup.Identite);
        var writesContact = view.CanWrite(FieldGroup.Coordonnees);

        // What the account may not write keeps its stored value.
        var (identity, errors) = PersonIdentity.Validate(
            writesIdentity ? request.BirthName : person.BirthName, writesIdentity ? request.UsageName : person.UsageName,
            writesIdentity ? request.FirstNames : person.FirstNames, writesIdentity ? request.BirthDate : person.BirthDate,
            writesContact ? request.Phone : person.Phone, writesContact ? request.Email : person.Email,
            ParisTime.Today(clock), new PersonIdentity(person.BirthName, person.UsageName, person.FirstNames, person.BirthDate, person.Phone, person.Email));
        HouseholdAddress? address = null;
        if (writesContact)
        {
            (address, var addressErrors) = HouseholdAddress.Validate(request.AddressLine, request.PostalCode, request.City);
            foreach (var (k, v) in addressErrors) errors[k] = v;
            FreeTextCheck.RefuseIdentifiers(request.AddressLine, nameof(Request.AddressLine), errors);
            FreeTextCheck.RefuseIdentifiers(request.City, nameof(Request.City), errors);
        }
        var provenance = person.Provenance;
        GuardResult? partnerCheck = null;
        if (writesIdentity)
        {
            var (value, problem) = Provenance.From(request.Source, request.PartnerName, request.ThirdParty);
            if (problem is not null) errors[nameof(Request.Source)] = problem;
            else
            {
                // The partner's name is free text: the sobriety guard; a name already saved (so already confirmed) needs no new confirmation.
                if (value!.Source == DataSource.Partenaire)
                    partnerCheck = FreeTextCheck.Check(request.PartnerName, nameof(Request.PartnerName),
                        request.ConfirmWarnings || value.PartnerName == person.Provenance.PartnerName, errors);
                provenance = value;
            }
        }
        // A rectification made on a person's request (GDPR art. 16) carries the request: the journal then says on which request.
        if (request.RightsRequestId is { } rightsRequestId && !await db.RightsRequests.AnyAsync(r => r.Id == rightsRequestId && r.PersonId == personId
                && r.Kind == Domain.Rights.RightKind.Rectification && r.Status == Domain.Rights.RequestStatus.EnCours, ct))
            errors[""] = RectificationRequestMissingMessage;
        if (errors.Count > 0) return Result.Invalid(errors);
        if (person.Version != request.Version) return Result.Conflict(ConflictMessage);

        // A partner's name already saved was confirmed then; only a new one is a new confirmation.
        if (partnerCheck is not null && provenance.PartnerName != person.Provenance.PartnerName) journal.RecordConfirmedWarnings(personId, nameof(Request.PartnerName), partnerCheck);
        // R20: a rectification keeps the values it replaces, out of the file (the DPO reads them on the request's page).
        if (request.RightsRequestId is { } rectification)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var (field, previous) in Replaced(person, identity!, household, address))
                db.RectifiedValues.Add(new RectifiedValue(rectification, personId, field, previous, view.AccountId, now));
        }
        person.Update(identity!, provenance);
        if (address is not null && address != new HouseholdAddress(household.AddressLine, household.PostalCode, household.City)) household.Move(address);
        journal.RecordWrite(personId, request.RightsRequestId is null ? "modification" : "rectification",
            new[] { FieldGroup.Identite, FieldGroup.Coordonnees }.Where(view.CanWrite), view, request.RightsRequestId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Conflict(ConflictMessage);
        }
        return Result.Ok();
    }

    /// <summary>The fields the new values change, each with the value it had (catalogue property names).</summary>
    private static IEnumerable<(string Field, string? Previous)> Replaced(Person person, PersonIdentity identity, Household household, HouseholdAddress? address)
    {
        static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        (string Field, string? Before, string? After)[] fields =
        [
            (nameof(Person.BirthName), person.BirthName, identity.BirthName),
            (nameof(Person.UsageName), person.UsageName, identity.UsageName),
            (nameof(Person.FirstNames), person.FirstNames, identity.FirstNames),
            (nameof(Person.BirthDate), Day(person.BirthDate), Day(identity.BirthDate)),
            (nameof(Person.Phone), person.Phone, identity.Phone),
            (nameof(Person.Email), person.Email, identity.Email),
            (nameof(Household.AddressLine), household.AddressLine, address is null ? household.AddressLine : address.Line),
            (nameof(Household.PostalCode), household.PostalCode, address is null ? household.PostalCode : address.PostalCode),
            (nameof(Household.City), household.City, address is null ? household.City : address.City),
        ];
        return fields.Where(f => f.Before != f.After).Select(f => (f.Field, f.Before));
    }
}
