using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Organisation;
using Discret.Tests.Support;
using Discret.Web.Features.AnalyseImpact;
using Discret.Web.Features.Registre;
using Discret.Web.Shared.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.AnalyseImpact;

/// <summary>
/// The impact assessment (issue 17 §1), seen from the outside: pre-filled from the catalogue, the retention rules in force
/// and the configured measures; versioned and compared like the register; printed; exported for the CNIL's PIA software;
/// read by the DPO only (the access matrix covers the other roles).
/// </summary>
[Collection(InstallationCollection.Name)]
public class ImpactAssessmentTests(DiscretFactory app)
{
    /// <summary>The questions of the CNIL's PIA software that take an answer (its « pia_architecture »): context 111–123,
    /// fundamental principles 211–227, and the three risks 321–346 (impacts, threats, sources, measures as lists; severity
    /// and likelihood as text).</summary>
    private static readonly int[] PiaQuestions =
        [111, 112, 113, 121, 122, 123, 211, 212, 213, 214, 215, 221, 222, 223, 224, 225, 226, 227,
         321, 322, 323, 324, 325, 326, 331, 332, 333, 334, 335, 336, 341, 342, 343, 344, 345, 346];
    private static readonly int[] PiaListQuestions = [321, 322, 323, 324, 331, 332, 333, 334, 341, 342, 343, 344];

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A page's visible words: tags dropped, spaces normalised.</summary>
    private static async Task<string> WordsAsync(StaffSession session, string url) => Normalise(Regex.Replace(await session.PageTextAsync(url), "<[^>]+>", " "));

