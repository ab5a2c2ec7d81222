using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Tests.Support;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Persons;
using Discret.Domain.Rights;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Personnes;

/// <summary>
/// The refusal of computerisation seen from the outside: the assigned social worker records it once the person's file
/// has been explained; it deletes what the page announces, keeps the minimal record and the proof of the person's
/// rights; afterwards the file takes no interview, contact detail or consent (409 with the reason), yet the person is
/// still received (appointments); accepting computerisation again is recorded and journaled.
/// </summary>
[Collection(PersonsCollection.Name)]
public class ComputerisationRefusalTests(DiscretFactory app)
{
    private const string PaperOnlyDetail = "La personne a refusé l'informatisation de son dossier : accompagnement sur dossier papier.";

    private Task<T> DbAsync<T>(Func<DiscretDbContext, Task<T>> read) => app.WithAsync(sp => read(sp.GetRequiredService<DiscretDbContext>()));

    private static Task<HttpResponseMessage> RefuseAsync(StaffSession session, Guid personId, bool confirm = true) =>
        session.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{personId}/refus-informatisation", new { confirm });

    /// <summary>A followed person sharing a household with a relative, with an e-mail, a working note, a consent and a sharing, informed, with a rights request.</summary>
    private async Task<(TestAccount Worker, StaffSession Ts, TestCase File, Guid Relative, Guid OldHousehold)> FullFileAsync()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var ts = await StaffSession.LoginAsync(app, worker);
        var file = await app.CreateCaseAsync(0, worker, nextAppointment: DateTime.UtcNow.AddDays(10));
        Guid relative = default, household = default;
        await app.WithDbAsync(async db =>
        {
            var person = await db.Persons.SingleAsync(p => p.Id == file.PersonId);
            household = person.HouseholdId;
            person.Update(new PersonIdentity(person.BirthName, null, person.FirstNames, person.BirthDate, person.Phone, "essai@exemple.fr"), person.Provenance);
            var other = new Person(new PersonIdentity(file.BirthName, null, "Sam", new DateOnly(2010, 3, 2), null, null), household, HouseholdLink.Enfant,
                person.CirconscriptionId, Provenance.ThePerson, DateTime.UtcNow);
            db.Persons.Add(other);
            relative = other.Id;
            db.InformationRecords.Add(new InformationRecord(person.Id, 1, InformationMethod.RemiseEnMain, ParisTime.Today(TimeProvider.System), worker.Id, DateTime.UtcNow));
            db.RightsRequests.Add(new RightsRequest(person.Id, person.CirconscriptionId, RightKind.Acces, RequestChannel.Guichet, IdentityCheck.PersonneConnueDuService,
                ParisTime.Today(TimeProvider.System), null, worker.Id, DateTime.UtcNow));
            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Created, (await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/notes",
            new { text = "Rappeler pour le dossier logement." })).StatusCode);
        var consent = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/accords-de-partage",
            new { partner = "Bailleur", partnerName = "Office HLM de Valmont", purpose = "AccesAuLogement", categories = new[] { "Identite" }, form = "Ecrit", givenOn = Today });
        var consentId = (await consent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/accords-de-partage/{consentId}/partages",
            new { categories = new[] { "Identite" } })).StatusCode);
        return (worker, ts, file, relative, household);
    }

    [Fact]
    public async Task The_page_explains_and_counts_what_will_be_deleted_and_asks_for_confirmation()
    {
        var (_, ts, file, _, _) = await FullFileAsync();
        var html = await ts.PageTextAsync($"/personnes/{file.PersonId}/informatisation");
        Assert.Contains("La personne refuse l'informatisation", html);
        Assert.Contains("1 entretien(s)", html);
        Assert.Contains("1 note(s) de travail", html);
        Assert.Contains("les motifs de 1 accompagnement(s)", html);
        Assert.Contains("2 coordonnée(s)", html);
        Assert.Contains("elle forme un ménage à elle seule", html);
        Assert.Contains("1 accord(s) de partage et 1 partage(s)", html);

        var unconfirmed = await ts.PostFormAsync($"/personnes/{file.PersonId}/informatisation", Form(("Input.Confirm", "false")));
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("Cochez la case pour confirmer", await unconfirmed.TextAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await RefuseAsync(ts, file.PersonId, confirm: false)).StatusCode);
        Assert.False(await DbAsync(db => db.Persons.AnyAsync(p => p.Id == file.PersonId && p.PaperOnlySince != null)));
        Assert.Equal(1, await app.InterviewCountAsync(file.FollowUpId!.Value));

        var confirmed = await ts.PostFormAsync($"/personnes/{file.PersonId}/informatisation", Form(("Input.Confirm", "true")));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.True(await DbAsync(db => db.Persons.AnyAsync(p => p.Id == file.PersonId && p.PaperOnlySince != null)));
    }

    [Fact]
    public async Task The_refusal_deletes_what_it_says_keeps_the_minimal_record_and_the_proof_of_rights_and_is_journaled_as_counts()
    {
        var (worker, ts, file, relative, oldHousehold) = await FullFileAsync();
        var response = await RefuseAsync(ts, file.PersonId);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        var person = await DbAsync(db => db.Persons.AsNoTracking().SingleAsync(p => p.Id == file.PersonId));
        Assert.Equal(ParisTime.Today(TimeProvider.System), person.PaperOnlySince);
        Assert.Null(person.Phone);
        Assert.Null(person.Email);
        Assert.Equal(file.BirthName, person.BirthName); // identity stays
        Assert.NotEqual(oldHousehold, person.HouseholdId);
        var own = await DbAsync(db => db.Households.AsNoTracking().SingleAsync(h => h.Id == person.HouseholdId));
        Assert.Null(own.AddressLine ?? own.PostalCode ?? own.City);
        Assert.Equal(oldHousehold, await DbAsync(db => db.Persons.Where(p => p.Id == relative).Select(p => p.HouseholdId).SingleAsync())); // the relative stays home

        Assert.Equal(0, await app.InterviewCountAsync(file.FollowUpId!.Value));
        Assert.False(await DbAsync(db => db.WorkingNotes.AnyAsync(n => n.FollowUpId == file.FollowUpId)));
        Assert.False(await DbAsync(db => db.SharingConsents.AnyAsync(c => c.PersonId == file.PersonId)));
        Assert.False(await DbAsync(db => db.Sharings.AnyAsync(s => s.PersonId == file.PersonId)));
        var followUp = await app.WithFollowUpAsync(file.FollowUpId.Value, f => f);
        Assert.Empty(followUp.Motives);
        Assert.True(followUp.IsOpen);
        Assert.Equal(worker.Id, followUp.ReferentId);
        Assert.True(await DbAsync(db => db.Appointments.AnyAsync(a => a.FollowUpId == file.FollowUpId))); // the agenda stays
        Assert.True(await DbAsync(db => db.InformationRecords.AnyAsync(r => r.PersonId == file.PersonId)));
        Assert.True(await DbAsync(db => db.RightsRequests.AnyAsync(r => r.PersonId == file.PersonId)));

        var entry = Assert.Single(await DbAsync(db => db.JournalEntries.AsNoTracking().Where(e => e.PersonId == file.PersonId && e.Action == JournalAction.Suppression).ToListAsync()));
        Assert.Equal(worker.Id, entry.AccountId);
        Assert.Equal("refus de l'informatisation: entretiens:1,notes:1,taches:0,accords:1,partages:1,coordonnees:2,motifs:1,menage:quitte", entry.Detail);
    }

    [Fact]
    public async Task A_person_alone_keeps_their_household_without_its_address()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var ts = await StaffSession.LoginAsync(app, worker);
        var file = await app.CreateCaseAsync(0, worker);
        var household = await DbAsync(db => db.Persons.Where(p => p.Id == file.PersonId).Select(p => p.HouseholdId).SingleAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await RefuseAsync(ts, file.PersonId)).StatusCode);
        var after = await DbAsync(db => db.Persons.AsNoTracking().SingleAsync(p => p.Id == file.PersonId));
        Assert.Equal(household, after.HouseholdId);
        var h = await DbAsync(db => db.Households.AsNoTracking().SingleAsync(x => x.Id == household));
        Assert.Null(h.AddressLine ?? h.PostalCode ?? h.City);
        Assert.Contains(await DbAsync(db => db.JournalEntries.Where(e => e.PersonId == file.PersonId).Select(e => e.Detail).ToListAsync()), d => d != null && d.EndsWith("menage:adresse"));
    }

    [Fact]
    public async Task The_minimal_record_refuses_interviews_contact_details_household_and_consents_but_still_takes_appointments()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var ts = await StaffSession.LoginAsync(app, worker);
        var file = await app.CreateCaseAsync(0, worker);
        Assert.Equal(HttpStatusCode.NoContent, (await RefuseAsync(ts, file.PersonId)).StatusCode);

        async Task AssertPaperOnly(HttpResponseMessage r, string what)
        {
            Assert.True(r.StatusCode == HttpStatusCode.Conflict, $"{what}: {(int)r.StatusCode}");
            Assert.Equal(PaperOnlyDetail, (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        }
        await AssertPaperOnly(await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/entretiens",
            new { occurredOn = Today, kind = "Permanence", source = "Personne" }), "entretien");
        await AssertPaperOnly(await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/notes", new { text = "Rappeler." }), "note");
        var version = await DbAsync(db => db.Persons.Where(p => p.Id == file.PersonId).Select(p => p.Version).SingleAsync());
        await AssertPaperOnly(await ts.ApiSendAsync(HttpMethod.Put, $"/api/v1/personnes/{file.PersonId}/identite",
            new { version, birthName = file.BirthName, firstNames = "Alex", birthDate = "1980-05-17", phone = "06 00 00 00 09", source = "Personne" }), "coordonnées");
        await AssertPaperOnly(await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/menage/membres",
            new { birthName = "Essai", firstNames = "Sam", birthDate = "2010-01-01", link = "Enfant", source = "Personne" }), "ménage");
        await AssertPaperOnly(await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/accords-de-partage",
            new { partner = "Ccas", partnerName = "CCAS de Valmont", purpose = "AccesAuLogement", categories = new[] { "Identite" }, form = "Ecrit", givenOn = Today }), "accord");
        await AssertPaperOnly(await RefuseAsync(ts, file.PersonId), "second refus");
        Assert.Null(await DbAsync(db => db.Persons.Where(p => p.Id == file.PersonId).Select(p => p.Phone).SingleAsync()));

        // The identity itself can still be corrected, and the person is still received.
        Assert.Equal(HttpStatusCode.NoContent, (await ts.ApiSendAsync(HttpMethod.Put, $"/api/v1/personnes/{file.PersonId}/identite",
            new { version, birthName = file.BirthName, firstNames = "Alexandre", birthDate = "1980-05-17", source = "Personne" })).StatusCode);
        // Appointments are booked in the agenda (issue 16), on a minimal record too.
        var day = ParisTime.Today(TimeProvider.System).AddDays(7).ToString("yyyy-MM-dd");
        var appointment = await ts.ApiSendAsync(HttpMethod.Post, "/api/v1/rendez-vous", new
        {
            personId = file.PersonId, followUpId = file.FollowUpId, workerIds = new[] { worker.Id }, startsAt = $"{day}T10:00:00", endsAt = $"{day}T11:00:00", place = "BureauCirconscription",
        });
        Assert.True(appointment.StatusCode == HttpStatusCode.Created, await appointment.Content.ReadAsStringAsync());

        var document = await ts.Client.GetFromJsonAsync<JsonElement>($"/api/v1/personnes/{file.PersonId}");
        Assert.Equal(new[] { "Equipe", "Identite", "Information", "Droits", "RendezVous" }.Order(),
            document.GetProperty("readableGroups").EnumerateArray().Select(g => g.GetString()!).Order());
        Assert.False(document.TryGetProperty("contact", out _));
        Assert.False(document.TryGetProperty("interviews", out _));

        var html = await ts.PageTextAsync($"/personnes/{file.PersonId}");
        Assert.Contains($"Accompagnement sur dossier papier depuis le {ParisTime.Day(ParisTime.Today(TimeProvider.System))} (refus de l'informatisation)", html);
        Assert.DoesNotContain("Chronologie des entretiens", html);
        Assert.DoesNotContain("Saisir un entretien", html);
        Assert.DoesNotContain("Accords de partage", html);
        Assert.Equal(HttpStatusCode.NotFound, (await ts.Client.GetAsync($"/accompagnements/{file.FollowUpId}/entretiens/nouveau")).StatusCode);

        // Reception sees the banner too; a worker of another circonscription still meets a plain 404.
        var accueil = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        Assert.Contains("Accompagnement sur dossier papier", await accueil.PageTextAsync($"/personnes/{file.PersonId}"));
        var elsewhere = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.TravailleurSocial, circonscription: 1));
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/entretiens",
            new { occurredOn = Today, kind = "Permanence", source = "Personne" })).StatusCode);
    }

    [Fact]
    public async Task Only_the_assigned_social_worker_may_record_the_refusal_every_other_account_gets_404()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var rc = await app.CreateAccountAsync(StaffRole.ResponsableCirconscription);
        var file = await app.CreateCaseAsync(0, worker, [rc]);
        var others = new (string Who, TestAccount Account)[]
        {
            ("accueil", await app.CreateAccountAsync(StaffRole.Accueil)),
            ("secrétariat", await app.CreateAccountAsync(StaffRole.Secretariat)),
            ("RC de l'équipe", rc),
            ("DPO", await app.CreateAccountAsync(StaffRole.Dpo)),
            ("TS non affecté", await app.CreateAccountAsync(StaffRole.TravailleurSocial)),
            ("TS d'une autre circonscription", await app.CreateAccountAsync(StaffRole.TravailleurSocial, circonscription: 1)),
        };
        foreach (var (who, account) in others)
        {
            var session = await StaffSession.LoginAsync(app, account);
            Assert.True(HttpStatusCode.NotFound == (await RefuseAsync(session, file.PersonId)).StatusCode, who);
            Assert.True(HttpStatusCode.NotFound == (await session.Client.GetAsync($"/personnes/{file.PersonId}/informatisation")).StatusCode, who);
            Assert.True(HttpStatusCode.NotFound == (await session.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/acceptation-informatisation")).StatusCode, who);
        }
        Assert.False(await DbAsync(db => db.Persons.AnyAsync(p => p.Id == file.PersonId && p.PaperOnlySince != null)));
        Assert.Equal(1, await app.InterviewCountAsync(file.FollowUpId!.Value));
    }

    [Fact]
    public async Task The_referent_records_that_the_person_accepts_computerisation_again_and_it_is_journaled()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var ts = await StaffSession.LoginAsync(app, worker);
        var file = await app.CreateCaseAsync(0, worker);
        var accept = $"/api/v1/personnes/{file.PersonId}/acceptation-informatisation";
        Assert.Equal(HttpStatusCode.Conflict, (await ts.ApiSendAsync(HttpMethod.Post, accept)).StatusCode); // not refused yet
        Assert.Equal(HttpStatusCode.NoContent, (await RefuseAsync(ts, file.PersonId)).StatusCode);
        Assert.Contains("La personne accepte de nouveau l'informatisation", await ts.PageTextAsync($"/personnes/{file.PersonId}"));
        Assert.Contains("La personne accepte l'informatisation", await ts.PageTextAsync($"/personnes/{file.PersonId}/informatisation"));

        var accepted = await ts.PostFormAsync($"/personnes/{file.PersonId}/informatisation?handler=Accept", Form(), $"/personnes/{file.PersonId}/informatisation");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.False(await DbAsync(db => db.Persons.AnyAsync(p => p.Id == file.PersonId && p.PaperOnlySince != null)));
        Assert.Contains(await DbAsync(db => db.JournalEntries.Where(e => e.PersonId == file.PersonId && e.Action == JournalAction.Ecriture).Select(e => e.Detail).ToListAsync()),
            d => d != null && d.StartsWith("acceptation de l'informatisation"));
        Assert.Equal(HttpStatusCode.Created, (await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/entretiens",
            new { occurredOn = Today, kind = "Permanence", source = "Personne" })).StatusCode);
        Assert.DoesNotContain("Accompagnement sur dossier papier", await ts.PageTextAsync($"/personnes/{file.PersonId}"));
    }

    [Fact]
    public async Task A_new_follow_up_of_a_minimal_record_is_opened_without_motives()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var ts = await StaffSession.LoginAsync(app, worker);
        var file = await app.CreateCaseAsync(0, worker);
        Assert.Equal(HttpStatusCode.NoContent, (await RefuseAsync(ts, file.PersonId)).StatusCode);
        Assert.True(await DbAsync(db => db.Persons.AnyAsync(p => p.Id == file.PersonId && p.PaperOnlySince != null)));
        var rc = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));
        var withMotives = await rc.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/accompagnements",
            new { referentId = worker.Id, motives = new[] { "Logement" }, source = "Personne" });
        Assert.Equal(HttpStatusCode.BadRequest, withMotives.StatusCode);
        Assert.Contains("dossier papier", (await withMotives.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("motives")[0].GetString());
        var without = await rc.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/accompagnements",
            new { referentId = worker.Id, motives = Array.Empty<string>(), source = "Personne" });
        Assert.Equal(HttpStatusCode.Created, without.StatusCode);
    }
}
