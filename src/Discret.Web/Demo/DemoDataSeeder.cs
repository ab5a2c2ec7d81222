using Discret.Data;
using Discret.Web.Security;
using Discret.Domain.Accounts;
using Discret.Domain.Organisation;
using Discret.Domain.Persons;
using Discret.Web.Features.Connexion;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Demo;

/// <summary>
/// Demo mode: applies the migrations, then on an empty database creates a fictional département, its
/// circonscriptions, one ready-to-use account per role and a few hundred generated persons. Nothing real.
/// </summary>
[AcrossFiles("generates the demo data set (demo mode only)")]
public sealed class DemoDataSeeder(DiscretDbContext db, UserManager<StaffAccount> users, IUserStore<StaffAccount> store, TimeProvider clock,
    Features.InformationDesPersonnes.NoticeVersions notices,
    Microsoft.Extensions.Options.IOptions<Discret.Web.Shared.DiscretSettings> settings,
    IDataProtectionProvider protection)
{
    public static readonly string[] CirconscriptionNames = ["Valmont-Nord", "Valmont-Sud", "Les Coteaux"];

    public static async Task MigrateAndSeedAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DiscretDbContext>();
        await db.Database.MigrateAsync();
        await NameWordsBackfill.RunAsync(db);
        // The demo's statistics are there from the first start, without waiting for the night.
        if (await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync())
            await scope.ServiceProvider.GetRequiredService<Features.Statistiques.StatisticsRollup>().RunAsync();
    }

    /// <summary>
    /// The demo files are all created today, with follow-ups and interviews in the past: their last contact is the latest
    /// of their follow-ups' openings, interviews and information given (the creation day when there is none). One update.
    /// </summary>
    public static Task<int> RecomputeLastContactAsync(DiscretDbContext db, CancellationToken ct = default) =>
        db.Persons.Where(p => db.FollowUps.Any(f => f.PersonId == p.Id) || db.InformationRecords.Any(r => r.PersonId == p.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.LastContactOn, p =>
                db.FollowUps.Where(f => f.PersonId == p.Id).Select(f => f.OpenedOn)
                    .Concat(db.Interviews.Where(i => db.FollowUps.Any(f => f.Id == i.FollowUpId && f.PersonId == p.Id)).Select(i => i.OccurredOn))
                    .Concat(db.InformationRecords.Where(r => r.PersonId == p.Id).Select(r => r.InformedOn))
                    .Max()), ct);

    /// <summary>
    /// In one transaction: a first start killed half-way leaves nothing, and the next start seeds again from the start
    /// (the département's settings, written first, are what marks an installed database — see <see cref="Shared.DatabaseHealthCheck"/>).
    /// </summary>
    /// <returns>Whether the data was seeded now (false: the database already had it).</returns>
    public async Task<bool> SeedAsync()
    {
        if (await db.DepartementSettings.AnyAsync()) return false;
        // Data Protection writes its first key through a connection of its own: made now, before the transaction, which on
        // SQLite would make that write wait until it fails (the seed seals the demo accounts' TOTP seeds with that key).
        _ = protection.CreateProtector("Discret.Demo.KeyRing").Protect("clé");
        await using var transaction = await db.BeginJournaledTransactionAsync();
        var now = clock.GetUtcNow().UtcDateTime;

        var departement = new DepartementSettings("Département de Valmont (fictif)", "#1f5f8b",
            "Président du conseil départemental de Valmont", "dpo@valmont.example — 1 place de la Préfecture, 99000 Valmont");
        departement.SetPostalAddress("Hôtel du Département, 1 place de la Préfecture, 99000 Valmont");
        db.DepartementSettings.Add(departement);
        var circonscriptions = CirconscriptionNames.Select(n => new Circonscription(n)).ToList();
        db.Circonscriptions.AddRange(circonscriptions);
        await db.SaveChangesAsync();
        // The demo files record that persons were given version 1 of the notice: publish it.
        await notices.CurrentAsync();

        foreach (var demo in DemoAccounts.All)
        {
            // In service since before the demo's oldest follow-ups, which they wrote: created and confirmed then (break-glass open).
            var inService = now - DemoAccounts.InService;
            var account = new StaffAccount(demo.Login, demo.DisplayName, demo.Role, circonscriptions[demo.Circonscription].Id, inService);
            account.ConfirmAccess(inService);
            account.AcceptCharter(Charter.Version, now);
            account.PasswordWasChanged(now);
            account.TwoFactorEnabled = true;
            var created = await users.CreateAsync(account, DemoAccounts.Password);
            if (!created.Succeeded) throw new InvalidOperationException("Demo account could not be created: " + created.Errors.First().Code);
            await ((IUserAuthenticatorKeyStore<StaffAccount>)store).SetAuthenticatorKeyAsync(account, DemoAccounts.TotpSecret, CancellationToken.None);
            await users.UpdateAsync(account);
        }

        var accounts = await db.Users.AsNoTracking().ToListAsync();
        DemoFiles.Generate(db, circonscriptions, accounts, now, new Random(20261125));
        await db.SaveChangesAsync();
        await RecomputeLastContactAsync(db);
        if (settings.Value.DemoJournal) await DemoJournal.GenerateAsync(db, now, new Random(20261126));
        await transaction.CommitAsync();
        return true;
    }
}
