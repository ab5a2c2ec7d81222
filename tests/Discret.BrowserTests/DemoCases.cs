using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Discret.BrowserTests;

/// <summary>Files written straight into the shared server's database, in the demo social worker's circonscription.</summary>
public static class DemoCases
{
    /// <summary>The demo social worker ("ts"): its account and circonscription.</summary>
    public sealed record Worker(Guid Id, Guid CirconscriptionId);

    /// <summary>
    /// A person with a generated name (<paramref name="namePrefix"/> and random letters) alone in a household;
    /// <paramref name="more"/> adds rows in the same save (a follow-up, a request…). Returns the person and the name.
    /// </summary>
    public static async Task<(Guid PersonId, string Name)> CreatePersonAsync(DiscretServer server, string namePrefix, string firstNames, DateOnly birthDate,
        Action<DiscretDbContext, Person, Worker>? more = null)
    {
        var name = namePrefix + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DiscretDbContext>();
        var worker = await db.Users.Where(u => u.UserName == "ts").Select(u => new Worker(u.Id, u.CirconscriptionId)).SingleAsync();
        var now = DateTime.UtcNow;
        var household = new Household(new HouseholdAddress("3 rue de l'Essai", "99000", "Valmont"), now);
        var person = new Person(new PersonIdentity(name, null, firstNames, birthDate, null, null),
            household.Id, HouseholdLink.PersonneDeReference, worker.CirconscriptionId, Provenance.ThePerson, now);
        db.Households.Add(household);
        db.Persons.Add(person);
        more?.Invoke(db, person, worker);
        await db.SaveChangesAsync();
        return (person.Id, name);
    }
}
