using Discret.Web.Data;
using Discret.Web.Domain.Accounts;
using Discret.Web.Domain.Organisation;
using Discret.Web.Domain.Persons;
using Discret.Web.Features.Connexion;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Demo;

/// <summary>
/// Demo mode: applies the migrations, then on an empty database creates a fictional département, its
/// circonscriptions, one ready-to-use account per role and a few hundred generated persons. Nothing real.
/// </summary>
public sealed class DemoDataSeeder(DiscretDbContext db, UserManager<StaffAccount> users, IUserStore<StaffAccount> store, TimeProvider clock)
{
    public const int PersonCount = 300;
    public static readonly string[] CirconscriptionNames = ["Valmont-Nord", "Valmont-Sud", "Les Coteaux"];

    public static async Task MigrateAndSeedAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DiscretDbContext>();
        await db.Database.MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
    }

    public async Task SeedAsync()
    {
        if (await db.DepartementSettings.AnyAsync()) return;
        var now = clock.GetUtcNow().UtcDateTime;

        db.DepartementSettings.Add(new DepartementSettings("Département de Valmont (fictif)", "#1f5f8b",
            "Président du conseil départemental de Valmont", "dpo@valmont.example — 1 place de la Préfecture, 99000 Valmont"));
        var circonscriptions = CirconscriptionNames.Select(n => new Circonscription(n)).ToList();
        db.Circonscriptions.AddRange(circonscriptions);
        await db.SaveChangesAsync();

        foreach (var demo in DemoAccounts.All)
        {
            var account = new StaffAccount(demo.Login, demo.DisplayName, demo.Role, circonscriptions[demo.Circonscription].Id, now);
            account.AcceptCharter(Charter.Version, now);
            account.PasswordWasChanged(now);
            account.TwoFactorEnabled = true;
            var created = await users.CreateAsync(account, DemoAccounts.Password);
            if (!created.Succeeded) throw new InvalidOperationException("Demo account could not be created: " + created.Errors.First().Code);
            await ((IUserAuthenticatorKeyStore<StaffAccount>)store).SetAuthenticatorKeyAsync(account, DemoAccounts.TotpSecret, CancellationToken.None);
            await users.UpdateAsync(account);
        }

        db.Persons.AddRange(GeneratePersons(circonscriptions, now));
        await db.SaveChangesAsync();
    }

    /// <summary>Fictional persons: names drawn from common French names, birth dates at random, seeded so every demo is the same.</summary>
    public static IEnumerable<Person> GeneratePersons(IReadOnlyList<Circonscription> circonscriptions, DateTime now)
    {
        string[] lastNames = ["Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent",
            "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard", "Bonnet", "Dupont",
            "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure", "André", "Mercier", "Blanc", "Guérin",
            "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia", "Perrin", "Robin", "Clément", "Morin",
            "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson"];
        string[] firstNames = ["Camille", "Léa", "Manon", "Chloé", "Emma", "Inès", "Sarah", "Louise", "Jade", "Lina", "Nathalie",
            "Sandrine", "Isabelle", "Sylvie", "Fatima", "Aïcha", "Mélanie", "Céline", "Lucas", "Hugo", "Nathan", "Enzo", "Louis",
            "Jules", "Gabriel", "Mohamed", "Karim", "Thierry", "Pascal", "Didier", "Stéphane", "Julien", "Kevin", "Yanis", "Noah"];
        var random = new Random(20261125);
        for (var i = 0; i < PersonCount; i++)
        {
            var birthName = lastNames[random.Next(lastNames.Length)];
            var usageName = random.Next(5) == 0 ? lastNames[random.Next(lastNames.Length)] : null;
            var first = firstNames[random.Next(firstNames.Length)];
            var birth = new DateOnly(1940, 1, 1).AddDays(random.Next(0, 365 * 66));
            yield return new Person(birthName, usageName, first, birth, circonscriptions[random.Next(circonscriptions.Count)].Id, now);
        }
    }
}
