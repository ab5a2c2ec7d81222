using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Persons;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Personnes;

/// <summary>Adding a member to the household of a followed person (pages and API): the team only (Ménage group).</summary>
public sealed class HouseholdMembers(DiscretDbContext db, TimeProvider clock, Journal.AccessJournal journal)
{
    /// <summary>Un membre à ajouter au ménage d'une personne suivie (équipe de l'accompagnement) : un dossier est créé pour lui.</summary>
    /// <param name="BirthName">Nom de naissance : 100 caractères au plus, des lettres (accents compris), des espaces, des tirets et des apostrophes, en commençant par une lettre. Obligatoire.</param>
    /// <param name="UsageName">Nom d'usage : 100 caractères au plus ; facultatif.</param>
    /// <param name="FirstNames">Prénoms : 150 caractères au plus. Obligatoires.</param>
    /// <param name="BirthDate">Date de naissance, jour (AAAA-MM-JJ, calendrier de Paris) : ni dans le futur, ni plus de 125 ans avant. Obligatoire.</param>
    /// <param name="Link">Lien avec la personne de référence du ménage : tout membre de la liste sauf PersonneDeReference. Obligatoire.</param>
    public sealed record Request(string? BirthName, string? UsageName, string? FirstNames, DateOnly? BirthDate, HouseholdLink? Link);

    /// <returns>The new member's id.</returns>
    public async Task<Result<Guid>> AddAsync(PersonAccessView? view, Request request, CancellationToken ct = default)
    {
        if (view is null || !view.CanWrite(FieldGroup.Menage)) return Result.NotFound();
        var personId = view.PersonId;
        var (identity, errors) = PersonIdentity.Validate(request.BirthName, request.UsageName, request.FirstNames, request.BirthDate, null, null,
            ParisTime.Today(clock));
        if (request.Link is null or HouseholdLink.PersonneDeReference) errors[nameof(Request.Link)] = "Choisissez le lien avec la personne de référence.";
        if (errors.Count > 0) return Result.Invalid(errors);
        var person = await db.Persons.AsNoTracking().SingleAsync(p => p.Id == personId, ct);
        var member = new Person(identity!, person.HouseholdId, request.Link!.Value, person.CirconscriptionId, Provenance.ThePerson, clock.GetUtcNow().UtcDateTime);
        db.Persons.Add(member);
        journal.RecordWrite(personId, "ajout d'un membre du ménage", [FieldGroup.Menage], view, reference: member.Id);
        await db.SaveChangesAsync(ct);
        return Result.Ok(member.Id);
    }
}
