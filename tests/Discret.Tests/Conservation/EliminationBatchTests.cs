using System.Net;
using System.Text.Json;
using Discret.Tests.Support;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Persons;
using Discret.Domain.Retention;
using Discret.Domain.Rights;
using Discret.Web.Features.Conservation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;
using static Discret.Tests.Accompagnements.FollowUpScenario;
using Category = Discret.Web.Features.Conservation.EliminationBatches.Category;

namespace Discret.Tests.Conservation;

/// <summary>
/// Elimination batches seen from the outside: the elimination list counts the marked rows by category, circonscription and
/// year, never a name (page and PDF); « Soumettre » freezes it; the visa (date, reference) is checked in French; steps out
/// of order are refused without a 500; the export for transfer holds the batch's files and nothing else. DPO only.
/// </summary>
public sealed class EliminationBatchTests(ConservationApp app) : IClassFixture<ConservationApp>
{
    private sealed record Scenario(EliminationBatch Batch, TestCase A, TestCase B, TestCase C, TestCase D, TestCase E, TestCase Unmarked, Guid RequestId,
        string NoteText, DateOnly RequestClosedOn);

    private async Task<StaffSession> DpoAsync() => await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));

    private Task<EliminationBatch> BatchAsync(Guid id) =>
        app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().EliminationBatches.AsNoTracking().SingleAsync(b => b.Id == id));

    private static string Url(EliminationBatch batch) => $"/conservation/bordereaux/{batch.Number}";

    /// <summary>
    /// A batch in preparation listing: A, B (circonscription 0, last contact 2023), C (circonscription 0, 2024), D (circonscription 1, 2023) as whole files
    /// (A and D with a follow-up and an interview each); E's closed follow-up on its own, and a closed rights request of E. Unmarked: E's file itself and
    /// another person with a follow-up.
    /// </summary>
    private async Task<Scenario> ScenarioAsync()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var referent1 = await app.CreateAccountAsync(StaffRole.TravailleurSocial, circonscription: 1);
        var a = await app.CreateCaseAsync(0, referent, closed: true);
        var b = await app.CreateCaseAsync(0);
        var c = await app.CreateCaseAsync(0);
        var d = await app.CreateCaseAsync(1, referent1, closed: true);
        var e = await app.CreateCaseAsync(0, referent, closed: true);
        var unmarked = await app.CreateCaseAsync(0, referent);
        var note = "Note de travail à ne jamais verser " + Guid.NewGuid().ToString("N")[..6];
        var closedOn = new DateOnly(2021, 6, 30);
        var (batch, requestId) = await app.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<DiscretDbContext>();
            var now = DateTime.UtcNow;
            var number = (await db.EliminationBatches.MaxAsync(x => (int?)x.Number) ?? 0) + 1;
            var batch = new EliminationBatch(number, now);
            db.EliminationBatches.Add(batch);
            var request = new RightsRequest(e.PersonId, await app.CirconscriptionIdAsync(0), RightKind.Acces, RequestChannel.Guichet, IdentityCheck.PersonneConnueDuService,
                closedOn.AddDays(-10), null, referent.Id, now);
            request.Close(RequestStatus.Traitee, "Copie remise.", closedOn, referent.Id);
            db.RightsRequests.Add(request);
            db.WorkingNotes.Add(new WorkingNote(a.FollowUpId!.Value, referent.Id, note, now, now.AddDays(30)));
            await db.SaveChangesAsync();
            var lastContact = new Dictionary<Guid, DateOnly>
            {
                [a.PersonId] = new(2023, 3, 1), [b.PersonId] = new(2023, 7, 1), [c.PersonId] = new(2024, 1, 10), [d.PersonId] = new(2023, 5, 5),
            };
            foreach (var person in await db.Persons.Where(p => lastContact.Keys.Contains(p.Id)).ToListAsync())
            {
                db.Entry(person).Property(p => p.LastContactOn).CurrentValue = lastContact[person.Id];
                db.Entry(person).Property(p => p.EliminationBatchId).CurrentValue = batch.Id;
            }
            var followUp = await db.FollowUps.SingleAsync(f => f.Id == e.FollowUpId);
            db.Entry(followUp).Property(f => f.EliminationBatchId).CurrentValue = batch.Id;
            db.Entry(request).Property(r => r.EliminationBatchId).CurrentValue = batch.Id;
            await db.SaveChangesAsync();
            return (batch, request.Id);
        });
        return new Scenario(batch, a, b, c, d, e, unmarked, requestId, note, closedOn);
    }

    private async Task MarkAsync(Guid batchId, Guid personId) => await app.WithDbAsync(async db =>
    {
        var person = await db.Persons.SingleAsync(p => p.Id == personId);
        db.Entry(person).Property(p => p.EliminationBatchId).CurrentValue = batchId;
        await db.SaveChangesAsync();
    });

    private static Task<HttpResponseMessage> PostAsync(StaffSession dpo, EliminationBatch batch, string handler, Dictionary<string, string>? fields = null) =>
        dpo.PostFormAsync($"{Url(batch)}?handler={handler}", fields ?? [], Url(batch));

    [Fact]
    public async Task The_list_counts_the_marked_rows_by_category_circonscription_and_year_and_names_no_one()
    {
        var s = await ScenarioAsync();
        var circ0 = await app.CirconscriptionIdAsync(0);
        var circ1 = await app.CirconscriptionIdAsync(1);
        var lines = await app.WithAsync(sp => sp.GetRequiredService<EliminationBatches>().LinesAsync(s.Batch.Id));
        var actual = lines.Select(l => (l.Category, l.CirconscriptionId, l.Year, l.Count)).ToHashSet();
        (Category, Guid, int, int)[] expected =
        [
            (Category.Dossiers, circ0, 2023, 2), (Category.Dossiers, circ0, 2024, 1), (Category.Dossiers, circ1, 2023, 1),
            (Category.AccompagnementsDesDossiers, circ0, 2023, 1), (Category.AccompagnementsDesDossiers, circ1, 2023, 1),
            (Category.EntretiensDesDossiers, circ0, 2023, 1), (Category.EntretiensDesDossiers, circ1, 2023, 1),
            (Category.AccompagnementsClos, circ0, 2026, 1), (Category.EntretiensDesAccompagnementsClos, circ0, 2026, 1),
            (Category.Demandes, circ0, s.RequestClosedOn.Year, 1),
        ];
        Assert.Equal(expected.ToHashSet(), actual);

        var dpo = await DpoAsync();
        var page = await dpo.PageTextAsync(Url(s.Batch));
        Assert.Contains("Dossiers de personnes", page);
        Assert.Contains("Accompagnements clos", page);
        Assert.Contains("Demandes d'exercice des droits", page);
        Assert.Contains(await app.CirconscriptionNameAsync(1), page);
        Assert.Contains("En préparation", page);
        foreach (var file in new[] { s.A, s.B, s.C, s.D, s.E, s.Unmarked })
        {
            Assert.DoesNotContain(file.BirthName, page);
            Assert.DoesNotContain(file.PersonId.ToString(), page);
        }
        Assert.Contains($"Bordereau n° {s.Batch.Number}", await dpo.PageTextAsync("/conservation/bordereaux"));
    }

    [Fact]
    public async Task The_pdf_holds_the_legal_basis_the_table_and_room_for_the_visa_and_no_name()
    {
        var s = await ScenarioAsync();
        var dpo = await DpoAsync();
        var response = await dpo.Client.GetAsync($"{Url(s.Batch)}?handler=Pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
        Assert.Contains($"Bordereau d'élimination n° {s.Batch.Number}", text);
        Assert.Contains("L.211-4", text);
        Assert.Contains("R.212-14", text);
        Assert.Contains("Dossiers de personnes", text);
        Assert.Contains("Visa du directeur des archives", text);
        Assert.Contains("signature", text);
        foreach (var file in new[] { s.A, s.B, s.C, s.D, s.E, s.Unmarked })
        {
            Assert.DoesNotContain(file.BirthName, text);
            Assert.DoesNotContain(file.PersonId.ToString(), text);
        }
    }

    [Fact]
    public async Task Submitting_freezes_the_list_then_the_visa_is_checked_in_french_and_recorded()
    {
        var s = await ScenarioAsync();
        var dpo = await DpoAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(dpo, s.Batch, "Submit")).StatusCode);
        var submitted = await BatchAsync(s.Batch.Id);
        Assert.Equal(BatchStatus.Soumis, submitted.Status);
        Assert.Equal(10, EliminationBatches.Deserialize(submitted.ListJson).Count);
        Assert.True(await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AnyAsync(e =>
            e.Action == JournalAction.Parametrage && e.Reference == s.Batch.Id && e.PersonId == null)));

        // Frozen: a row marked afterwards does not change the submitted list.
        var late = await app.CreateCaseAsync(2);
        await MarkAsync(s.Batch.Id, late.PersonId);
        var page = await dpo.PageTextAsync(Url(s.Batch));
        Assert.DoesNotContain(await app.CirconscriptionNameAsync(2), page);
        Assert.Contains("Liste arrêtée à la soumission", page);

        // Submitting again: refused in French, no 500.
        var again = await PostAsync(dpo, s.Batch, "Submit");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(EliminationBatches.SubmittedAlreadyMessage, await again.TextAsync());

        async Task RefusedAsync(string date, string reference, string message)
        {
            var response = await PostAsync(dpo, s.Batch, "Visa", new() { ["Visa.Date"] = date, ["Visa.Reference"] = reference });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(message, await response.TextAsync());
            var batch = await BatchAsync(s.Batch.Id);
            Assert.Equal(BatchStatus.Soumis, batch.Status);
            Assert.Null(batch.VisaDate);
            Assert.Null(batch.VisaReference);
        }
        var today = app.Today.ToString("yyyy-MM-dd");
        await RefusedAsync(today, "", "Saisissez la référence du visa");
        await RefusedAsync(today, new string('R', 101), "plus de 100 caractères");
        await RefusedAsync(app.Today.AddDays(1).ToString("yyyy-MM-dd"), "AD-2026-118", "ne peut pas être dans le futur");
        await RefusedAsync(app.Today.AddDays(-1).ToString("yyyy-MM-dd"), "AD-2026-118", "ne peut pas précéder la soumission");
        await RefusedAsync("", "AD-2026-118", "Saisissez la date du visa");

        var visa = await PostAsync(dpo, s.Batch, "Visa", new() { ["Visa.Date"] = today, ["Visa.Reference"] = "AD-2026-118" });
        Assert.Equal(HttpStatusCode.Redirect, visa.StatusCode);
        var approved = await BatchAsync(s.Batch.Id);
        Assert.Equal(BatchStatus.Vise, approved.Status);
        Assert.Equal(app.Today, approved.VisaDate);
        Assert.Equal("AD-2026-118", approved.VisaReference);
        var after = await dpo.PageTextAsync(Url(s.Batch));
        Assert.Contains("supprimera les données de ce bordereau à sa prochaine exécution", after);
        Assert.Contains("Supprimer maintenant", after);
        Assert.Equal(2, await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.CountAsync(e =>
            e.Action == JournalAction.Parametrage && e.Reference == s.Batch.Id)));

        // A second visa is refused.
        var twice = await PostAsync(dpo, s.Batch, "Visa", new() { ["Visa.Date"] = today, ["Visa.Reference"] = "AUTRE" });
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains(EliminationBatches.VisaAlreadyMessage, await twice.TextAsync());
        Assert.Equal("AD-2026-118", (await BatchAsync(s.Batch.Id)).VisaReference);

        // « Supprimer maintenant » answers at once; the run deletes the batch in the background.
        var run = await PostAsync(dpo, s.Batch, "Run");
        Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
        Assert.Contains(Discret.Web.Features.Conservation.EliminationListModel.QueuedMessage, await dpo.PageTextAsync(run.Headers.Location!.OriginalString));
        await app.WaitUntilAsync(async () => (await BatchAsync(s.Batch.Id)).Status == BatchStatus.Execute);
        Assert.False(await app.PersonExistsAsync(s.A.PersonId));
        var done = await app.WaitForRunAsync(r => r.Trigger == RunTrigger.Dpo);
        Assert.Equal(RunOutcome.Terminee, done.Outcome);
    }

    [Fact]
    public async Task Steps_out_of_order_are_refused_in_french()
    {
        var s = await ScenarioAsync();
        var dpo = await DpoAsync();
        var visa = await PostAsync(dpo, s.Batch, "Visa", new() { ["Visa.Date"] = app.Today.ToString("yyyy-MM-dd"), ["Visa.Reference"] = "AD-1" });
        Assert.Equal(HttpStatusCode.OK, visa.StatusCode);
        Assert.Contains(EliminationBatches.NotSubmittedMessage, await visa.TextAsync());
        var export = await PostAsync(dpo, s.Batch, "Export");
        Assert.Equal(HttpStatusCode.Redirect, export.StatusCode);
        Assert.Contains(BatchTransfer.NotExportableMessage, await dpo.PageTextAsync(export.Headers.Location!.OriginalString));
        var run = await PostAsync(dpo, s.Batch, "Run");
        Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);
        var batch = await BatchAsync(s.Batch.Id);
        Assert.Equal(BatchStatus.EnPreparation, batch.Status);
        Assert.Null(batch.ExportedAt);

        // An empty batch is not submitted.
        var empty = await app.WithAsync(async sp =>
        {
            var db = sp.GetRequiredService<DiscretDbContext>();
            var created = new EliminationBatch((await db.EliminationBatches.MaxAsync(x => (int?)x.Number) ?? 0) + 1, DateTime.UtcNow);
            db.EliminationBatches.Add(created);
            await db.SaveChangesAsync();
            return created;
        });
        var submit = await PostAsync(dpo, empty, "Submit");
        Assert.Equal(HttpStatusCode.OK, submit.StatusCode);
        Assert.Contains(EliminationBatches.EmptyMessage, await submit.TextAsync());
        Assert.Equal(BatchStatus.EnPreparation, (await BatchAsync(empty.Id)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await dpo.Client.GetAsync("/conservation/bordereaux/999999")).StatusCode);
    }

    [Fact]
    public async Task The_export_for_transfer_holds_the_batch_files_and_nothing_of_an_unmarked_person()
    {
        var s = await ScenarioAsync();
        var dpo = await DpoAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(dpo, s.Batch, "Submit")).StatusCode);
        var response = await PostAsync(dpo, s.Batch, "Export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var raw = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(raw);
        var root = json.RootElement;
        Assert.Equal(BatchTransfer.Format, root.GetProperty("format").GetString());
        Assert.Equal(s.Batch.Number, root.GetProperty("bordereau").GetProperty("numero").GetInt32());
        // Its times are the Paris wall-clock times, with Paris's offset (never UTC+0 in Paris): the instant stays exact.
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var exportedAt = DateTimeOffset.Parse(root.GetProperty("exporteLe").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(app.Clock!.GetUtcNow(), exportedAt);
        Assert.Equal(paris.GetUtcOffset(exportedAt), exportedAt.Offset);
        var submittedAt = DateTimeOffset.Parse(root.GetProperty("bordereau").GetProperty("soumisLe").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(paris.GetUtcOffset(submittedAt), submittedAt.Offset);
        var files = root.GetProperty("dossiers").EnumerateArray().Select(f => f.GetProperty("reference").GetGuid()).ToHashSet();
        Assert.Equal(new HashSet<Guid> { s.A.PersonId, s.B.PersonId, s.C.PersonId, s.D.PersonId }, files);
        var a = root.GetProperty("dossiers").EnumerateArray().Single(f => f.GetProperty("reference").GetGuid() == s.A.PersonId);
        var entities = a.GetProperty("sections").EnumerateArray().Select(x => x.GetProperty("entite").GetString()).ToList();
        Assert.Equal([nameof(Person), nameof(Household), nameof(FollowUp), nameof(Interview)], entities);
        Assert.Contains(s.A.BirthName, a.ToString());
        Assert.Contains(TestCase.InterviewSummary, a.ToString());
        Assert.Equal(s.E.FollowUpId, root.GetProperty("accompagnementsClos").EnumerateArray().Single().GetProperty("reference").GetGuid());
        Assert.Equal(s.RequestId, root.GetProperty("demandes").EnumerateArray().Single().GetProperty("reference").GetGuid());
        // Nothing of an unmarked person, nor of E's file (only its closed follow-up is listed), and never a working note.
        Assert.DoesNotContain(s.Unmarked.BirthName, raw);
        Assert.DoesNotContain(s.Unmarked.PersonId.ToString(), raw);
        Assert.DoesNotContain(s.E.BirthName, raw);
        Assert.DoesNotContain(s.NoteText, raw);

        Assert.NotNull((await BatchAsync(s.Batch.Id)).ExportedAt);
        Assert.True(await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AnyAsync(e =>
            e.Action == JournalAction.Export && e.Reference == s.Batch.Id)));
    }

    [Theory]
    [InlineData(StaffRole.Accueil)]
    [InlineData(StaffRole.Secretariat)]
    [InlineData(StaffRole.TravailleurSocial)]
    [InlineData(StaffRole.ResponsableCirconscription)]
    [InlineData(StaffRole.Direction)]
    [InlineData(StaffRole.AdminTechnique)]
    public async Task Only_the_dpo_reaches_the_batches(StaffRole role)
    {
        var s = await ScenarioAsync();
        var session = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(role));
        foreach (var url in new[] { "/conservation/bordereaux", Url(s.Batch), $"{Url(s.Batch)}?handler=Pdf" })
            Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync(url)).StatusCode);
        var token = await session.AntiforgeryTokenAsync("/");
        foreach (var handler in new[] { "Submit", "Export", "Visa", "Run" })
        {
            var response = await session.Client.PostAsync($"{Url(s.Batch)}?handler={handler}", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
        var batch = await BatchAsync(s.Batch.Id);
        Assert.Equal(BatchStatus.EnPreparation, batch.Status);
        Assert.Null(batch.ExportedAt);
    }
}
