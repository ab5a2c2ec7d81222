using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Tests.Support;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Rights;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Partages;

/// <summary>
/// Consents to sharing seen from the outside: the assigned social worker records, withdraws and shares under a consent;
/// the sheet holds the agreed categories and nothing else; without a valid consent covering the categories nothing is
/// shared and the refusal is journaled; every other account meets a 404.
/// </summary>
[Collection(FollowUpsCollection.Name)]
public class SharingConsentTests(DiscretFactory app)
{
    private static object Body(string[]? categories = null, string? partnerName = "CCAS de Valmont", string? partner = "Ccas", string? purpose = "AccesAuLogement",
        string? form = "Ecrit", string? givenOn = null, string? validUntil = null) =>
        new { partner, partnerName, purpose, categories = categories ?? ["Identite", "Interventions"], form, givenOn = givenOn ?? Today, validUntil };

    private static async Task<Guid> RecordAsync(StaffSession ts, Guid personId, object? body = null)
    {
        var response = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{personId}/accords-de-partage", body ?? Body());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static Task<HttpResponseMessage> ShareAsync(StaffSession ts, Guid personId, Guid consentId, params string[] categories) =>
        ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{personId}/accords-de-partage/{consentId}/partages", new { categories });

    private Task<T> DbAsync<T>(Func<DiscretDbContext, Task<T>> read) => app.WithAsync(sp => read(sp.GetRequiredService<DiscretDbContext>()));

    private Task<List<JournalEntry>> JournalAsync(Guid personId) =>
        DbAsync(db => db.JournalEntries.AsNoTracking().Where(e => e.PersonId == personId).OrderBy(e => e.Seq).ToListAsync());

    private static string PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    private async Task<(TestAccount Worker, StaffSession Ts, TestCase File)> ReferentAsync()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var ts = await StaffSession.LoginAsync(app, worker);
        return (worker, ts, await app.CreateCaseAsync(0, worker));
    }

