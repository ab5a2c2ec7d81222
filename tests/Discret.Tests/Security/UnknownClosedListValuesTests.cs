using System.Net;
using System.Text.Json;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Input;
using Discret.Domain.Journal;
using Discret.Domain.Retention;
using Discret.Domain.Rights;
using Discret.Tests.Support;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Discret.Tests.Security;

/// <summary>
/// Stored values outside their closed list — numbers an older API let through ((StaffRole)99), names another version
/// wrote ("Inconnu") — never break a page: the journal cannot be changed, so a console page that threw on one of its rows
/// answered 500 for good. This class has its own application: it writes such values into every closed-list column of
/// its database (the journal's hash chain is broken on purpose, which no other test sees).
/// </summary>
public class UnknownClosedListValuesTests(DiscretFactory app) : IClassFixture<DiscretFactory>
{
    private const string Unknown = ClosedList.UnknownLabel;

    /// <summary>Pages that end the session or need a state a GET cannot give; every other page of the application is opened.</summary>
    private static readonly string[] NotOpened = ["/deconnexion"];

    private sealed record Data(TestCase File, Guid RightsRequest, Guid Consent, Guid Hold, Guid SpotCheck, Guid SpotCheckItem, int Batch, Guid OddAccount, Guid Interview,
        Guid Task);
    /// <summary>Agenda (issue 16): the room and the appointment this test adds.</summary>
    private (Guid Room, Guid Appointment) _agenda;
    private Guid _mandate;


