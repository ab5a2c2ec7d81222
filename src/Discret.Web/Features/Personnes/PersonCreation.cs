using System.Security.Claims;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Persons;
using Discret.Web.Features.Garde;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Personnes;

/// <summary>
/// Creating a person's file, for pages and API alike. Reception and secretariat create it in their circonscription;
/// a social worker creates it with a follow-up of which they are the referent. Before anything is written, persons
/// already known to the whole service with the same name sound and birth date are reported — without their file.
/// </summary>
[AcrossFiles("creates a file; the duplicate check reads every circonscription's names and birth dates, journaled as a search, and shows only files the account already reaches")]
public sealed class PersonCreation(DiscretDbContext db, TimeProvider clock, PersonAccess access, Journal.AccessJournal journal)
{
    public static bool CanCreate(StaffRole? role) =>
        role is { } r && PersonAccess.Groups(r, sameCirconscription: true, assigned: OpensFollowUp(r), write: true).Contains(FieldGroup.Identite);

    public static bool OpensFollowUp(StaffRole? role) => role == StaffRole.TravailleurSocial;

    /// <summary>La création d'un dossier (accueil, secrétariat : dans leur circonscription ; travailleur social : avec un accompagnement dont il est le référent), après recherche des doublons.</summary>
    /// <param name="BirthName">Nom de naissance : 100 caractères au plus, des lettres (accents compris), des espaces, des tirets et des apostrophes, en commençant par une lettre. Obligatoire.</param>
    /// <param name="UsageName">Nom d'usage : 100 caractères au plus, mêmes caractères ; facultatif.</param>
    /// <param name="FirstNames">Prénoms : 150 caractères au plus, mêmes caractères. Obligatoire.</param>
    /// <param name="BirthDate">Date de naissance, jour (AAAA-MM-JJ, calendrier de Paris) : ni dans le futur, ni plus de 125 ans avant. Obligatoire.</param>
    /// <param name="Phone">Téléphone français de 10 chiffres (06 12 34 56 78, 06.12.34.56.78 ou 0612345678) ou international (+33612345678) ; facultatif.</param>
    /// <param name="Email">Adresse électronique ; facultative.</param>
    /// <param name="AddressLine">Adresse du ménage (numéro et voie) : 200 caractères au plus, sans identifiant ; facultative.</param>
    /// <param name="PostalCode">Code postal : 5 chiffres ; facultatif.</param>
    /// <param name="City">Commune : 100 caractères au plus, sans identifiant ; facultative.</param>
    /// <param name="Motives">Motifs de l'accompagnement ouvert avec le dossier : au moins un pour un travailleur social ; ignorés pour les autres rôles.</param>
    /// <param name="NotADuplicate">false (par défaut) : si une personne de même nom (à la prononciation près) et de même date de naissance est connue du service, rien n'est créé et la réponse est 409 « personne-peut-etre-deja-connue », avec ces personnes dans known. true, après vérification : le dossier est créé quand même.</param>
    public sealed record Request(string? BirthName, string? UsageName, string? FirstNames, DateOnly? BirthDate, string? Phone, string? Email,
        string? AddressLine, string? PostalCode, string? City, IReadOnlyList<FollowUpMotive>? Motives, bool NotADuplicate);

    /// <summary>A person already known: the file itself only when the account may already open it, else whom to ask.</summary>
    public sealed record KnownPerson(Guid? VisibleId, string Circonscription);

    /// <summary>The file created, or — nothing created — the persons already known with that name and birth date.</summary>
    public sealed record Creation(Guid? PersonId, IReadOnlyList<KnownPerson> Known)
    {
        public bool Created => PersonId is not null;
    }

    public async Task<Result<Creation>> CreateAsync(ClaimsPrincipal user, Request request, CancellationToken ct = default)
    {
        var role = user.Role();
        if (!CanCreate(role)) return Result.NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        var (identity, errors) = PersonIdentity.Validate(request.BirthName, request.UsageName, request.FirstNames, request.BirthDate,
            request.Phone, request.Email, ParisTime.DayOf(now));
        var (address, addressErrors) = HouseholdAddress.Validate(request.AddressLine, request.PostalCode, request.City);
        foreach (var (k, v) in addressErrors) errors[k] = v;
        FreeTextCheck.RefuseIdentifiers(request.AddressLine, nameof(Request.AddressLine), errors);
        FreeTextCheck.RefuseIdentifiers(request.City, nameof(Request.City), errors);
        var motives = request.Motives ?? [];
        if (OpensFollowUp(role) && motives.Count == 0) errors["Motives"] = "Cochez au moins un motif d'accompagnement.";
        if (errors.Count > 0) return Result.Invalid(errors);

        if (!request.NotADuplicate)
        {
            var known = await KnownAsync(user, identity!, ct);
            if (known.Count > 0) return Result.Ok(new Creation(null, known));
        }

        var circonscription = user.CirconscriptionId();
        var household = new Household(address!, now);
        var person = new Person(identity!, household.Id, HouseholdLink.PersonneDeReference, circonscription, Provenance.ThePerson, now);
        db.Households.Add(household);
        db.Persons.Add(person);
        if (OpensFollowUp(role))
            db.FollowUps.Add(new FollowUp(person.Id, circonscription, user.AccountId(), motives, ParisTime.DayOf(now), Provenance.AProfessional));
        journal.RecordWrite(person.Id, "création", OpensFollowUp(role)
            ? [FieldGroup.Identite, FieldGroup.Coordonnees, FieldGroup.Menage, FieldGroup.Equipe, FieldGroup.Accompagnement]
            : [FieldGroup.Identite, FieldGroup.Coordonnees, FieldGroup.Menage]);
        await db.SaveChangesAsync(ct);
        return Result.Ok(new Creation(person.Id, []));
    }

    private async Task<List<KnownPerson>> KnownAsync(ClaimsPrincipal user, PersonIdentity identity, CancellationToken ct)
    {
        var sounds = new[] { NameKeys.Sound(identity.BirthName), NameKeys.Sound(identity.UsageName) }.Where(s => s.Length > 0).Distinct().ToList();
        var matches = await db.Persons.AsNoTracking().Where(Person.InDailyWork)
            .Where(p => p.BirthDate == identity.BirthDate && (sounds.Contains(p.BirthNameSound) || sounds.Contains(p.UsageNameSound)))
            .Join(db.Circonscriptions, p => p.CirconscriptionId, c => c.Id, (p, c) => new { p.Id, Circonscription = c.Name })
            .Take(5).ToListAsync(ct);
        var visible = await access.VisiblePersons(user).Where(p => matches.Select(m => m.Id).Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        // The duplicate check searches every circonscription: journaled like any search (the count, never the terms).
        await journal.WriteAsync(JournalAction.Recherche, detail: $"doublons: {matches.Count} résultat(s)", ct: ct);
        return matches.Select(m => new KnownPerson(visible.Contains(m.Id) ? m.Id : null, m.Circonscription)).ToList();
    }
}