    [Fact]
    public async Task The_referent_records_a_consent_that_the_file_lists_and_the_journal_records()
    {
        var (_, ts, file) = await ReferentAsync();
        var id = await RecordAsync(ts, file.PersonId, Body(validUntil: null));

        var consent = await DbAsync(db => db.SharingConsents.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal(PartnerKind.Ccas, consent.Partner);
        Assert.Equal([DataCategory.Identite, DataCategory.Interventions], consent.Categories);
        Assert.Equal(consent.GivenOn.AddMonths(12), consent.ValidUntil); // 12 months by default
        Assert.Contains(await JournalAsync(file.PersonId), e => e.Action == JournalAction.Ecriture && e.Reference == id && e.Detail!.Contains("Partages"));

        var html = await ts.PageTextAsync($"/personnes/{file.PersonId}");
        Assert.Contains("Accords de partage", html);
        Assert.Contains("CCAS de Valmont", html);
        Assert.Contains("Valable", html);
        Assert.Contains("Enregistrer un accord de partage", html);
    }

    [Fact]
    public async Task The_sheet_holds_the_agreed_categories_and_nothing_else_and_the_sharing_is_logged_and_journaled()
    {
        var (worker, ts, file) = await ReferentAsync();
        var consentId = await RecordAsync(ts, file.PersonId, Body(["Identite", "Interventions", "MotifsAccompagnement"]));

        var response = await ShareAsync(ts, file.PersonId, consentId, "Identite", "Interventions");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        await File.WriteAllBytesAsync(Path.Combine(Path.GetTempPath(), "discret-partage-test.pdf"), pdf);
        var text = PdfText(pdf);
        Assert.Contains("Informations transmises à CCAS de Valmont", text);
        Assert.Contains(file.BirthName, text);
        Assert.Contains("17/05/1980", text);
        Assert.Contains("Dossier de demande de logement social", text); // the interview's summary
        Assert.Contains(ParisTime.Today(TimeProvider.System).ToString("dd/MM/yyyy"), text); // the consent's date
        Assert.Contains("Accès ou maintien dans le logement", text);
        Assert.Contains("secret professionnel", text);
        // Not agreed for this sharing: contact details, the motives (covered by the consent but not chosen), the household.
        Assert.DoesNotContain("06 00 00 00 01", text);
        Assert.DoesNotContain("rue de l'Essai", text);
        Assert.DoesNotContain("Motifs abordés", text);
        Assert.DoesNotContain("Personne de référence", text);

        var sharing = await DbAsync(db => db.Sharings.AsNoTracking().SingleAsync(s => s.ConsentId == consentId));
        Assert.Equal([DataCategory.Identite, DataCategory.Interventions], sharing.Categories);
        Assert.Equal(worker.Id, sharing.SharedById);
        var entry = Assert.Single(await JournalAsync(file.PersonId), e => e.Action == JournalAction.Partage);
        Assert.Equal(consentId, entry.Reference);
        Assert.Equal("Identite,Interventions", entry.Detail);
        Assert.Equal(worker.Id, entry.AccountId);

        var onlyIdentity = PdfText(await (await ShareAsync(ts, file.PersonId, consentId, "Identite")).Content.ReadAsByteArrayAsync());
        Assert.Contains(file.BirthName, onlyIdentity);
        Assert.DoesNotContain("Dossier de demande de logement social", onlyIdentity);

        var html = await ts.PageTextAsync($"/personnes/{file.PersonId}");
        Assert.Contains("Partages faits", html);
    }

    [Fact]
    public async Task The_share_page_answers_the_sheet_and_a_refusal_in_french_on_the_page()
    {
        var (_, ts, file) = await ReferentAsync();
        var consentId = await RecordAsync(ts, file.PersonId, Body(["Identite"]));
        var url = $"/personnes/{file.PersonId}/accords-de-partage/{consentId}";
        var page = await ts.PageTextAsync(url);
        Assert.Contains("Obtenir la fiche PDF", page);
        Assert.DoesNotContain("value=\"Coordonnees\"", page); // only what the consent covers is offered

        var shared = await ts.PostFormAsync(url, Form(("Input.Categories", "Identite")));
        Assert.Equal("application/pdf", shared.Content.Headers.ContentType?.MediaType);

        var forged = await ts.PostFormAsync(url, Form(("Input.Categories", "Coordonnees")));
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("ne couvre pas « Coordonnées »", await forged.TextAsync());

        var none = await ts.PostFormAsync(url, Form());
        Assert.Contains("Cochez au moins une catégorie", await none.TextAsync());
        Assert.Equal(1, await DbAsync(db => db.Sharings.CountAsync(s => s.ConsentId == consentId)));
    }

    [Fact]
    public async Task A_category_the_consent_does_not_cover_is_refused_and_journaled_and_nothing_is_shared()
    {
        var (_, ts, file) = await ReferentAsync();
        var consentId = await RecordAsync(ts, file.PersonId, Body(["Identite"]));
        var response = await ShareAsync(ts, file.PersonId, consentId, "Identite", "Coordonnees");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Partage refusé", problem.GetProperty("title").GetString());
        Assert.Contains("ne couvre pas « Coordonnées »", problem.GetProperty("detail").GetString());
        Assert.False(await DbAsync(db => db.Sharings.AnyAsync(s => s.ConsentId == consentId)));
        var refusal = Assert.Single(await JournalAsync(file.PersonId), e => e.Action == JournalAction.PartageRefuse);
        Assert.Equal(consentId, refusal.Reference);
        Assert.Contains("Coordonnees", refusal.Detail);
    }

    [Fact]
    public async Task After_its_withdrawal_a_consent_shares_nothing_and_the_refusal_is_journaled()
    {
        var (worker, ts, file) = await ReferentAsync();
        var consentId = await RecordAsync(ts, file.PersonId);
        Assert.Equal(HttpStatusCode.OK, (await ShareAsync(ts, file.PersonId, consentId, "Identite")).StatusCode);

        var withdrawn = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/accords-de-partage/{consentId}/retrait");
        Assert.Equal(HttpStatusCode.NoContent, withdrawn.StatusCode);
        var consent = await DbAsync(db => db.SharingConsents.AsNoTracking().SingleAsync(c => c.Id == consentId));
        Assert.Equal(ParisTime.Today(TimeProvider.System), consent.WithdrawnOn);
        Assert.Equal(worker.Id, consent.WithdrawnById);
        Assert.Equal(HttpStatusCode.Conflict, (await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/accords-de-partage/{consentId}/retrait")).StatusCode);

        var refused = await ShareAsync(ts, file.PersonId, consentId, "Identite");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("a retiré son accord", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(1, await DbAsync(db => db.Sharings.CountAsync(s => s.ConsentId == consentId)));
        Assert.Contains(await JournalAsync(file.PersonId), e => e.Action == JournalAction.PartageRefuse && e.Reference == consentId && e.Detail == "Retire");
        Assert.Contains("Retiré", await ts.PageTextAsync($"/personnes/{file.PersonId}"));
    }

    [Fact]
    public async Task An_expired_consent_shares_nothing_and_the_refusal_is_journaled()
    {
        var (_, ts, file) = await ReferentAsync();
        var today = ParisTime.Today(TimeProvider.System);
        // Recorded after the fact: given eight months ago, valid until yesterday.
        var consentId = await RecordAsync(ts, file.PersonId, Body(givenOn: today.AddMonths(-8).ToString("yyyy-MM-dd"), validUntil: today.AddDays(-1).ToString("yyyy-MM-dd")));
        var refused = await ShareAsync(ts, file.PersonId, consentId, "Identite");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("n'est plus valable", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.False(await DbAsync(db => db.Sharings.AnyAsync(s => s.ConsentId == consentId)));
        Assert.Contains(await JournalAsync(file.PersonId), e => e.Action == JournalAction.PartageRefuse && e.Detail == "Expire");
        Assert.Contains("Expiré", await ts.PageTextAsync($"/personnes/{file.PersonId}"));
    }

    [Fact]
    public async Task A_consent_not_yet_valid_shares_nothing()
    {
        var (worker, ts, file) = await ReferentAsync();
        var tomorrow = ParisTime.Today(TimeProvider.System).AddDays(1);
        var consent = new SharingConsent(file.PersonId, PartnerKind.Caf, "CAF de l'Essonne", SharingPurpose.OuvertureDeDroits, [DataCategory.Identite],
            ConsentForm.Oral, tomorrow, tomorrow.AddMonths(3), worker.Id, DateTime.UtcNow);
        await app.WithDbAsync(async db => { db.SharingConsents.Add(consent); await db.SaveChangesAsync(); });
        var refused = await ShareAsync(ts, file.PersonId, consent.Id, "Identite");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("ne prend effet que le", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Contains(await JournalAsync(file.PersonId), e => e.Action == JournalAction.PartageRefuse && e.Reference == consent.Id);
    }

    [Fact]
    public async Task Every_account_but_the_assigned_social_worker_gets_404_for_recording_withdrawing_and_sharing()
    {
        var (worker, ts, file) = await ReferentAsync();
        var consentId = await RecordAsync(ts, file.PersonId);
        // A head of circonscription in the team reads the consents but does not write them.
        var rc = await app.CreateAccountAsync(StaffRole.ResponsableCirconscription);
        var teamFile = await app.CreateCaseAsync(0, worker, [rc]);
        var teamConsent = await RecordAsync(ts, teamFile.PersonId);
        var others = new List<(string Who, StaffSession Session, TestCase File, Guid Consent)>
        {
            ("accueil", await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil)), file, consentId),
            ("secrétariat", await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Secretariat)), file, consentId),
            ("RC de l'équipe", await StaffSession.LoginAsync(app, rc), teamFile, teamConsent),
            ("DPO", await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo)), file, consentId),
            ("direction", await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Direction)), file, consentId),
            ("TS non affecté", await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.TravailleurSocial)), file, consentId),
            ("TS d'une autre circonscription", await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.TravailleurSocial, circonscription: 1)), file, consentId),
        };
        foreach (var (who, session, f, consent) in others)
        {
            var basePath = $"/api/v1/personnes/{f.PersonId}/accords-de-partage";
            Assert.True(HttpStatusCode.NotFound == (await session.ApiSendAsync(HttpMethod.Post, basePath, Body())).StatusCode, who);
            Assert.True(HttpStatusCode.NotFound == (await session.ApiSendAsync(HttpMethod.Post, $"{basePath}/{consent}/partages", new { categories = new[] { "Identite" } })).StatusCode, who);
            Assert.True(HttpStatusCode.NotFound == (await session.ApiSendAsync(HttpMethod.Post, $"{basePath}/{consent}/retrait")).StatusCode, who);
            Assert.True(HttpStatusCode.NotFound == (await session.Client.GetAsync($"/personnes/{f.PersonId}/accords-de-partage/{consent}")).StatusCode, who);
            Assert.True(HttpStatusCode.NotFound == (await session.Client.GetAsync($"/personnes/{f.PersonId}/accords-de-partage/nouveau")).StatusCode, who);
        }
        Assert.Equal(2, await DbAsync(db => db.SharingConsents.CountAsync(c => c.PersonId == file.PersonId || c.PersonId == teamFile.PersonId)));
        Assert.False(await DbAsync(db => db.SharingConsents.AnyAsync(c => c.WithdrawnOn != null && (c.Id == consentId || c.Id == teamConsent))));
        Assert.False(await DbAsync(db => db.Sharings.AnyAsync(s => s.ConsentId == consentId || s.ConsentId == teamConsent)));

        // The head of circonscription of the team sees the section, without the means to write; reception does not see it.
        var rcHtml = await others[2].Session.PageTextAsync($"/personnes/{teamFile.PersonId}");
        Assert.Contains("Accords de partage", rcHtml);
        Assert.DoesNotContain("Enregistrer un accord de partage", rcHtml);
        Assert.DoesNotContain("Accords de partage", await others[0].Session.PageTextAsync($"/personnes/{file.PersonId}"));
        // A consent of another person through this person's address: 404.
        Assert.Equal(HttpStatusCode.NotFound, (await ShareAsync(ts, file.PersonId, teamConsent, "Identite")).StatusCode);
    }

    public static TheoryData<string, string, object> BadInputs() => new()
    {
        { "sans partenaire", "partner", Body(partner: null) },
        { "sans nom", "partnerName", Body(partnerName: " ") },
        { "nom trop long", "partnerName", Body(partnerName: new string('A', 121)) },
        { "NIR dans le nom", "partnerName", Body(partnerName: "CCAS 2 87 06 91 123 045 17") }, // a fictional NIR with a valid key

        { "sans objet", "purpose", Body(purpose: null) },
        { "sans catégorie", "categories", Body(categories: []) },
        { "catégorie non partageable", "categories", Body(categories: ["Tracabilite"]) },
        { "sans forme", "form", Body(form: null) },
        { "date future", "givenOn", Body(givenOn: ParisTime.Today(TimeProvider.System).AddDays(1).ToString("yyyy-MM-dd")) },
        { "fin avant la date", "validUntil", Body(validUntil: ParisTime.Today(TimeProvider.System).AddDays(-1).ToString("yyyy-MM-dd")) },
        { "plus de 12 mois", "validUntil", Body(validUntil: ParisTime.Today(TimeProvider.System).AddMonths(12).AddDays(1).ToString("yyyy-MM-dd")) },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task A_bad_consent_is_refused_on_its_field_in_french_and_nothing_is_saved(string _, string field, object body)
    {
        var (_, ts, file) = await ReferentAsync();
        var response = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/accords-de-partage", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), errors.ToString());
        Assert.Matches("[éèàçê]|Indiquez|Choisissez|Cochez|Saisissez", messages[0].GetString());
        Assert.False(await DbAsync(db => db.SharingConsents.AnyAsync(c => c.PersonId == file.PersonId)));
    }

    [Fact]
    public async Task The_consent_form_shows_french_errors_on_its_fields_and_saves_nothing()
    {
        var (_, ts, file) = await ReferentAsync();
        var url = $"/personnes/{file.PersonId}/accords-de-partage/nouveau";
        var page = await ts.PostFormAsync(url, Form(("Input.PartnerName", "CCAS de Valmont"), ("Input.GivenOn", Today)));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.TextAsync();
        Assert.Contains("Choisissez le type de partenaire.", html);
        Assert.Contains("Choisissez l'objet du partage.", html);
        Assert.Contains("Cochez au moins une catégorie", html);
        Assert.False(await DbAsync(db => db.SharingConsents.AnyAsync(c => c.PersonId == file.PersonId)));

        var saved = await ts.PostFormAsync(url, Form(("Input.Partner", "Bailleur"), ("Input.PartnerName", "Office HLM de Valmont"), ("Input.Purpose", "AccesAuLogement"),
            ("Input.Categories", "Identite"), ("Input.Categories", "CompositionMenage"), ("Input.Form", "Oral"), ("Input.GivenOn", Today)));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var consent = await DbAsync(db => db.SharingConsents.AsNoTracking().SingleAsync(c => c.PersonId == file.PersonId));
        Assert.Equal([DataCategory.Identite, DataCategory.CompositionMenage], consent.Categories);
    }
}