    /// <summary>The PDF's words joined by single spaces, without the running footer (bottom 50 points) and the bullets.</summary>
    private static string PdfText(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Where(w => w.BoundingBox.Bottom > 50 && w.Text != "•").Select(w => w.Text));
    }

    private async Task<StaffSession> DpoAsync() => await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));

    private static async Task<int> CurrentVersionAsync(StaffSession dpo)
    {
        var match = Regex.Match(await dpo.PageTextAsync("/analyse-impact"), @"Version (\d+) du \d\d/\d\d/\d{4}\. Cette analyse");
        Assert.True(match.Success);
        return int.Parse(match.Groups[1].Value);
    }

    private IReadOnlyList<SecurityMeasure> MeasuresInForce() =>
        app.With(sp => SecurityMeasures.Describe(sp.GetRequiredService<RegisterVersions>().Configuration()));

    [Fact]
    public async Task The_page_and_the_pdf_name_every_purpose_every_category_every_retention_rule_and_every_measure()
    {
        var dpo = await DpoAsync();
        var number = await CurrentVersionAsync(dpo);
        var page = await WordsAsync(dpo, "/analyse-impact");
        var response = await dpo.Client.GetAsync($"/analyse-impact/{number}/aipd.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var pdf = PdfText(await response.Content.ReadAsByteArrayAsync());
        var rules = (await app.WithAsync(sp => sp.GetRequiredService<Discret.Web.Features.Conservation.RetentionSettings>().AllInForceAsync())).Rules;

        foreach (var text in new[] { page, pdf })
        {
            foreach (var purpose in DataCatalogue.Fields.SelectMany(f => f.Purposes).Distinct())
                Assert.Contains(Normalise("Finalité : " + purpose.Label()), text);
            foreach (var category in DataCatalogue.Fields.Select(f => f.Category).Distinct())
                Assert.Contains(Normalise(category.Label() + " : "), text);
            foreach (var basis in DataCatalogue.Fields.Select(f => f.Basis).Distinct())
                Assert.Contains(Normalise(basis.Label()), text);
            foreach (var rule in rules)
                Assert.Contains(Normalise($"{rule.Label} : {rule.Describe()}"), text);
            foreach (var measure in MeasuresInForce())
                Assert.Contains(Normalise($"{measure.Title} : {measure.Description}"), text);
            foreach (var risk in Enum.GetValues<PrivacyRisk>())
                Assert.Contains(risk.Label(), text);
            foreach (var never in DataCatalogue.NeverCollected)
                Assert.Contains(Normalise("Jamais collecté : " + never), text);
            Assert.Contains("délibération n° 2018-327", text);
            Assert.Contains(Normalise("Avis du délégué à la protection des données À compléter par le délégué"), text);
            Assert.Contains(Normalise("Avis des personnes concernées ou de leurs représentants " + ImpactAssessmentContent.ToComplete), text);
        }
        var settings = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().DepartementSettings.AsNoTracking().SingleAsync());
        Assert.Contains(Normalise("Responsable du traitement : " + settings.ControllerName), pdf);
        Assert.Contains(Normalise("Délégué à la protection des données : " + settings.DpoContact), pdf);
    }

    /// <summary>Each risk lists, among the measures that treat it, exactly the measures declared for it, and only those.</summary>
    [Fact]
    public void Each_risk_lists_the_measures_declared_to_treat_it()
    {
        var measures = MeasuresInForce();
        var content = ImpactAssessmentContent.Build(new DepartementSettings("Département d'essai", "#0b5394", "Le président", "dpo@essai.example"),
            measures, RetentionRule.All, app.With(sp => sp.GetRequiredService<RegisterVersions>().Configuration()), 3, 2);
        foreach (var risk in Enum.GetValues<PrivacyRisk>())
        {
            var item = Assert.Single(content.Items, i => i.Title == risk.Label());
            var treating = Assert.Single(item.Questions, q => q.Title.StartsWith("Quelles sont les mesures")).Answer;
            foreach (var measure in measures)
                Assert.Equal(measure.Risks.Contains(risk), treating.Contains(measure.Title));
        }
        Assert.All(Enum.GetValues<PrivacyRisk>(), risk => Assert.Contains(measures, m => m.Risks.Contains(risk)));
    }

    [Fact]
    public async Task The_pia_file_answers_every_question_of_the_method_in_the_pia_software_format()
    {
        var dpo = await DpoAsync();
        var number = await CurrentVersionAsync(dpo);
        var response = await dpo.Client.GetAsync($"/analyse-impact/{number}/pia.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        var root = json.RootElement;

        // What the PIA software's import reads: « pia » with its own fields, then four arrays.
        var pia = root.GetProperty("pia");
        Assert.Contains($"version {number}", pia.GetProperty("name").GetString());
        Assert.Equal(0, pia.GetProperty("status").GetInt32());
        Assert.Equal("", pia.GetProperty("dpo_opinion").GetString());           // the DPO's opinion is not pre-filled
        Assert.Equal(JsonValueKind.Null, pia.GetProperty("dpo_status").ValueKind);
        Assert.Equal("", pia.GetProperty("concerned_people_opinion").GetString());
        Assert.Equal(0, root.GetProperty("evaluations").GetArrayLength());
        Assert.Equal(0, root.GetProperty("comments").GetArrayLength());

        var answers = root.GetProperty("answers").EnumerateArray().ToDictionary(a => a.GetProperty("reference_to").GetInt32(), a => a.GetProperty("data"));
        Assert.Equal(PiaQuestions, answers.Keys.Order());
        foreach (var (reference, data) in answers)
        {
            Assert.Equal(JsonValueKind.Null, data.GetProperty("gauge").ValueKind); // severity and likelihood: the controller's judgement
            if (PiaListQuestions.Contains(reference))
                Assert.NotEqual(0, data.GetProperty("list").GetArrayLength());
            else
                Assert.StartsWith("<p>", data.GetProperty("text").GetString());
        }

        var measures = root.GetProperty("measures").EnumerateArray().ToList();
        var inForce = MeasuresInForce();
        Assert.Equal(inForce.Select(m => m.Title), measures.Select(m => m.GetProperty("title").GetString()));
        Assert.All(measures, m => Assert.StartsWith("<p>", m.GetProperty("content").GetString()));
        // Each risk's « mesures » list names measures of the file (the software links them by title), plus the backups to complete.
        var titles = measures.Select(m => m.GetProperty("title").GetString()).ToHashSet();
        foreach (var reference in new[] { 324, 334, 344 })
        {
            var named = answers[reference].GetProperty("list").EnumerateArray().Select(e => e.GetString()!).ToList();
            Assert.All(named.Where(n => !n.StartsWith("Sauvegardes")), n => Assert.Contains(n, titles));
        }
        // Text is HTML-escaped: a measure with « < » or « & » cannot break the software's editor.
        Assert.DoesNotContain("<p>Accès exceptionnel : motif", answers[111].GetProperty("text").GetString());
        Assert.Contains("&#39;", answers[111].GetProperty("text").GetString());
    }

    /// <summary>A change of the settings the assessment is written from publishes a new version; the comparison page shows
    /// the line removed and the line added, and the old version stays readable as it was.</summary>
    [Fact]
    public async Task A_changed_setting_publishes_a_new_version_whose_comparison_shows_the_change()
    {
        var dpo = await DpoAsync();
        var before = await CurrentVersionAsync(dpo);
        var original = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().DepartementSettings.AsNoTracking().SingleAsync());
        const string newContact = "dpo.nouveau@essai.example";
        await SetDpoContactAsync(newContact);
        try
        {
            var after = await CurrentVersionAsync(dpo);
            Assert.True(after > before);
            var comparison = await WordsAsync(dpo, $"/analyse-impact/comparer?de={before}&a={after}");
            var overview = comparison[comparison.IndexOf("1.1 Vue d'ensemble", StringComparison.Ordinal)..];
            var added = overview.IndexOf($"Ajouté dans la version {after} :", StringComparison.Ordinal);
            var removed = overview.IndexOf($"Retiré depuis la version {before} :", StringComparison.Ordinal);
            Assert.True(added >= 0 && removed > added);
            Assert.Contains(Normalise($"Quelles sont les responsabilités liées au traitement ? — Délégué à la protection des données : {newContact}"), overview[added..removed]);
            Assert.Contains(Normalise($"Quelles sont les responsabilités liées au traitement ? — Délégué à la protection des données : {original.DpoContact}"), overview[removed..]);
            var old = await WordsAsync(dpo, $"/analyse-impact/{before}");
            Assert.Contains("Ancienne version", old);
            Assert.Contains(Normalise("Délégué à la protection des données : " + original.DpoContact), old);
        }
        finally
        {
            await SetDpoContactAsync(original.DpoContact);
        }
    }

    private Task SetDpoContactAsync(string contact) => app.WithDbAsync(async db =>
    {
        var s = await db.DepartementSettings.SingleAsync();
        s.Update(s.Name, s.PrimaryColor, s.ControllerName, contact, s.AccessibilityStatus);
        await db.SaveChangesAsync();
    });

    [Theory]
    [InlineData("abc", "2", "Indiquez le numéro de la première version")]
    [InlineData("2", "2", "Choisissez deux versions différentes.")]
    [InlineData("3", "1", "La seconde version doit être plus récente")]
    [InlineData("1", "999", "La version 999 de l'analyse n'existe pas.")]
    public async Task A_wrong_pair_of_versions_gets_a_french_message_on_the_form(string from, string to, string message)
    {
        var dpo = await DpoAsync();
        var response = await dpo.Client.GetAsync($"/analyse-impact/comparer?de={from}&a={to}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task An_unknown_version_is_not_found_in_any_form()
    {
        var dpo = await DpoAsync();
        foreach (var url in new[] { "/analyse-impact/999", "/analyse-impact/999/aipd.pdf", "/analyse-impact/999/pia.json" })
            Assert.Equal(HttpStatusCode.NotFound, (await dpo.Client.GetAsync(url)).StatusCode);
    }

    /// <summary>The content compares as sections: the same inputs give no change, another rule in force gives its lines.</summary>
    [Fact]
    public void A_lengthened_retention_rule_is_the_delta_between_two_assessments()
    {
        var settings = new DepartementSettings("Département d'essai", "#0b5394", "Le président", "dpo@essai.example");
        var configuration = app.With(sp => sp.GetRequiredService<RegisterVersions>().Configuration());
        var measures = SecurityMeasures.Describe(configuration);
        var standard = ImpactAssessmentContent.Build(settings, measures, RetentionRule.All, configuration, 1, 1);
        var lengthened = RetentionRule.DeuxAnsApresDernierContact with { Active = TimeSpan.FromDays(3 * 365) };
        var changed = ImpactAssessmentContent.Build(settings, measures, [.. RetentionRule.All.Select(r => r.Code == lengthened.Code ? lengthened : r)], configuration, 1, 1);

        Assert.Empty(SectionComparison.Between(standard.Sections(), ImpactAssessmentContent.Build(settings, measures, RetentionRule.All, configuration, 1, 1).Sections()).Changes);
        var changes = SectionComparison.Between(standard.Sections(), changed.Sections()).Changes;
        var principles = Assert.Single(changes, c => c.Section == "2.1 Proportionnalité et nécessité");
        Assert.Contains(principles.Added, l => l.Contains($"{lengthened.Label} : {lengthened.Describe()}"));
        Assert.Contains(principles.Removed, l => l.Contains($"{RetentionRule.DeuxAnsApresDernierContact.Label} : {RetentionRule.DeuxAnsApresDernierContact.Describe()}"));
    }
}
