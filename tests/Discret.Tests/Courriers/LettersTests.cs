using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Letters;
using Discret.Domain.Rights;
using Discret.Tests.Droits;
using Discret.Tests.Support;
using Discret.Web.Features.Courriers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Discret.Tests.Courriers;

/// <summary>Letters from templates and the print view of a file: one application of their own (templates are installation-wide).</summary>
[CollectionDefinition(Name)]
public sealed class LettersCollection : ICollectionFixture<DiscretFactory>
{
    public const string Name = "Courriers";
}

/// <summary>
/// Letters seen from the outside: the administrator's templates refuse an unknown merge field and one a sender may not
/// read, and keep every version; a letter merges the file's values into a PDF, is listed on the file, journaled as an
/// export without names, given in the access export and deleted with the file; whoever lacks the need gets 404.
/// </summary>
[Collection(LettersCollection.Name)]
public class LettersTests(DiscretFactory app)
{
    private Task<T> DbAsync<T>(Func<DiscretDbContext, Task<T>> read) => app.WithAsync(sp => read(sp.GetRequiredService<DiscretDbContext>()));

    private static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    private async Task<StaffSession> AdminAsync() => await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.AdminTechnique));

    private async Task<(TestAccount Worker, StaffSession Ts, TestCase File)> ReferentAsync()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        return (worker, await StaffSession.LoginAsync(app, worker), await app.CreateCaseAsync(0, worker));
    }

    private static Task<HttpResponseMessage> ProduceAsync(StaffSession session, Guid personId, string kind, Guid? reference = null) =>
        session.ApiSendAsync(HttpMethod.Post, $"/api/v1/courriers/personnes/{personId}", new { kind, reference });

    private Task<int> VersionsAsync(LetterKind kind) => DbAsync(db => db.LetterTemplates.CountAsync(t => t.Kind == kind));

    [Fact]
    public async Task A_template_using_a_merge_field_a_sender_may_not_read_is_refused_at_save_naming_the_field()
    {
        var admin = await AdminAsync();
        await admin.Client.GetAsync("/modeles-de-courrier"); // the default templates, version 1
        var before = await VersionsAsync(LetterKind.AccuseReceptionDemande);

        var response = await admin.ApiSendAsync(HttpMethod.Post, "/api/v1/courriers/modeles/accuse-de-reception",
            new { title = "Accusé de réception", body = "Votre demande a été transmise à {{partenaire.nom}}." });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains("{{partenaire.nom}}", problem);
        Assert.Contains(StaffRole.Accueil.Label(), problem); // the reception sends receipts and does not read the sharings
        Assert.Equal(before, await VersionsAsync(LetterKind.AccuseReceptionDemande));

        // The page says it next to the field.
        var page = await admin.PostFormAsync("/modeles-de-courrier/accuse-de-reception",
            new() { ["Input.Title"] = "Accusé de réception", ["Input.Body"] = "Transmise à {{partenaire.nom}}." });
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("n'est pas lisible par le rôle", html);
        Assert.Equal(before, await VersionsAsync(LetterKind.AccuseReceptionDemande));
    }

    [Fact]
    public async Task A_template_using_an_unknown_merge_field_is_refused_with_a_french_message()
    {
        var admin = await AdminAsync();
        var before = await VersionsAsync(LetterKind.ReponseDemandeAcces);
        var response = await admin.ApiSendAsync(HttpMethod.Post, "/api/v1/courriers/modeles/reponse-demande-acces",
            new { title = "Réponse", body = "Bonjour {{personne.nir}}." });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("« {{personne.nir}} » n'est pas un champ de fusion connu", await response.Content.ReadAsStringAsync());
        // A field with no value in this kind of letter is refused too.
        var misplaced = await admin.ApiSendAsync(HttpMethod.Post, "/api/v1/courriers/modeles/reponse-demande-acces",
            new { title = "Réponse", body = "Rendez-vous le {{rendezvous.date}}." });
        Assert.Equal(HttpStatusCode.BadRequest, misplaced.StatusCode);
        Assert.Contains("n'a pas de valeur dans un courrier", await misplaced.Content.ReadAsStringAsync());
        Assert.Equal(Math.Max(before, 1), await VersionsAsync(LetterKind.ReponseDemandeAcces));
    }

    [Fact]
    public async Task Saving_a_template_adds_a_version_and_the_earlier_one_stays_readable()
    {
        var admin = await AdminAsync();
        var first = await admin.Client.GetFromJsonAsync<JsonElement>("/api/v1/courriers/modeles/courrier-partenaire/versions/1");
        var response = await admin.ApiSendAsync(HttpMethod.Post, "/api/v1/courriers/modeles/courrier-partenaire",
            new { title = "Transmission convenue avec la personne", body = "À {{partenaire.nom}} : avec l'accord de {{personne.nom}}, pour {{partage.objet}}." });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var version = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
        Assert.True(version >= 2);

        var old = WebUtility.HtmlDecode(await admin.Client.GetStringAsync("/modeles-de-courrier/courrier-partenaire/versions/1"));
        Assert.Contains(first.GetProperty("title").GetString()!, old);
        var current = WebUtility.HtmlDecode(await admin.Client.GetStringAsync("/modeles-de-courrier/courrier-partenaire"));
        Assert.Contains("Transmission convenue avec la personne", current);
        Assert.Contains($"Version {version}", current);
    }

    [Fact]
    public async Task A_receipt_merges_the_file_s_values_is_listed_on_the_file_and_journaled_as_an_export_without_names()
    {
        var (worker, ts, file) = await ReferentAsync();
        var request = await app.CreateRequestAsync(file.PersonId, RightKind.Opposition, worker.Id);
        var due = await DbAsync(db => db.RightsRequests.Where(r => r.Id == request).Select(r => r.DueOn).SingleAsync());

        var response = await ProduceAsync(ts, file.PersonId, "AccuseReceptionDemande", request);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = PdfText(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(file.BirthName, text);
        Assert.Contains("99000 Valmont", text); // the household's address
        Assert.Contains(LetterProduction.RequestNumber(request), text);
        Assert.Contains(ParisTime.Day(due), text);
        Assert.Contains(StaffRole.TravailleurSocial.Label(), text);
        Assert.DoesNotContain("{{", text);

        var letter = await DbAsync(db => db.Letters.AsNoTracking().SingleAsync(l => l.PersonId == file.PersonId));
        Assert.Equal(LetterKind.AccuseReceptionDemande, letter.Kind);
        Assert.Equal(request, letter.ReferenceId);
        var entry = await DbAsync(db => db.JournalEntries.AsNoTracking().SingleAsync(e => e.PersonId == file.PersonId && e.Action == JournalAction.Export));
        Assert.Equal(letter.Id, entry.Reference);
        Assert.Equal("courrier accuse-de-reception: Identite,Coordonnees,Droits", entry.Detail); // the parts of the file put in the letter
        Assert.DoesNotContain(file.BirthName, entry.Detail);

        var page = WebUtility.HtmlDecode(await ts.Client.GetStringAsync($"/personnes/{file.PersonId}"));
        Assert.Contains("Courriers", page);
        Assert.Contains($"{LetterKind.AccuseReceptionDemande.Label()} — {ParisTime.Day(letter.ProducedAt)} — modèle version {letter.TemplateVersion} — {StaffRole.TravailleurSocial.Label()}", page);
        var list = await ts.Client.GetFromJsonAsync<JsonElement>($"/api/v1/courriers/personnes/{file.PersonId}");
        Assert.Equal("AccuseReceptionDemande", list[0].GetProperty("kind").GetString());
        Assert.Equal(StaffRole.TravailleurSocial.Label(), list[0].GetProperty("profession").GetString());
    }

    [Fact]
    public async Task A_letter_from_the_page_is_the_pdf_and_a_missing_request_is_said_in_french()
    {
        var (worker, ts, file) = await ReferentAsync();
        var missing = await ts.PostFormAsync($"/personnes/{file.PersonId}/courriers", new() { ["Kind"] = "accuse-de-reception" });
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("Choisissez la demande de la personne", WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync()));
        Assert.False(await DbAsync(db => db.Letters.AnyAsync(l => l.PersonId == file.PersonId)));

        var request = await app.CreateRequestAsync(file.PersonId, RightKind.Acces, worker.Id);
        var pdf = await ts.PostFormAsync($"/personnes/{file.PersonId}/courriers", new() { ["Kind"] = "reponse-demande-acces", ["Reference"] = request.ToString() });
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Contains(LetterProduction.RequestNumber(request), PdfText(await pdf.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task The_template_is_checked_again_when_a_letter_is_produced_against_what_the_sender_reads_on_this_file()
    {
        // The head of circonscription sends receipts, and reads addresses only of the persons she accompanies: on a file
        // she does not follow, the default receipt (which prints the address) is not produced.
        var (worker, _, file) = await ReferentAsync();
        var rc = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));
        var request = await app.CreateRequestAsync(file.PersonId, RightKind.Opposition, worker.Id);

        var response = await ProduceAsync(rc, file.PersonId, "AccuseReceptionDemande", request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("{{personne.adresse}}", await response.Content.ReadAsStringAsync());
        Assert.False(await DbAsync(db => db.Letters.AnyAsync(l => l.PersonId == file.PersonId)));
    }

    [Fact]
    public async Task Whoever_lacks_the_need_gets_404_for_the_letters_the_pdf_and_the_print_view()
    {
        var (worker, ts, file) = await ReferentAsync();
        var request = await app.CreateRequestAsync(file.PersonId, RightKind.Opposition, worker.Id);
        var elsewhere = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.TravailleurSocial, circonscription: 1));
        var colleague = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.TravailleurSocial)); // same office, not assigned
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil, circonscription: 1));
        var direction = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Direction));

        foreach (var session in new[] { elsewhere, colleague, reception, direction })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await ProduceAsync(session, file.PersonId, "AccuseReceptionDemande", request)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync($"/api/v1/courriers/personnes/{file.PersonId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync($"/personnes/{file.PersonId}/courriers")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync($"/personnes/{file.PersonId}/impression")).StatusCode);
        }
        // Reception of the person's own office reaches the file but writes no letter to a partner (it does not read the sharings).
        var ownReception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        Assert.Equal(HttpStatusCode.NotFound, (await ProduceAsync(ownReception, file.PersonId, "CourrierPartenaire", Guid.NewGuid())).StatusCode);
        Assert.False(await DbAsync(db => db.Letters.AnyAsync(l => l.PersonId == file.PersonId)));
        // A convocation without an appointment of the person to convene her to: a French message, nothing produced.
        var convocation = await ProduceAsync(ts, file.PersonId, "Convocation");
        Assert.Equal(HttpStatusCode.BadRequest, convocation.StatusCode);
        Assert.Contains("Choisissez le rendez-vous à venir de la personne", await convocation.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_convocation_merges_the_appointment_s_day_time_place_and_worker_from_the_agenda()
    {
        var (worker, ts, file) = await ReferentAsync();
        var startsAt = ParisTime.ToUtc(ParisTime.Today(TimeProvider.System).AddDays(9), new TimeOnly(14, 30));
        var (appointment, other) = await DbAsync(async db =>
        {
            var circonscription = await db.Persons.Where(p => p.Id == file.PersonId).Select(p => p.CirconscriptionId).SingleAsync();
            var planned = new Discret.Domain.Agenda.Appointment(file.PersonId, circonscription, file.FollowUpId, [], [worker.Id],
                new Discret.Domain.Agenda.AppointmentSlot(startsAt, startsAt.AddHours(1), Discret.Domain.Agenda.AppointmentPlace.VisiteADomicile, null), worker.Id, DateTime.UtcNow);
            var someoneElses = await app.CreateCaseAsync(0, worker);
            var theirs = new Discret.Domain.Agenda.Appointment(someoneElses.PersonId, circonscription, someoneElses.FollowUpId, [], [worker.Id],
                new Discret.Domain.Agenda.AppointmentSlot(startsAt.AddHours(2), startsAt.AddHours(3), Discret.Domain.Agenda.AppointmentPlace.BureauCirconscription, null), worker.Id, DateTime.UtcNow);
            db.Appointments.AddRange(planned, theirs);
            await db.SaveChangesAsync();
            return (planned.Id, theirs.Id);
        });
        var workerName = await DbAsync(db => db.Users.Where(u => u.Id == worker.Id).Select(u => u.DisplayName).SingleAsync());

        var response = await ProduceAsync(ts, file.PersonId, "Convocation", appointment);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var text = PdfText(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(ParisTime.LongDay(ParisTime.DayOf(startsAt)), text);
        Assert.Contains("14h30", text);
        Assert.Contains("visite à domicile", text);
        Assert.Contains(workerName, text);
        Assert.DoesNotContain("{{", text);
        Assert.Contains("Rendez-vous du", WebUtility.HtmlDecode(await ts.Client.GetStringAsync($"/personnes/{file.PersonId}/courriers")));
        // Another person's appointment cannot be put in this person's letter.
        Assert.Equal(HttpStatusCode.BadRequest, (await ProduceAsync(ts, file.PersonId, "Convocation", other)).StatusCode);
    }

    [Fact]
    public async Task The_print_view_shows_only_the_role_s_groups_with_the_footer_and_is_journaled_as_a_read()
    {
        var (_, ts, file) = await ReferentAsync();
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));

        var forWorker = WebUtility.HtmlDecode(await ts.Client.GetStringAsync($"/personnes/{file.PersonId}/impression"));
        Assert.Contains(TestCase.InterviewSummary, forWorker);
        Assert.Contains("data-group=\"Entretiens\"", forWorker);
        Assert.Contains("Document confidentiel — secret professionnel — imprimé le", forWorker);
        Assert.Contains($"par {StaffRole.TravailleurSocial.Label()}", forWorker);
        Assert.DoesNotContain("<nav", forWorker);
        Assert.DoesNotContain("<button", forWorker);
        Assert.DoesNotContain("discret-header", forWorker);

        var forReception = WebUtility.HtmlDecode(await reception.Client.GetStringAsync($"/personnes/{file.PersonId}/impression"));
        Assert.Contains(file.BirthName, forReception);
        Assert.Contains("data-group=\"Coordonnees\"", forReception);
        Assert.DoesNotContain(TestCase.InterviewSummary, forReception);
        Assert.DoesNotContain("data-group=\"Entretiens\"", forReception);
        Assert.DoesNotContain("data-group=\"Menage\"", forReception);
        Assert.DoesNotContain("data-group=\"Accompagnement\"", forReception);
        Assert.Contains($"par {StaffRole.Accueil.Label()}", forReception);

        var reads = await DbAsync(db => db.JournalEntries.AsNoTracking().Where(e => e.PersonId == file.PersonId && e.Action == JournalAction.Lecture)
            .Select(e => new { e.Role, e.Detail }).ToListAsync());
        var receptionRead = Assert.Single(reads, r => r.Role == StaffRole.Accueil);
        Assert.DoesNotContain("Entretiens", receptionRead.Detail);
        Assert.Contains("Identite", receptionRead.Detail);
        Assert.All(reads, r => Assert.DoesNotContain(file.BirthName, r.Detail ?? ""));
    }

    [Fact]
    public async Task The_refusal_is_confirmed_by_letter_and_the_refusal_page_links_the_print_view()
    {
        var (_, ts, file) = await ReferentAsync();
        var page = await ts.Client.GetStringAsync($"/personnes/{file.PersonId}/informatisation");
        Assert.Contains($"/personnes/{file.PersonId}/impression", page);
        var before = await ProduceAsync(ts, file.PersonId, "ConfirmationRefusInformatisation");
        Assert.Equal(HttpStatusCode.BadRequest, before.StatusCode);

        var refusal = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/refus-informatisation", new { confirm = true });
        Assert.True(refusal.IsSuccessStatusCode, await refusal.Content.ReadAsStringAsync());
        var response = await ProduceAsync(ts, file.PersonId, "ConfirmationRefusInformatisation");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var text = PdfText(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(ParisTime.Day(ParisTime.Today(TimeProvider.System)), text);
        Assert.Contains(file.BirthName, text);
    }

    [Fact]
    public async Task Letters_are_in_the_access_export_and_deleted_with_the_file()
    {
        var (worker, ts, file) = await ReferentAsync();
        var request = await app.CreateRequestAsync(file.PersonId, RightKind.Acces, worker.Id);
        Assert.Equal(HttpStatusCode.OK, (await ProduceAsync(ts, file.PersonId, "AccuseReceptionDemande", request)).StatusCode);

        var export = await app.WithAsync(sp => sp.GetRequiredService<Discret.Web.Features.Droits.AccessExport>().BuildAsync(file.PersonId, request));
        var section = Assert.Single(export!.Sections, s => s.Entity == nameof(Letter));
        var fields = Assert.Single(section.Items).Fields;
        Assert.Equal(LetterKind.AccuseReceptionDemande.Label(), fields.Single(f => f.Property == nameof(Letter.Kind)).Value);
        Assert.Equal(StaffRole.TravailleurSocial.Label(), fields.Single(f => f.Property == nameof(Letter.ProducedById)).Value);

        await app.WithDbAsync(db => Discret.Web.Features.Conservation.PersonDeletion.DeleteAsync(db, [file.PersonId]));
        Assert.False(await DbAsync(db => db.Letters.AnyAsync(l => l.PersonId == file.PersonId)));
        Assert.Contains("letters", await app.WithAsync(sp => Task.FromResult(Discret.Web.Features.Conservation.PersonDeletion.Tables(sp.GetRequiredService<DiscretDbContext>()))));
    }
}
