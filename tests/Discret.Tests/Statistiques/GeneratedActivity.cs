using System.Net;
using System.Text.Json;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Agenda;
using Discret.Domain.Persons;
using Discret.Domain.Rights;
using Discret.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Discret.Tests.Statistiques;

/// <summary>
/// A département of its own for statistics (they count the whole database): the demo data set plus generated activity
/// over 2025 and 2026 with uneven circonscriptions, so that many numbers are small and masked. Its clock is
/// 15 June 2026, 10:00 in Paris.
/// </summary>
public sealed class GeneratedActivity : IAsyncLifetime
{
    public static readonly DateTimeOffset Now = new(2026, 6, 15, 8, 0, 0, TimeSpan.Zero);

    public DiscretFactory App { get; } = new() { Clock = new FakeTimeProvider(Now) };
    public StaffSession Dpo { get; private set; } = null!;
    /// <summary>What a test class reads once for all its tests.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, object> Memo { get; } = new();

    public async Task InitializeAsync()
    {
        var worker = await App.CreateAccountAsync(StaffRole.TravailleurSocial);
        await App.WithDbAsync(db => Generate(db, worker.Id, 160, new Random(18)));
        Dpo = await StaffSession.LoginAsync(App, await App.CreateAccountAsync(StaffRole.Dpo));
        var computed = await Dpo.ApiSendAsync(HttpMethod.Post, "/api/v1/statistiques/recalcul");
        Assert.Equal(HttpStatusCode.OK, computed.StatusCode);
    }

    private static async Task Generate(DiscretDbContext db, Guid worker, int count, Random random)
    {
        var circonscriptions = await db.Circonscriptions.OrderBy(c => c.Name).Select(c => c.Id).ToListAsync();
        var cities = new[] { "VALMONT", "VALMONT", "VALMONT", "LES COTEAUX", "SAINT-AUBIN", "HAMEAU-DU-BOIS" };
        var now = Now.UtcDateTime;
        var today = new DateOnly(2026, 6, 15);
        DateOnly Day(DateOnly from, DateOnly to) => from.AddDays(random.Next(Math.Max(1, to.DayNumber - from.DayNumber + 1)));
        T Pick<T>(T[] values) => values[random.Next(values.Length)];
        for (var n = 0; n < count; n++)
        {
            // Uneven circonscriptions: most activity in the first, little in the last.
            var circ = circonscriptions[random.NextDouble() switch { < 0.6 => 0, < 0.9 => 1, _ => circonscriptions.Count - 1 }];
            var household = new Household(new HouseholdAddress("2 rue des Essais", "99000", Pick(cities)), now.AddDays(-random.Next(600)));
            db.Households.Add(household);
            var birth = new DateOnly(1935 + random.Next(85), 1 + random.Next(12), 1 + random.Next(28));
            var person = new Person(new PersonIdentity("Stat" + Letters(random), null, "Alex", birth, null, null), household.Id,
                HouseholdLink.PersonneDeReference, circ, Provenance.ThePerson, now.AddDays(-random.Next(500)));
            db.Persons.Add(person);
            if (random.NextDouble() < 0.3)
                db.Persons.Add(new Person(new PersonIdentity("Stat" + Letters(random), null, "Camille", birth.AddYears(2), null, null), household.Id,
                    HouseholdLink.ConjointOuPartenaire, circ, Provenance.ThePerson, now));
            if (random.NextDouble() < 0.4)
                db.Persons.Add(new Person(new PersonIdentity("Stat" + Letters(random), null, "Lou", new DateOnly(2012, 3, 3), null, null), household.Id,
                    HouseholdLink.Enfant, circ, Provenance.ThePerson, now));

            var opened = Day(new DateOnly(2025, 1, 1), today);
            var motives = Enum.GetValues<FollowUpMotive>().OrderBy(_ => random.Next()).Take(1 + random.Next(2)).ToList();
            var followUp = new FollowUp(person.Id, circ, worker, motives, opened, Provenance.AProfessional);
            db.FollowUps.Add(followUp);
            DateOnly? closed = random.NextDouble() < 0.4 ? Day(opened, today) : null;
            for (var i = random.Next(5); i > 0; i--)
            {
                var on = Day(opened, closed ?? today);
                var actions = Enum.GetValues<InterviewAction>().OrderBy(_ => random.Next()).Take(random.Next(3)).ToList();
                db.Interviews.Add(new Interview(followUp.Id, worker, new InterviewContent(on, Pick(Enum.GetValues<InterviewKind>()), [person.Id], motives, actions,
                    null, Provenance.AProfessional), now));
            }
            if (closed is { } c) followUp.Close(c);
            if (random.NextDouble() < 0.3)
            {
                var consent = new SharingConsent(person.Id, Pick(Enum.GetValues<PartnerKind>()), "Partenaire", SharingPurpose.OuvertureDeDroits,
                    [DataCategory.Identite], ConsentForm.Ecrit, Day(opened, today), today.AddYears(1), worker, now);
                db.SharingConsents.Add(consent);
            }
            if (random.NextDouble() < 0.5)
                db.InformationRecords.Add(new InformationRecord(person.Id, 1, Pick(Enum.GetValues<InformationMethod>()), Day(opened, today), worker, now));
            if (random.NextDouble() < 0.1)
                db.RightsRequests.Add(new RightsRequest(person.Id, circ, Pick(Enum.GetValues<RightKind>()), RequestChannel.Guichet,
                    IdentityCheck.PieceDIdentitePresentee, Day(opened, today), null, worker, now));
        }
        await db.SaveChangesAsync();
    }

    private static string Letters(Random random) => new(Enumerable.Range(0, 8).Select(_ => (char)('a' + random.Next(26))).ToArray());

    /// <summary>A table of the API as the DPO reads it.</summary>
    public async Task<JsonElement> TableAsync(string indicator, string period, string? breakdown = null, StaffSession? reader = null)
    {
        var url = $"/api/v1/statistiques/{indicator}?period={period}" + (breakdown is null ? "" : $"&breakdown={breakdown}");
        var response = await (reader ?? Dpo).Client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
