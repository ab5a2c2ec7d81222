using System.Net;
using System.Text.Json;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Persons;
using Discret.Domain.Retention;
using Discret.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Discret.Tests.Statistiques;

/// <summary>
/// A year's figures are computed again every night until 31 March of the next year, then frozen: data deleted or
/// recorded late afterwards no longer changes them. The counts the retention engine kept of deleted data are added to
/// the year they belong to.
/// </summary>
public sealed class StatisticsFreezeTests
{
    [Fact]
    public async Task A_year_is_frozen_after_31_march_of_the_next_and_deleting_files_no_longer_changes_it()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.Zero));
        await using var app = new DiscretFactory { Clock = clock };
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var dpoAccount = await app.CreateAccountAsync(StaffRole.Dpo);
        var dpo = await StaffSession.LoginAsync(app, dpoAccount);
        var visits = new List<Guid>();
        await app.WithDbAsync(async db =>
        {
            var circ = await db.Circonscriptions.OrderBy(c => c.Name).Select(c => c.Id).FirstAsync();
            for (var n = 0; n < 12; n++)
            {
                var household = new Household(new HouseholdAddress(null, null, null), clock.GetUtcNow().UtcDateTime);
                var person = new Person(new PersonIdentity("Gel" + (char)('a' + n) + "essai", null, "Alex", new DateOnly(1970, 1, 1), null, null), household.Id,
                    HouseholdLink.PersonneDeReference, circ, Provenance.ThePerson, clock.GetUtcNow().UtcDateTime);
                var followUp = new FollowUp(person.Id, circ, worker.Id, [FollowUpMotive.Logement], new DateOnly(2025, 2, 1), Provenance.AProfessional);
                var interview = new Interview(followUp.Id, worker.Id, new InterviewContent(new DateOnly(2025, 5, 10), InterviewKind.VisiteADomicile, [person.Id],
                    [FollowUpMotive.Logement], [], null, Provenance.AProfessional), clock.GetUtcNow().UtcDateTime);
                db.AddRange(household, person, followUp, interview);
                visits.Add(interview.Id);
            }
            // Counts the retention engine kept when it deleted 7 home visits of 2025 earlier.
            db.StatisticCells.Add(new StatisticCell(2025, circ, StatisticMeasure.EntretiensParType, nameof(InterviewKind.VisiteADomicile), 7));
            await db.SaveChangesAsync();
        });

        async Task<int?> VisitsOf2025()
        {
            Assert.Equal(HttpStatusCode.OK, (await dpo.ApiSendAsync(HttpMethod.Post, "/api/v1/statistiques/recalcul")).StatusCode);
            var table = JsonDocument.Parse(await dpo.Client.GetStringAsync("/api/v1/statistiques/entretiens?period=2025&breakdown=type&territory=departement")).RootElement;
            var cell = table.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("value").GetString() == "VisiteADomicile").GetProperty("cells")[0];
            return cell.GetProperty("count").ValueKind == JsonValueKind.Number ? cell.GetProperty("count").GetInt32() : null;
        }
        async Task<bool> Frozen2025() => await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().StatYears.Where(y => y.Year == 2025).Select(y => y.Frozen).SingleAsync());

        // 20 March 2026: the 12 visits recorded plus the 7 deleted ones; 2025 still computed every night.
        var before = await VisitsOf2025();
        Assert.True(before >= 19, $"{before}");
        Assert.False(await Frozen2025());

        // Still before April: deleting 4 visits changes 2025.
        await app.WithDbAsync(db => db.Interviews.Where(i => visits.Take(4).Contains(i.Id)).ExecuteDeleteAsync());
        Assert.Equal(before - 4, await VisitsOf2025());

        // 1 April 2026: computed once more, then frozen; deleting visits no longer changes it.
        clock.SetUtcNow(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero));
        dpo = await StaffSession.LoginAsync(app, dpoAccount); // a session does not outlive twelve days
        var frozen = await VisitsOf2025();
        Assert.True(await Frozen2025());
        await app.WithDbAsync(db => db.Interviews.Where(i => visits.Skip(4).Take(4).Contains(i.Id)).ExecuteDeleteAsync());
        Assert.Equal(frozen, await VisitsOf2025());
    }
}
