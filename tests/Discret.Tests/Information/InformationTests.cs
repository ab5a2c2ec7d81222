using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Tests.Support;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Organisation;
using Discret.Domain.Persons;
using Discret.Web.Features.InformationDesPersonnes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Information;

/// <summary>
/// The person is informed (GDPR art. 13 and 14), seen from the outside: a notice generated from the catalogue and
/// versioned, records of the information given, no interview on a file older than 30 days without one, and the
/// facts reported by others listed to the referent until brought to the person's knowledge.
/// </summary>
[Collection(InstallationCollection.Name)]
public class InformationTests(DiscretFactory app)
{
    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The text of a PDF, its words joined by single spaces (lines wrap only between words), without the pages'
    /// footers (the lowest 55 points), so that a sentence going on over a page break reads whole.</summary>
    private static string PdfText(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Where(w => w.BoundingBox.Bottom > 55).Select(w => w.Text));
    }

    private static async Task<int> CurrentNoticeAsync(StaffSession session)
    {
        var match = System.Text.RegularExpressions.Regex.Match(await session.PageTextAsync("/notice-information"), @"Version (\d+), en vigueur depuis");
        Assert.True(match.Success);
        return int.Parse(match.Groups[1].Value);
    }

    [Fact]
    public async Task The_leaflet_lists_every_purpose_and_every_retention_rule_of_the_catalogue()
    {
        var accueil = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var number = await CurrentNoticeAsync(accueil);
        var response = await accueil.Client.GetAsync($"/notice-information/{number}/depliant.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = PdfText(await response.Content.ReadAsByteArrayAsync());

        var inNotice = DataCatalogue.Fields.Where(f => f.InNotice).ToList();
        foreach (var purpose in inNotice.SelectMany(f => f.Purposes).Distinct())
            Assert.Contains(Normalise(purpose.Label()), text);
        foreach (var rule in inNotice.Select(f => f.Retention).Distinct())
            Assert.Contains(Normalise(rule.Describe()), text);
        foreach (var category in inNotice.Select(f => f.Category).Distinct())
            Assert.Contains(Normalise(category.Label()), text);
        Assert.Contains("CNIL", text);
        var settings = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().DepartementSettings.AsNoTracking().SingleAsync());
        Assert.Contains(Normalise(settings.ControllerName), text);
        Assert.Contains(Normalise(settings.DpoContact), text);
    }

    /// <summary>
    /// The notice names every reader Discret allows beyond the grants (issue 17 §3): break-glass with its configured
    /// length, the DPO (access copy, spot checks, the intermediate archive), the archives service; and the working-notes
    /// page says the one way the person gets them.
    /// </summary>
    [Fact]
    public async Task The_notice_names_the_break_glass_reader_the_dpo_and_the_archives_beyond_the_grants()
    {
        var accueil = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var number = await CurrentNoticeAsync(accueil);
        var leaflet = PdfText(await accueil.Client.GetByteArrayAsync($"/notice-information/{number}/depliant.pdf"));
        var page = Normalise(await accueil.PageTextAsync($"/notice-information/{number}"));
        var hours = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Discret.Web.Features.AccesExceptionnel.BreakGlassSettings>>().Value.Duration.TotalHours;
        foreach (var text in new[] { leaflet, page })
        {
            Assert.Contains($"peut ouvrir votre dossier pendant {hours} heures au plus (accès exceptionnel)", text);
            Assert.Contains("Le délégué à la protection des données prépare la copie de votre dossier", text);
            Assert.Contains("seul le délégué à la protection des données peut l'ouvrir", text);
            Assert.Contains("archives départementales", text);
            Assert.Contains(NoticeContent.NoOneElse, text);
            Assert.True(text.IndexOf("accès exceptionnel", StringComparison.Ordinal) < text.IndexOf(NoticeContent.NoOneElse, StringComparison.Ordinal),
                "« Personne d'autre » vient après la liste de ceux qui lisent le dossier.");
        }
    }

    /// <summary>
    /// The easy-to-read notice (FALC, issue 17 §3): every sentence printed, short (15 words at most: one idea each), with
    /// the durations and contacts in force; an unknown version answers 404.
    /// </summary>
    [Fact]
    public async Task The_easy_to_read_notice_prints_short_sentences_with_the_durations_and_contacts_in_force()
    {
        var accueil = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var number = await CurrentNoticeAsync(accueil);
        var response = await accueil.Client.GetAsync($"/notice-information/{number}/facile-a-lire.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = PdfText(await response.Content.ReadAsByteArrayAsync());
        var notice = await app.WithAsync(sp => sp.GetRequiredService<NoticeVersions>().CurrentAsync());
        var parts = notice.Content.EasyRead!;
        Assert.True(parts.Count >= 5);
        foreach (var part in parts)
        {
            Assert.Contains(Normalise(part.Question), text);
            foreach (var sentence in part.Sentences)
            {
                Assert.Contains(Normalise(sentence), text);
                if (!sentence.Contains('@') && !sentence.Contains("CNIL,"))   // an address is no sentence
                    foreach (var one in sentence.Split(['.', '?', '!'], StringSplitOptions.RemoveEmptyEntries))
                        Assert.True(one.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 15, $"Phrase trop longue : {one}");
            }
        }
        var settings = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().DepartementSettings.AsNoTracking().SingleAsync());
        Assert.Contains(Normalise(settings.DpoContact), text);
        Assert.Contains("Nous gardons votre dossier 2 ans après votre dernier contact avec nous.", text);
        Assert.Equal(HttpStatusCode.NotFound, (await accueil.Client.GetAsync("/notice-information/9999/facile-a-lire.pdf")).StatusCode);
    }

    /// <summary>One A3 page in large print (body ≥ 24 pt, issue 17 §3), with how long each category of data is kept.</summary>
    [Fact]
    public async Task The_poster_is_one_a3_page()
    {
        var accueil = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var number = await CurrentNoticeAsync(accueil);
        var bytes = await accueil.Client.GetByteArrayAsync($"/notice-information/{number}/affiche.pdf");
        using var document = UglyToad.PdfPig.PdfDocument.Open(bytes);
        Assert.Equal(1, document.NumberOfPages);
        var page = document.GetPage(1);
        Assert.InRange(page.Width, 840, 844);   // A3: 842 × 1191 points
        Assert.InRange(page.Height, 1189, 1193);
        Assert.Contains("Vos droits", PdfText(bytes));
        var text = PdfText(bytes);
        foreach (var category in DataCatalogue.Fields.Where(f => f.InNotice).Select(f => f.Category).Distinct())
            Assert.Contains(category.Label().ToLowerInvariant(), text.ToLowerInvariant());
        Assert.Contains("2 ans après le dernier contact", text);
        Assert.Contains("Seuls les professionnels qui en ont besoin les voient", text);
        // the body's letters (every word but the title, the headings and the footer) are printed at 24 pt or more
        var sizes = page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)).GroupBy(l => Math.Round(l.PointSize)).OrderByDescending(g => g.Count()).First().Key;
        Assert.True(sizes >= 24, $"Corps du texte en {sizes} pt");
    }

    [Fact]
    public async Task A_change_of_settings_publishes_a_new_version_and_the_old_one_stays_as_it_was()
    {
        var accueil = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var before = await CurrentNoticeAsync(accueil);
        Assert.Equal(before, await CurrentNoticeAsync(accueil)); // nothing changed: no new version

        var original = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().DepartementSettings.AsNoTracking().Select(s => s.PostalAddress).SingleAsync());
        var address = "Hôtel du Département, 2 rue de l'Essai " + Guid.NewGuid().ToString("N")[..6] + ", 99000 Valmont";
        try
        {
            await app.WithDbAsync(async db =>
            {
                (await db.DepartementSettings.SingleAsync()).SetPostalAddress(address);
                await db.SaveChangesAsync();
            });
            var after = await CurrentNoticeAsync(accueil);
            Assert.Equal(before + 1, after);
            Assert.Contains(address, await accueil.PageTextAsync("/notice-information"));
            var old = await accueil.PageTextAsync($"/notice-information/{before}");
            Assert.DoesNotContain(address, old);
            Assert.Contains("Ancienne version", old);
            Assert.Contains(address, PdfText(await accueil.Client.GetByteArrayAsync($"/notice-information/{after}/depliant.pdf")));
            Assert.DoesNotContain(address, PdfText(await accueil.Client.GetByteArrayAsync($"/notice-information/{before}/depliant.pdf")));
        }
        finally
        {
            await app.WithDbAsync(async db =>
            {
                (await db.DepartementSettings.SingleAsync()).SetPostalAddress(original);
                await db.SaveChangesAsync();
            });
        }
    }

    [Fact]
    public async Task An_unknown_notice_version_is_not_found()
    {
        var accueil = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        Assert.Equal(HttpStatusCode.NotFound, (await accueil.Client.GetAsync("/notice-information/9999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await accueil.Client.GetAsync("/notice-information/9999/depliant.pdf")).StatusCode);
    }

    [Fact]
    public async Task Reception_records_the_information_given_and_the_reminder_disappears()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, referent);
        var accueil = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        Assert.Contains("La personne n'a pas encore été informée", await accueil.PageTextAsync($"/personnes/{file.PersonId}"));

        var response = await accueil.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/information",
            new { method = "RemiseEnMain", informedOn = Today });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var page = await accueil.PageTextAsync($"/personnes/{file.PersonId}");
        Assert.DoesNotContain("La personne n'a pas encore été informée", page);
        Assert.Contains("notice remise en main propre", page);
        var journal = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AsNoTracking()
            .Where(e => e.PersonId == file.PersonId && e.Action == JournalAction.Ecriture).Select(e => e.Detail).ToListAsync());
        Assert.Contains(journal, d => d != null && d.Contains("information"));
    }

    [Fact]
    public async Task An_information_record_with_missing_or_wrong_answers_is_refused_in_french_and_nothing_is_saved()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, referent);
        var ts = await StaffSession.LoginAsync(app, referent);
        var tomorrow = ParisTime.Today(TimeProvider.System).AddDays(2).ToString("yyyy-MM-dd");

        var response = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/information", new { informedOn = tomorrow, noticeVersion = 999 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Indiquez comment la personne a été informée", body);
        Assert.Contains("ne peut pas être dans le futur", body);
        Assert.Contains("version publiée", body);

        var page = await ts.PostFormAsync($"/personnes/{file.PersonId}/information?handler=Record",
            new Dictionary<string, string> { ["Input.Method"] = "", ["Input.InformedOn"] = "pas une date" }, $"/personnes/{file.PersonId}/information");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Indiquez comment la personne a été informée", await page.TextAsync());
        Assert.Equal(0, await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().InformationRecords.CountAsync(r => r.PersonId == file.PersonId)));
    }

    [Theory]
    [InlineData(StaffRole.Direction)]
    [InlineData(StaffRole.Dpo)]
    [InlineData(StaffRole.AdminTechnique)]
    [InlineData(StaffRole.ResponsableCirconscription)] // reads that the person was informed, does not record it
    public async Task Roles_without_the_need_cannot_record_the_information(StaffRole role)
    {
        var file = await app.CreateCaseAsync(0, await app.CreateAccountAsync(StaffRole.TravailleurSocial));
        var session = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(role));
        var response = await session.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/information", new { method = "Oral", informedOn = Today });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync($"/personnes/{file.PersonId}/information")).StatusCode);
        Assert.Equal(0, await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().InformationRecords.CountAsync(r => r.PersonId == file.PersonId)));
    }

    [Fact]
    public async Task Reception_of_another_circonscription_cannot_record_the_information()
    {
        var file = await app.CreateCaseAsync(0, await app.CreateAccountAsync(StaffRole.TravailleurSocial));
        var other = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil, circonscription: 1));
        var response = await other.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/information", new { method = "Oral", informedOn = Today });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task No_interview_on_a_file_older_than_30_days_until_the_person_is_informed()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, referent);
        await app.WithDbAsync(db => db.Persons.Where(p => p.Id == file.PersonId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.CreatedAt, DateTime.UtcNow.AddDays(-31))));
        var ts = await StaffSession.LoginAsync(app, referent);
        var interview = new { occurredOn = Today, kind = "Permanence", summary = "Point sur le dossier logement.", source = "Personne" };

        var refused = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/entretiens", interview);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("plus de 30 jours", await refused.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.InterviewCountAsync(file.FollowUpId!.Value));
        Assert.Contains("aucun entretien ne peut être saisi", await ts.PageTextAsync($"/personnes/{file.PersonId}"));

        Assert.Equal(HttpStatusCode.Created, (await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/information",
            new { method = "Oral", informedOn = Today })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/entretiens", interview)).StatusCode);
    }

    [Fact]
    public async Task A_file_younger_than_30_days_takes_interviews_before_the_information_is_recorded()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, referent);
        var ts = await StaffSession.LoginAsync(app, referent);
        var response = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/entretiens",
            new { occurredOn = Today, kind = "Permanence", source = "Personne" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_fact_reported_by_a_third_party_is_listed_to_the_referent_with_its_deadline_until_the_person_is_told()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, referent, interviewProvenance: Provenance.ReportedBy(ThirdPartyCategory.Voisinage));
        var ts = await StaffSession.LoginAsync(app, referent);

        var section = await ts.Client.GetFromJsonAsync<JsonElement>($"/api/v1/personnes/{file.PersonId}/information");
        var pending = section.GetProperty("pendingFacts").EnumerateArray().Single();
        Assert.Equal("Entretien", pending.GetProperty("kind").GetString());
        Assert.Equal("2026-03-03", pending.GetProperty("deadline").GetString()); // the interview of 1 February 2026, plus 30 days
        Assert.Contains(file.BirthName, await ts.PageTextAsync("/a-informer"));

        // Another social worker of the circonscription, who does not follow the person, has nothing of it.
        var colleague = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.TravailleurSocial));
        Assert.DoesNotContain(file.BirthName, await colleague.PageTextAsync("/a-informer"));

        var told = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/information/tiers",
            new { factId = pending.GetProperty("factId").GetGuid(), method = "Oral", informedOn = Today });
        Assert.Equal(HttpStatusCode.Created, told.StatusCode);
        section = await ts.Client.GetFromJsonAsync<JsonElement>($"/api/v1/personnes/{file.PersonId}/information");
        Assert.Empty(section.GetProperty("pendingFacts").EnumerateArray());
        var list = await ts.PageTextAsync("/a-informer");
        Assert.DoesNotContain("Entretien du 01/02/2026", list);
    }

    [Fact]
    public async Task A_fact_told_by_the_person_is_not_listed()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, referent, interviewProvenance: Provenance.ThePerson);
        var ts = await StaffSession.LoginAsync(app, referent);
        var section = await ts.Client.GetFromJsonAsync<JsonElement>($"/api/v1/personnes/{file.PersonId}/information");
        Assert.Empty(section.GetProperty("pendingFacts").EnumerateArray());
    }

    [Fact]
    public async Task Telling_the_person_of_a_fact_that_is_not_pending_is_refused()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, referent);
        var ts = await StaffSession.LoginAsync(app, referent);
        var response = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/information/tiers",
            new { factId = Guid.NewGuid(), method = "Oral", informedOn = Today });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("n'est pas (ou plus) à porter", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().FactDisclosures.CountAsync(d => d.PersonId == file.PersonId)));
    }
}