    [Fact]
    public async Task Every_page_and_the_journal_api_answer_and_show_valeur_inconnue_for_stored_values_outside_their_lists()
    {
        var roles = new[] { StaffRole.Dpo, StaffRole.AdminTechnique, StaffRole.TravailleurSocial, StaffRole.ResponsableCirconscription,
            StaffRole.Direction, StaffRole.Accueil, StaffRole.Secretariat };
        var accounts = new Dictionary<StaffRole, TestAccount>();
        foreach (var role in roles) accounts[role] = await app.CreateAccountAsync(role);
        var sessions = new Dictionary<StaffRole, StaffSession>();
        foreach (var role in roles) sessions[role] = await StaffSession.LoginAsync(app, accounts[role]);
        var worker = accounts[StaffRole.TravailleurSocial];
        var file = await app.CreateCaseAsync(0, worker);
        var odd = await app.CreateAccountAsync(StaffRole.Accueil);

        // Agenda (issue 16): a room and an appointment of the file with its worker, so that their pages are opened too.
        var (agendaRoom, agendaAppointment) = await app.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<Discret.Data.DiscretDbContext>();
            var circonscription = await db.Persons.Where(p => p.Id == file.PersonId).Select(p => p.CirconscriptionId).SingleAsync();
            var room = new Discret.Domain.Agenda.Room(circonscription, "Salle " + Guid.NewGuid().ToString("N")[..6]);
            var start = DateTime.UtcNow.AddDays(2);
            var appointment = new Discret.Domain.Agenda.Appointment(file.PersonId, circonscription, file.FollowUpId, [], [worker.Id],
                new(start, start.AddHours(1), Discret.Domain.Agenda.AppointmentPlace.BureauCirconscription, room.Id), worker.Id, DateTime.UtcNow);
            db.Rooms.Add(room);
            db.Appointments.Add(appointment);
            await db.SaveChangesAsync();
            return (room.Id, appointment.Id);
        });
        _agenda = (agendaRoom, agendaAppointment);
        // Mandates (issue 19): a mandate of the file, so that its pages are opened with unknown values in its lists too.
        var mandate = new Discret.Domain.Mandates.Mandate(file.PersonId, file.FollowUpId!.Value, new Discret.Domain.Mandates.MandateTerms(
            ParisTime.Today(TimeProvider.System), ParisTime.Today(TimeProvider.System).AddMonths(3), Discret.Domain.Mandates.ProtectionMeasure.Curatelle, "UDAF de Valmont",
            [worker.Id], [Discret.Domain.Mandates.MandateDataKind.Ressources],
            [(Discret.Domain.Mandates.ProcedureDomain.Social, [Discret.Domain.Mandates.OnlineOrganisation.Caf])]), worker.Id, DateTime.UtcNow);
        mandate.Seal(Discret.Web.Features.Mandats.MandateTemplate.Version, Mandats.MandateScenario.SampleDocument(mandate));
        mandate.RecordSignature(ParisTime.Today(TimeProvider.System), Discret.Domain.Mandates.MandateSigner.LaPersonneEtSonCurateur, worker.Id, DateTime.UtcNow);
        mandate.Authorisations.Single().Revoke(ParisTime.Today(TimeProvider.System), worker.Id, Discret.Domain.Mandates.MandateRevocationReason.Autre);
        await app.WithDbAsync(async db => { db.Mandates.Add(mandate); await db.SaveChangesAsync(); });
        _mandate = mandate.Id;
        // Rows already there (demo files, this test's logins) get an unknown name in every closed-list column…
        await WriteUnknownNamesEverywhereAsync();
        // … and new rows get numbers outside their lists, as an API that accepted "role": 99 would have saved them.
        var data = await AddRowsWithNumbersOutsideTheirListsAsync(file, worker, accounts[StaffRole.Dpo], odd);

        var urls = PageUrls(data);
        foreach (var role in roles)
            foreach (var url in urls)
            {
                var response = await sessions[role].Client.GetAsync(url);
                Assert.True((int)response.StatusCode < 500, $"{role} GET {url}: {(int)response.StatusCode}");
            }

        var dpo = sessions[StaffRole.Dpo];
        foreach (var url in new[] { "/tracabilite/journal", "/tracabilite/alertes", $"/tracabilite/controles/{data.SpotCheck}",
                     $"/tracabilite/controles/{data.SpotCheck}/elements/{data.SpotCheckItem}", "/droits", $"/droits/demandes/{data.RightsRequest}",
                     "/conservation/gels", $"/conservation/gels/{data.Hold}", "/conservation/traitements", "/conservation/statistiques",
                     "/conservation/bordereaux", $"/conservation/bordereaux/{data.Batch}" })
            await ShowsUnknownAsync(dpo, url);
        var history = await dpo.PostFormAsync("/tracabilite/dossier", new() { ["Input.PersonId"] = file.PersonId.ToString() });
        Assert.Equal(HttpStatusCode.OK, history.StatusCode);
        var historyPage = WebUtility.HtmlDecode(await history.Content.ReadAsStringAsync());
        Assert.Contains(Unknown, historyPage);
        await ShowsUnknownAsync(sessions[StaffRole.AdminTechnique], "/administration/comptes");
        await ShowsUnknownAsync(sessions[StaffRole.TravailleurSocial], $"/personnes/{file.PersonId}");
        await ShowsUnknownAsync(sessions[StaffRole.TravailleurSocial], $"/personnes/{file.PersonId}/accords-de-partage/{data.Consent}");
        await ShowsUnknownAsync(sessions[StaffRole.TravailleurSocial], "/notifications");
        await ShowsUnknownAsync(sessions[StaffRole.TravailleurSocial], $"/personnes/{file.PersonId}/courriers");
        await ShowsUnknownAsync(sessions[StaffRole.TravailleurSocial], "/taches");
        await ShowsUnknownAsync(sessions[StaffRole.TravailleurSocial], $"/personnes/{file.PersonId}/mandats/{_mandate}");
        await ShowsUnknownAsync(sessions[StaffRole.TravailleurSocial], $"/agenda/rendez-vous/{agendaAppointment}");

        // The journal's API: the code of a value outside its list is « Inconnu », its label « valeur inconnue ».
        // Every page opened above is journaled too: the entry is looked for page after page of the journal (newest first).
        var entries = new List<JsonElement>();
        long? before = null;
        for (var page = 0; page < 20; page++)
        {
            var journal = await dpo.Client.GetAsync($"/api/v1/tracabilite/journal?personId={file.PersonId}" + (before is { } b ? $"&before={b}" : ""));
            Assert.Equal(HttpStatusCode.OK, journal.StatusCode);
            var root = (await JsonDocument.ParseAsync(await journal.Content.ReadAsStreamAsync())).RootElement;
            var batch = root.GetProperty("entries").EnumerateArray().ToList();
            entries.AddRange(batch);
            if (batch.Any(e => e.GetProperty("role").GetString() == ClosedList.UnknownName) || root.GetProperty("next").ValueKind != JsonValueKind.Number) break;
            before = root.GetProperty("next").GetInt64();
        }
        Assert.Contains(entries, e => e.GetProperty("role").GetString() == ClosedList.UnknownName && e.GetProperty("roleLabel").GetString() == Unknown
                                      && e.GetProperty("action").GetString() == ClosedList.UnknownName && e.GetProperty("actionLabel").GetString() == Unknown);
        var history2 = await dpo.Client.GetAsync($"/api/v1/tracabilite/dossiers/{file.PersonId}");
        Assert.Equal(HttpStatusCode.OK, history2.StatusCode);

        // Reported to the logs by list and raw value, never with a person's data.
        Assert.Contains(app.Logs.Lines, l => l.Contains("closed list StaffRole (99)") && l.Contains(Unknown));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(file.BirthName));
    }

    private static async Task ShowsUnknownAsync(StaffSession session, string url)
    {
        var response = await session.Client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}");
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(page.Contains(Unknown), $"« {Unknown} » on {url}: {page[Math.Max(0, page.IndexOf("<main"))..]}");
    }

    /// <summary>Every page of the application (its route templates, read from the running application), with this test's ids.</summary>
    private List<string> PageUrls(Data d)
    {
        var templates = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.OfType<PageActionDescriptor>().Any())
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).Distinct().ToList();
        var person = d.File.PersonId.ToString();
        var values = new Dictionary<string, string>
        {
            ["/accompagnements/{id:guid}"] = $"/accompagnements/{d.File.FollowUpId}",
            ["/entretiens/{id:guid}"] = $"/entretiens/{d.Interview}",
            ["/personnes/{id:guid}/accords-de-partage/{consentId:guid}"] = $"/personnes/{person}/accords-de-partage/{d.Consent}",
            ["/droits/demandes/{id:guid}"] = $"/droits/demandes/{d.RightsRequest}",
            ["/tracabilite/controles/{id:guid}/elements/{itemId:guid}"] = $"/tracabilite/controles/{d.SpotCheck}/elements/{d.SpotCheckItem}",
            ["/tracabilite/controles/{id:guid}"] = $"/tracabilite/controles/{d.SpotCheck}",
            ["/conservation/gels/{id:guid}"] = $"/conservation/gels/{d.Hold}",
            ["/conservation/bordereaux/{number:int}"] = $"/conservation/bordereaux/{d.Batch}",
            ["/conservation/archives/{id:guid}"] = $"/conservation/archives/{person}",
            ["/conservation/{code}"] = $"/conservation/{RetentionRule.All[0].Code}",
            ["/administration/comptes/{id:guid}"] = $"/administration/comptes/{d.OddAccount}",
            ["/statut/{code:int}"] = "/statut/404",
            ["/equipe/{id:guid}/absence"] = $"/equipe/{d.OddAccount}/absence",
            // Letters (Features/Courriers): a template and one of its versions.
            ["/modeles-de-courrier/{kind}"] = "/modeles-de-courrier/convocation",
            ["/modeles-de-courrier/{kind}/versions/{version:int}"] = "/modeles-de-courrier/convocation/versions/1",
            ["/taches/{id:guid}/modifier"] = $"/taches/{d.Task}/modifier",
            ["/agenda/rendez-vous/{id:guid}"] = $"/agenda/rendez-vous/{_agenda.Appointment}",
            ["/agenda/salles/{id:guid}"] = $"/agenda/salles/{_agenda.Room}",
            // The notice's translations (issue 17 §3).
            ["/notice-information/{number:int}/langue/{langue}"] = "/notice-information/1/langue/en",
            ["/notice-information/traductions/{langue}"] = "/notice-information/traductions/en",
        };
        var urls = new List<string>();
        foreach (var template in templates.Where(t => !NotOpened.Contains(t)))
        {
            if (values.TryGetValue(template, out var url)) urls.Add(url);
            else if (template.StartsWith("/accompagnements/{id:guid}/")) urls.Add(template.Replace("{id:guid}", d.File.FollowUpId.ToString()));
            else if (template.StartsWith("/personnes/{id:guid}") || template.StartsWith("/droits/personnes/{id:guid}") || template.StartsWith("/acces-exceptionnel/{id:guid}"))
                urls.Add(template.Replace("{id:guid}", person).Replace("{mandateId:guid}", _mandate.ToString()));
            else if (template.EndsWith("/{number:int?}")) urls.Add(template.Replace("/{number:int?}", ""));
            else
            {
                Assert.DoesNotContain("{", template); // a new page with a parameter: give it a value above
                urls.Add(template);
            }
        }
        Assert.True(urls.Count >= 50, $"{urls.Count} pages");
        return urls;
    }

    /// <summary>Every closed-list column of (nearly) every table: an unknown name, as raw SQL or another version would write it.</summary>
    private async Task WriteUnknownNamesEverywhereAsync()
    {
        await app.WithDbAsync(async db =>
        {
            // PostgreSQL keeps the journal append-only by a trigger; this test changes it on purpose.
            if (DiscretFactory.OnPostgres) await db.Database.ExecuteSqlRawAsync("ALTER TABLE journal_entries DISABLE TRIGGER USER");
            foreach (var entity in db.Model.GetEntityTypes())
            {
                // Left as they are: the accounts' roles (the sessions), the installation's settings (shown on every page), and the
                // follow-ups' state, which decides who reaches a file (the worker must still open hers).
                if (entity.GetTableName() is not { } table || entity.ClrType == typeof(StaffAccount)
                    || entity.ClrType == typeof(Discret.Domain.Organisation.DepartementSettings)) continue;
                var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
                foreach (var property in entity.GetProperties().Concat(entity.GetComplexProperties().SelectMany(c => c.ComplexType.GetProperties())))
                {
                    var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                    if (!type.IsEnum || property.GetProviderClrType() != typeof(string) || property.GetColumnName(store) is not { } column
                        || property.ClrType == typeof(Discret.Catalogue.FollowUpStatus)) continue;
                    await db.Database.ExecuteSqlRawAsync($"UPDATE \"{table}\" SET \"{column}\" = 'Inconnu' WHERE \"{column}\" IS NOT NULL");
                }
            }
            if (DiscretFactory.OnPostgres) await db.Database.ExecuteSqlRawAsync("ALTER TABLE journal_entries ENABLE TRIGGER USER");
        });
    }

    private async Task<Data> AddRowsWithNumbersOutsideTheirListsAsync(TestCase file, TestAccount worker, TestAccount dpo, TestAccount odd)
    {
        Data? data = null;
        await app.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var today = ParisTime.DayOf(now);
            var circonscription = await db.Persons.Where(p => p.Id == file.PersonId).Select(p => p.CirconscriptionId).SingleAsync();
            // A read of the file by a role outside the list, and an action outside the list; one last night (an alert).
            var read = new JournalEntry(now.AddMinutes(-5), worker.Id, (StaffRole)99, file.PersonId, (JournalAction)99, "Identite", "99", null, "127.0.0.1");
            var night = new JournalEntry(ParisTime.ToUtc(today.AddDays(-1), new TimeOnly(23, 30)), worker.Id, (StaffRole)99, file.PersonId,
                JournalAction.Lecture, "Identite", null, null, "127.0.0.1");
            db.JournalEntries.AddRange(night, read);
            // A letter of a kind outside the list (Features/Courriers).
            db.Letters.Add(new Discret.Domain.Letters.Letter(file.PersonId, (Discret.Domain.Letters.LetterKind)99, 1, null, worker.Id, now));
            var request = new RightsRequest(file.PersonId, circonscription, (RightKind)99, (RequestChannel)99, (IdentityCheck)99, today, null, worker.Id, now);
            var consent = new SharingConsent(file.PersonId, (PartnerKind)99, "Partenaire", (SharingPurpose)99, [DataCategory.Identite], (ConsentForm)99,
                today, today.AddMonths(6), worker.Id, now);
            var hold = new LegalHold(file.PersonId, (HoldReason)99, null, today, today.AddMonths(6), dpo.Id, now);
            var run = new RetentionRun((RunTrigger)99, simulation: true, dpo.Id, now);
            run.Plan([new RunLine(RetentionRule.All[0].Code, (RunAction)99, circonscription, 3)]);
            run.Progress((RunStep)99, []);
            run.Finish([], (RunOutcome)99, now);
            var batch = new EliminationBatch(await db.EliminationBatches.Select(b => (int?)b.Number).MaxAsync() + 1 ?? 1, now);
            db.Entry(batch).Property(b => b.Status).CurrentValue = (BatchStatus)99;
            // A task whose visibility is outside its list (issue 16 §3).
            var task = new Discret.Domain.Tasks.WorkTask(worker.Id, circonscription, file.PersonId, file.FollowUpId, now);
            task.Describe("Rappeler le bailleur", worker.Id, false, today, (Discret.Domain.Tasks.TaskVisibility)99);
            db.AddRange(request, consent, hold, run, batch, task,
                new StatisticCell(today.Year - 1, null, (StatisticMeasure)99, "99", 12),
                new InformationRecord(file.PersonId, 1, (InformationMethod)99, today, worker.Id, now),
                new Notification(worker.Id, (NotificationKind)99, now, dpo.Id, file.PersonId, null));
            await db.SaveChangesAsync();
            var check = new SpotCheck(dpo.Id, now);
            var item = new SpotCheckItem(check.Id, read.Seq);
            item.Decide((SpotCheckVerdict)99, null, now);
            db.SpotChecks.Add(check);
            db.SpotCheckItems.Add(item);
            await db.SaveChangesAsync();
            var accounts = db.Model.FindEntityType(typeof(StaffAccount))!;
            var role = accounts.FindProperty(nameof(StaffAccount.Role))!.GetColumnName(StoreObjectIdentifier.Table(accounts.GetTableName()!, accounts.GetSchema()));
            await db.Database.ExecuteSqlRawAsync($"UPDATE \"{accounts.GetTableName()}\" SET \"{role}\" = '99', \"DisplayName\" = 'Aaron Compte' WHERE \"Id\" = {{0}}", odd.Id);
            data = new Data(file, request.Id, consent.Id, hold.Id, check.Id, item.Id, batch.Number, odd.Id,
                await db.Interviews.Where(i => i.FollowUpId == file.FollowUpId).Select(i => i.Id).SingleAsync(), task.Id);
        });
        return data!;
    }
}
