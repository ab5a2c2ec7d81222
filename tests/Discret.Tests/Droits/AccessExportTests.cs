using System.Diagnostics;
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
using Discret.Web.Features.Droits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Discret.Tests.Droits;

/// <summary>
/// The access export (GDPR art. 15) seen from the outside: the DPO generates, from an access request, a PDF and a JSON
/// file holding every catalogue field of every row Discret has on the person — working notes of every author, the
/// journal of consultations without staff names — journaled as an export; nobody else can.
/// </summary>
[Collection(RightsCollection.Name)]
public class AccessExportTests(DiscretFactory app)
{
    private Task<AccessExportFile.Fixture> RichFileAsync() => AccessExportFile.CreateAsync(app);

    private static Task<HttpResponseMessage> ExportAsync(StaffSession session, Guid requestId, string format) => AccessExportFile.ExportAsync(session, requestId, format);

    private async Task<StaffSession> DpoAsync() => await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));

    [Fact]
    public async Task The_json_export_holds_every_catalogue_field_of_every_entity_the_person_has_rows_in()
    {
        var f = await RichFileAsync();
        var dpo = await DpoAsync();
        var response = await ExportAsync(dpo, f.RequestId, "Json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        var sections = json.GetProperty("sections").EnumerateArray().ToDictionary(s => s.GetProperty("entite").GetString()!);

        // Rows the database holds for this person, entity by entity.
        var expected = await app.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<DiscretDbContext>();
            var p = f.Case.PersonId;
            var followUps = db.FollowUps.Where(x => x.PersonId == p).Select(x => x.Id);
            return new Dictionary<string, int>
            {
                [nameof(Person)] = await db.Persons.CountAsync(x => x.Id == p),
                [nameof(Household)] = 1,
                [nameof(PersonNameWord)] = await db.PersonNameWords.CountAsync(w => w.PersonId == p),
                [nameof(FollowUp)] = await followUps.CountAsync(),
                [nameof(FollowUpMember)] = await db.FollowUpMembers.CountAsync(m => followUps.Contains(m.FollowUpId)),
                [nameof(Interview)] = await db.Interviews.CountAsync(i => followUps.Contains(i.FollowUpId)),
                [nameof(WorkingNote)] = await db.WorkingNotes.CountAsync(n => followUps.Contains(n.FollowUpId)),
                [nameof(InterviewRevision)] = await db.InterviewRevisions.CountAsync(x => x.PersonId == p),
                [nameof(InterviewAddendum)] = await db.InterviewAddenda.CountAsync(x => x.PersonId == p),
                [nameof(InformationRecord)] = await db.InformationRecords.CountAsync(x => x.PersonId == p),
                [nameof(FactDisclosure)] = await db.FactDisclosures.CountAsync(x => x.PersonId == p),
                [nameof(SharingConsent)] = await db.SharingConsents.CountAsync(x => x.PersonId == p),
                [nameof(Sharing)] = await db.Sharings.CountAsync(x => x.PersonId == p),
                [nameof(RightsRequest)] = await db.RightsRequests.CountAsync(x => x.PersonId == p),
                [nameof(RectifiedValue)] = await db.RectifiedValues.CountAsync(x => x.PersonId == p),
                [nameof(BreakGlassAccess)] = await db.BreakGlassAccesses.CountAsync(x => x.PersonId == p),
                [nameof(Discret.Domain.Retention.LegalHold)] = await db.LegalHolds.CountAsync(x => x.PersonId == p),
                [nameof(Notification)] = await db.Notifications.CountAsync(x => x.PersonId == p),
                [nameof(Discret.Domain.Retention.LegalHold)] = await db.LegalHolds.CountAsync(x => x.PersonId == p),
                [nameof(JournalEntry)] = await db.JournalEntries.CountAsync(x => x.PersonId == p),
                [nameof(Discret.Domain.Letters.Letter)] = await db.Letters.CountAsync(x => x.PersonId == p),
                [nameof(Discret.Domain.Tasks.WorkTask)] = await db.Tasks.CountAsync(x => x.PersonId == p),
                // Agenda (issue 16)
                [nameof(Discret.Domain.Agenda.Appointment)] = await db.Appointments.CountAsync(x => x.PersonId == p),
                [nameof(Discret.Domain.Agenda.AppointmentWorker)] = await db.AppointmentWorkers.CountAsync(w => db.Appointments.Any(a => a.Id == w.AppointmentId && a.PersonId == p)),
                // Online procedures (issue 19): mandates found by the person's id (no foreign key to the file).
                [nameof(Discret.Domain.Mandates.DigitalHelp)] = await db.DigitalHelps.CountAsync(x => x.PersonId == p),
                [nameof(Discret.Domain.Mandates.Mandate)] = await db.Mandates.CountAsync(x => x.PersonId == p),
                [nameof(Discret.Domain.Mandates.MandateAuthorisation)] = await db.MandateAuthorisations.CountAsync(a => db.Mandates.Any(m => m.Id == a.MandateId && m.PersonId == p)),
                [nameof(Discret.Domain.Mandates.MandateAction)] = await db.MandateActions.CountAsync(x => x.PersonId == p),
            };
        });
        // Every entity of the catalogue that holds rows about a person is covered by this fixture.
        Assert.Empty(DataCatalogue.Fields.Select(x => x.Entity).Distinct().Except(expected.Keys));
        foreach (var (entity, count) in expected)
        {
            Assert.True(count > 0, $"the fixture has no {entity}");
            Assert.True(sections.TryGetValue(entity, out var section), $"no section for {entity}");
            var items = section.GetProperty("elements").EnumerateArray().ToList();
            // The journal keeps growing (the export itself is journaled after it is built): at least the rows counted before.
            if (entity == nameof(JournalEntry)) Assert.True(items.Count >= count - 1, $"{entity}: {items.Count} < {count}");
            else Assert.Equal(count, items.Count);
            var declared = DataCatalogue.Fields.Where(x => x.Entity == entity).Select(x => (x.Property, x.Label)).ToList();
            foreach (var item in items)
            {
                var fields = item.GetProperty("champs").EnumerateArray().Select(c => (c.GetProperty("propriete").GetString()!, c.GetProperty("libelle").GetString()!)).ToList();
                Assert.Equal(declared, fields);
            }
        }
        var text = json.ToString();
        Assert.Contains(f.NoteOfReferent, text);
        Assert.Contains(f.NoteOfColleague, text);
        Assert.Contains(f.ThirdPartySummary, text);
        Assert.Contains(f.Justification, text);
        Assert.Contains(AccessExport.ThirdPartyMark, text);
        // Staff are named by profession only.
        Assert.DoesNotContain(f.Referent.Login, text);
        Assert.DoesNotContain(f.Colleague.Login, text);
        Assert.Contains(StaffRole.TravailleurSocial.Label(), text);
    }

    [Fact]
    public async Task The_pdf_export_is_readable_french_by_category_with_third_party_facts_marked_and_is_journaled()
    {
        var f = await RichFileAsync();
        var dpo = await DpoAsync();
        var response = await ExportAsync(dpo, f.RequestId, "Pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var pdf = PdfDocument.Open(bytes);
        var text = string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        foreach (var expected in new[] { "Copie de vos données personnelles", "Identité", "Entretiens", "Notes de travail", "Consultations et modifications",
                     "Accès exceptionnels", "Signalé par un tiers — non vérifié", "Transmis par un partenaire", "C-579/21", "Nom de naissance", f.Case.BirthName })
            Assert.Contains(Words(expected), Words(text));
        Assert.Contains(Words(f.NoteOfColleague), Words(text));
        Assert.DoesNotContain(f.Colleague.Login, text);

        var exports = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AsNoTracking()
            .Where(e => e.Action == JournalAction.Export && e.Reference == f.RequestId).ToListAsync());
        var entry = Assert.Single(exports);
        Assert.Equal(f.Case.PersonId, entry.PersonId);
        Assert.Equal(StaffRole.Dpo, entry.Role);
        Assert.DoesNotContain(f.Case.BirthName, entry.Detail ?? "");
    }

    /// <summary>Words of a text, whitespace-normalised (the PDF wraps lines).</summary>
    private static string Words(string text) => string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task Only_the_dpo_exports_and_only_from_an_access_request_of_a_file_that_still_exists()
    {
        var f = await RichFileAsync();
        var rc = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));
        var ts = await StaffSession.LoginAsync(app, f.Referent);
        // The head of circonscription sees the request but may not export.
        Assert.Equal(HttpStatusCode.OK, (await rc.Client.GetAsync($"/droits/demandes/{f.RequestId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ExportAsync(rc, f.RequestId, "Pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ts.Client.GetAsync($"/droits/demandes/{f.RequestId}")).StatusCode);

        var dpo = await DpoAsync();
        var opposition = await app.CreateRequestAsync(f.Case.PersonId, RightKind.Opposition, f.Referent.Id);
        var refused = await ExportAsync(dpo, opposition, "Pdf");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains(AccessExport.NotAccessMessage, System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.False(await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AnyAsync(e => e.Action == JournalAction.Export && e.Reference == opposition)));
    }

    [Fact]
    public async Task A_person_with_three_thousand_interviews_gets_a_pdf_in_reasonable_time()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, referent);
        var start = new DateOnly(2015, 1, 1);
        await app.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            for (var i = 0; i < 3000; i++)
                db.Interviews.Add(new Interview(file.FollowUpId!.Value, referent.Id, new InterviewContent(start.AddDays(i), InterviewKind.RendezVous, [file.PersonId],
                    [FollowUpMotive.Logement, FollowUpMotive.BudgetEtDettes], [InterviewAction.DossierLogement],
                    $"Entretien numéro {i} : point sur le dossier de logement social et le budget du mois.", Provenance.ThePerson), now));
            await db.SaveChangesAsync();
        });
        var requestId = await app.CreateRequestAsync(file.PersonId, RightKind.Acces, referent.Id);
        var dpo = await DpoAsync();
        var watch = Stopwatch.StartNew();
        var response = await ExportAsync(dpo, requestId, "Pdf");
        watch.Stop();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var pdf = PdfDocument.Open(bytes);
        Assert.True(pdf.NumberOfPages > 50, $"{pdf.NumberOfPages} pages");
        var all = Words(string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text)));
        // The first and the last interview (cells wrap, so the words of neighbouring cells may interleave: whole phrases are not compared).
        Assert.Contains("Entretien numéro 2999", all);
        Assert.Contains(ParisTime.LongDate(start.AddDays(2999)), all);
        Assert.Contains("Entretien numéro 0", all);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"{watch.Elapsed}");
        var json = await ExportAsync(dpo, requestId, "Json");
        var interviews = (await json.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sections").EnumerateArray()
            .Single(s => s.GetProperty("entite").GetString() == nameof(Interview)).GetProperty("elements").GetArrayLength();
        Assert.Equal(3001, interviews);
    }
}
