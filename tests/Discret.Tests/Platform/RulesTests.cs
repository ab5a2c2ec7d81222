using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Persons;
using Discret.Domain.Retention;
using Discret.Domain.Rights;
using Discret.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Discret.Tests.Platform;

/// <summary>
/// The rules written once as expressions (<see cref="Discret.Domain.Rule{T, TArg}"/>) say the same thing in SQL (on
/// SQLite and on PostgreSQL) as in memory, on the edge cases of their dates and members.
/// </summary>
[Collection(PersonsCollection.Name)]
public sealed class RulesTests(DiscretFactory app)
{
    private static readonly DateOnly Day = new(2026, 6, 15);

    [Fact]
    public async Task A_hold_is_in_force_from_its_first_to_its_last_day_unless_lifted_in_sql_as_in_memory()
    {
        var file = await app.CreateCaseAsync(0);
        var now = DateTime.UtcNow;
        LegalHold Hold(int from, int until) => new(file.PersonId, HoldReason.Contentieux, null, Day.AddDays(from), Day.AddDays(until), Guid.NewGuid(), now);
        var running = Hold(-10, 10);
        var startsToday = Hold(0, 5);
        var endsToday = Hold(-5, 0);
        var future = Hold(1, 5);
        var past = Hold(-5, -1);
        var lifted = Hold(-10, 10);
        lifted.Lift(Day.AddDays(-1), Guid.NewGuid());
        await app.WithDbAsync(async db => { db.LegalHolds.AddRange(running, startsToday, endsToday, future, past, lifted); await db.SaveChangesAsync(); });

        var inSql = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().LegalHolds
            .Where(h => h.PersonId == file.PersonId).Where(LegalHold.InForce.For(Day)).Select(h => h.Id).ToListAsync());
        var inMemory = new[] { running, startsToday, endsToday, future, past, lifted }.Where(h => LegalHold.InForce.Holds(h, Day)).Select(h => h.Id);

        Assert.Equal(new[] { running.Id, startsToday.Id, endsToday.Id }.Order(), inSql.Order());
        Assert.Equal(inSql.Order(), inMemory.Order());
    }

    [Fact]
    public async Task A_consent_is_valid_from_the_day_given_to_its_last_day_unless_withdrawn_in_sql_as_in_memory()
    {
        var file = await app.CreateCaseAsync(0);
        var now = DateTime.UtcNow;
        SharingConsent Consent(int given, int until) => new(file.PersonId, PartnerKind.Caf, "CAF de Valmont", SharingPurpose.OuvertureDeDroits,
            [DataCategory.Identite], ConsentForm.Ecrit, Day.AddDays(given), Day.AddDays(until), Guid.NewGuid(), now);
        var valid = Consent(-30, 30);
        var givenToday = Consent(0, 30);
        var lastDay = Consent(-30, 0);
        var notYet = Consent(1, 30);
        var expired = Consent(-30, -1);
        var withdrawn = Consent(-30, 30);
        withdrawn.Withdraw(Day.AddDays(-2), Guid.NewGuid());
        await app.WithDbAsync(async db => { db.SharingConsents.AddRange(valid, givenToday, lastDay, notYet, expired, withdrawn); await db.SaveChangesAsync(); });

        var inSql = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().SharingConsents
            .Where(c => c.PersonId == file.PersonId).Where(SharingConsent.ValidOn.For(Day)).Select(c => c.Id).ToListAsync());
        var inMemory = new[] { valid, givenToday, lastDay, notYet, expired, withdrawn }.Where(c => SharingConsent.ValidOn.Holds(c, Day)).Select(c => c.Id);

        Assert.Equal(new[] { valid.Id, givenToday.Id, lastDay.Id }.Order(), inSql.Order());
        Assert.Equal(inSql.Order(), inMemory.Order());
    }

    [Fact]
    public async Task A_worker_is_involved_in_a_follow_up_as_referent_or_co_worker_only_in_sql_as_in_memory()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var coWorker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var other = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, referent, [coWorker]);

        foreach (var (account, expected) in new[] { (referent, true), (coWorker, true), (other, false) })
        {
            var inSql = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().FollowUps
                .Where(f => f.Id == file.FollowUpId).Where(FollowUp.Involves.For(account.Id)).AnyAsync());
            var inMemory = await app.WithAsync(async sp =>
            {
                var followUp = await sp.GetRequiredService<DiscretDbContext>().FollowUps.Include(f => f.Team).SingleAsync(f => f.Id == file.FollowUpId);
                return FollowUp.Involves.Holds(followUp, account.Id);
            });
            Assert.Equal(expected, inSql);
            Assert.Equal(expected, inMemory);
        }
    }

    [Fact]
    public async Task A_file_is_in_daily_work_unless_archived_or_listed_for_elimination_in_sql_as_in_memory()
    {
        var active = await app.CreateCaseAsync(0);
        var archived = await app.CreateCaseAsync(0);
        var listed = await app.CreateCaseAsync(0);
        var both = await app.CreateCaseAsync(0);
        var ids = new[] { active.PersonId, archived.PersonId, listed.PersonId, both.PersonId };
        await app.WithDbAsync(async db =>
        {
            await db.Persons.Where(p => p.Id == archived.PersonId || p.Id == both.PersonId).ExecuteUpdateAsync(s => s.SetProperty(p => p.ArchivedOn, Day));
            var batch = Guid.NewGuid();
            await db.Persons.Where(p => p.Id == listed.PersonId || p.Id == both.PersonId).ExecuteUpdateAsync(s => s.SetProperty(p => p.EliminationBatchId, batch));
        });

        var inSql = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Persons
            .Where(p => ids.Contains(p.Id)).Where(Person.InDailyWork).Select(p => p.Id).ToListAsync());
        var outInSql = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Persons
            .Where(p => ids.Contains(p.Id)).Where(Person.InDailyWork.Negated).Select(p => p.Id).ToListAsync());
        var inMemory = (await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Persons.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync()))
            .Where(Person.InDailyWork.Holds).Select(p => p.Id);

        Assert.Equal([active.PersonId], inSql);
        Assert.Equal(inSql, inMemory);
        Assert.Equal(new[] { archived.PersonId, listed.PersonId, both.PersonId }.Order(), outInSql.Order());
    }
}
