using System.Net;
using System.Text.RegularExpressions;
using Discret.Tests.Support;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Organisation;
using Discret.Web.Features.AccesExceptionnel;
using Discret.Web.Features.Accompagnements;
using Discret.Web.Features.Registre;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Discret.Web.Shared.Documents;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Registre;

/// <summary>
/// The register of processing (GDPR art. 30), seen from the outside: generated from the catalogue, the retention rules
/// in force and the configuration, versioned, comparable, printable, and read by the DPO and heads of circonscription only.
/// </summary>
[Collection(InstallationCollection.Name)]
public class RegisterTests(DiscretFactory app)
{
    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The text of a PDF, its words joined by single spaces (lines wrap only between words), without the running
    /// footer (« … — Registre des traitements, version … page 4 sur 8 », in the page's bottom 50 points, below the body,
    /// which stops 70 points above the edge): a label cut by a page break reads whole again.</summary>
    private static string PdfText(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Where(w => w.BoundingBox.Bottom > 50).Select(w => w.Text));
    }

    /// <summary>The register itself on its page, without the layout (whose footer shows the current DPO contact).</summary>
    private static async Task<string> RegisterTextAsync(StaffSession session, string url)
    {
        var page = await session.PageTextAsync(url);
        var start = page.IndexOf("id=\"titre-registre\"", StringComparison.Ordinal);
        Assert.True(start > 0);
        return page[start..page.IndexOf("</article>", start, StringComparison.Ordinal)];
    }

    private static async Task<int> CurrentVersionAsync(StaffSession session)
    {
        var match = Regex.Match(await session.PageTextAsync("/registre"), @"Version (\d+), en vigueur depuis");
        Assert.True(match.Success);
        return int.Parse(match.Groups[1].Value);
    }

    private async Task<StaffSession> DpoAsync() => await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));

    private static DepartementSettings SampleSettings() => new("Département d'essai", "#0b5394", "Le président du conseil départemental", "dpo@essai.example");

    private static IReadOnlyList<string> DefaultMeasures() => [.. SecurityMeasures.Describe(new SecurityConfiguration(
        new SecuritySettings(), new JournalSettings(), new BreakGlassSettings(), new WorkingNotesSettings(), OnPostgres: false)).Select(m => m.Description)];

    [Fact]
    public async Task The_page_and_the_pdf_name_every_purpose_every_legal_basis_and_every_field_of_the_catalogue()
    {
        var dpo = await DpoAsync();
        var number = await CurrentVersionAsync(dpo);
        var page = Normalise(await dpo.PageTextAsync("/registre"));
        var response = await dpo.Client.GetAsync($"/registre/{number}/registre.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var pdf = PdfText(bytes);

        foreach (var text in new[] { page, pdf })
        {
            foreach (var purpose in DataCatalogue.Fields.SelectMany(f => f.Purposes).Distinct())
                Assert.Contains(Normalise(purpose.Label()), text);
            foreach (var basis in DataCatalogue.Fields.Select(f => f.Basis).Distinct())
                Assert.Contains(Normalise(basis.Label()), text);
            foreach (var field in DataCatalogue.Fields)
                Assert.Contains(Normalise(field.Label), text);
            foreach (var category in DataCatalogue.Fields.Select(f => f.Category).Distinct())
                Assert.Contains(Normalise(category.Label()), text);
            foreach (var excluded in DataCatalogue.NeverCollected)
                Assert.Contains(Normalise(excluded + " : non collecté"), text);
            Assert.Contains("Numéro de sécurité sociale (NIR) : non collecté", text);
            Assert.Contains("Catégories particulières (article 9 du RGPD) : aucune", text);
            Assert.Contains(RegisterContent.ProcessingName, text);
            Assert.Contains("Aucun transfert hors de l'Union européenne", text);
            Assert.Contains("France Travail", text); // a partner category, from PartnerKind
        }
        var settings = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().DepartementSettings.AsNoTracking().SingleAsync());
        Assert.Contains(Normalise(settings.ControllerName), pdf);
        Assert.Contains(Normalise(settings.DpoContact), pdf);

        using var document = UglyToad.PdfPig.PdfDocument.Open(bytes);
        Assert.InRange(document.GetPage(1).Width, 594, 596);   // A4: 595 × 842 points
        Assert.InRange(document.GetPage(1).Height, 841, 843);
    }

    [Fact]
    public void The_recipients_are_the_professions_granted_by_the_catalogue_and_how_far_they_read()
    {
        var register = RegisterContent.Build(SampleSettings(), DefaultMeasures());
        var recipients = register.Sections.Single(s => s.Title == "Destinataires").Lines().ToList();
        foreach (var role in Enum.GetValues<StaffRole>())
        {
            var (circ, assigned) = DataCatalogue.ReachOf(role);
            foreach (var group in circ)
                Assert.Contains(recipients, l => l.StartsWith(role.Label() + " — Pour toutes les personnes de sa circonscription") && l.Contains(group.Label()));
            foreach (var group in assigned)
                Assert.Contains(recipients, l => l.StartsWith(role.Label() + " — Pour les seules personnes qu'il accompagne") && l.Contains(group.Label()));
        }
        Assert.Contains(recipients, l => l == StaffRole.Direction.Label() + " — Aucune donnée des dossiers des personnes");
        Assert.Contains(recipients, l => l.StartsWith("Partenaires, seulement avec l'accord enregistré de la personne") && l.EndsWith("CAF (caisse d'allocations familiales)"));
    }

    /// <summary>
    /// The staff processing (issue 17 §2) is in the register served to the DPO: its purpose and basis, every field of the
    /// staff catalogue, the journal's retention in force, and every rule of the DPO's alerts.
    /// </summary>
    [Fact]
    public async Task The_register_declares_the_staff_processing_with_every_staff_field_and_the_rules_of_the_alerts()
    {
        var dpo = await DpoAsync();
        var text = await RegisterTextAsync(dpo, "/registre");
        var section = text[text.IndexOf(Discret.Web.Features.Registre.StaffProcessing.Title, StringComparison.Ordinal)..];
        Assert.Contains(StaffCatalogue.Purpose, section);
        Assert.Contains(StaffCatalogue.LegalBasis, section);
        foreach (var field in StaffCatalogue.Fields) Assert.Contains(field.Label, section);
        var alerts = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Discret.Web.Features.Journal.JournalAlertSettings>>().Value;
        foreach (var rule in alerts.Rules()) Assert.Contains(rule, section);
        var journal = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Discret.Web.Features.Journal.JournalSettings>>().Value;
        Assert.Contains($"Conservation : {RetentionLabels.Duration(journal.Retention)}, puis supprimé par la purge du journal", section);
    }

    /// <summary>
    /// The values that touch on care are reasoned in the register (issue 17 §3) and the line is watched where it can be
    /// crossed: a note stating a health fact is warned, one about the procedure of access to care is not.
    /// </summary>
    [Fact]
    public void The_register_reasons_the_values_that_touch_on_care_and_the_guard_warns_where_free_text_crosses_the_line()
    {
        var register = RegisterContent.Build(SampleSettings(), DefaultMeasures());
        var lines = register.Sections.Single(s => s.Title == "Catégories de données").Lines().Where(l => l.StartsWith("Données de santé")).ToList();
        Assert.Contains(lines, l => l.Contains("« Accès aux soins »") && l.Contains("ne sont pas des données de santé au sens de l'article 4.15 du RGPD"));
        Assert.Contains(lines, l => l.Contains("la garde de sobriété avertit"));
        foreach (var crossing in new[] { "Mme enceinte de 5 mois", "Mr suivi en chimiothérapie", "enfant porteur de handicap, AEEH demandée" })
            Assert.Contains(Discret.Web.Features.Garde.TextGuard.Analyse(crossing).Findings, f => f.Category == Discret.Web.Features.Garde.FindingCategory.Health);
        foreach (var procedure in new[] { "Accompagnement pour l'accès aux soins : dossier de complémentaire santé solidaire déposé", "Rendez-vous pris avec la CPAM pour l'ouverture des droits" })
            Assert.Equal(Discret.Web.Features.Garde.GuardVerdict.Clean, Discret.Web.Features.Garde.TextGuard.Analyse(procedure).Verdict);
    }

    [Fact]
    public void A_lengthened_retention_rule_shows_its_new_duration_and_its_recorded_reason()
    {
        var standard = RegisterContent.Build(SampleSettings(), DefaultMeasures());
        var lengthened = RetentionRule.DeuxAnsApresDernierContact with
        {
            Label = "3 ans après le dernier contact avec la personne, puis suppression",
            Active = TimeSpan.FromDays(1096),
        };
        var rules = RetentionRule.All.Select(r => r.Code == lengthened.Code ? lengthened : r).ToList();
        const string reason = "Délibération de la commission permanente du 12 mars : contentieux FSL en cours";
        var register = RegisterContent.Build(SampleSettings(), DefaultMeasures(), rules, new Dictionary<string, string> { [lengthened.Code] = reason });

        var retention = register.Sections.Single(s => s.Title == "Durées de conservation").Lines().ToList();
        Assert.Contains($"{lengthened.Label} — Base active : 3 ans à compter du dernier contact avec la personne", retention);
        Assert.Contains($"{lengthened.Label} — Motif de la durée en vigueur : {reason}", retention);
        Assert.Contains($"{lengthened.Label} — Archive intermédiaire : aucune", retention);
        Assert.DoesNotContain(retention, l => l.Contains(RetentionRule.DeuxAnsApresDernierContact.Label));
        // The categories kept under that rule say so too.
        var identity = register.Sections.Single(s => s.Title == "Catégories de données").Lines();
        Assert.Contains($"{DataCategory.Identite.Label()} — Conservation : 3 ans à compter du dernier contact avec la personne, puis suppression", identity);

        var changes = SectionComparison.Between(standard.Sections, register.Sections).Changes;
        var inRetention = Assert.Single(changes, c => c.Section == "Durées de conservation");
        Assert.Contains(inRetention.Added, l => l.Contains(reason));
        Assert.Contains(inRetention.Removed, l => l.Contains("Base active : 2 ans à compter du dernier contact"));
        Assert.Empty(SectionComparison.Between(standard.Sections, RegisterContent.Build(SampleSettings(), DefaultMeasures()).Sections).Changes);
    }

    [Fact]
    public void An_archive_rule_states_its_duration_and_its_justification()
    {
        var archived = RetentionRule.DemandeDeDroits with { Archive = TimeSpan.FromDays(365 * 3), ArchiveJustification = "Prescription de l'action en responsabilité" };
        var register = RegisterContent.Build(SampleSettings(), DefaultMeasures(), RetentionRule.All.Select(r => r.Code == archived.Code ? archived : r).ToList());
        Assert.Contains($"{archived.Label} — Archive intermédiaire : 3 ans, justification : Prescription de l'action en responsabilité",
            register.Sections.Single(s => s.Title == "Durées de conservation").Lines());
    }

    [Fact]
    public void The_security_measures_are_written_from_the_configured_values()
    {
        var configured = SecurityMeasures.Describe(new SecurityConfiguration(
            new SecuritySettings { IdleTimeout = TimeSpan.FromMinutes(25), AbsoluteLifetime = TimeSpan.FromHours(8), MaxFailedAttempts = 8 },
            new JournalSettings { Retention = TimeSpan.FromDays(183) },
            new BreakGlassSettings { Duration = TimeSpan.FromHours(2), WeeklyLimit = 5 },
            new WorkingNotesSettings(), OnPostgres: true));
        var text = string.Join("\n", configured.Select(m => m.Description));
        Assert.Contains("Session fermée après 25 minutes d'inactivité", text);
        Assert.Contains("et dans tous les cas 8 heures après la connexion", text);
        Assert.Contains("après 8 échecs de connexion", text);
        Assert.Contains("journal conservé 6 mois", text);
        Assert.Contains("durée 2 heures, au plus 5 par professionnel sur 7 jours", text);
        Assert.Contains($"{DataCatalogue.Grants.Count} groupes de données", text);
        Assert.Contains($"chacun des {DataCatalogue.Fields.Count(f => f.FreeText)} champs de texte libre", text);
        Assert.Contains("un déclencheur refuse toute modification", text);
        Assert.Contains("Double authentification obligatoire", text);
        Assert.Contains("CNIL 2022-100", text);
        Assert.DoesNotContain("un déclencheur refuse", string.Join("\n", DefaultMeasures()));
    }

    [Fact]
    public async Task A_different_configuration_shows_in_the_register_it_serves()
    {
        var dpo = await DpoAsync();
        var page = await dpo.PageTextAsync("/registre");
        Assert.Contains("au plus 3 par professionnel sur 7 jours", page);
        Assert.Contains("Session fermée après 15 minutes d'inactivité", page);
        Assert.Contains(DiscretFactory.OnPostgres ? "Base PostgreSQL : le journal ne peut être que complété" : "Base SQLite", page);

        await using var other = app.WithWebHostBuilder(b => b
            .UseSetting("Discret:BreakGlass:WeeklyLimit", "7")
            .UseSetting("Discret:Security:IdleTimeout", "00:40:00"));
        var account = await app.CreateAccountAsync(StaffRole.Dpo);
        var session = await StaffSession.LoginAsync(other.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }), account);
        var otherPage = await session.PageTextAsync("/registre");
        Assert.Contains("au plus 7 par professionnel sur 7 jours", otherPage);
        Assert.Contains("Session fermée après 40 minutes d'inactivité", otherPage);
        Assert.DoesNotContain("au plus 3 par professionnel", otherPage);
    }

    [Fact]
    public async Task A_change_of_settings_publishes_a_new_version_the_old_one_stays_and_the_comparison_shows_the_change()
    {
        var dpo = await DpoAsync();
        var before = await CurrentVersionAsync(dpo);
        Assert.Equal(before, await CurrentVersionAsync(dpo)); // nothing changed: no new version

        var original = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().DepartementSettings.AsNoTracking().SingleAsync());
        var (originalAddress, originalDpo) = (original.PostalAddress, original.DpoContact);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var address = $"Hôtel du Département, 3 rue du Registre {tag}, 99000 Valmont";
        var dpoContact = $"dpo-{tag}@departement.example";
        try
        {
            await app.WithDbAsync(async db =>
            {
                var s = await db.DepartementSettings.SingleAsync();
                s.SetPostalAddress(address);
                s.Update(s.Name, s.PrimaryColor, s.ControllerName, dpoContact, s.AccessibilityStatus);
                await db.SaveChangesAsync();
            });
            var after = await CurrentVersionAsync(dpo);
            Assert.Equal(before + 1, after);
            var current = await RegisterTextAsync(dpo, "/registre");
            Assert.Contains($"Adresse postale : {address}", current);
            Assert.Contains($"Délégué à la protection des données : {dpoContact}", current);

            var old = await RegisterTextAsync(dpo, $"/registre/{before}");
            Assert.DoesNotContain(address, old);
            Assert.DoesNotContain($"Délégué à la protection des données : {dpoContact}", old);
            Assert.Contains($"Délégué à la protection des données : {originalDpo}", old);
            Assert.Contains("Ancienne version", await dpo.PageTextAsync($"/registre/{before}"));
            Assert.Contains(address, PdfText(await dpo.Client.GetByteArrayAsync($"/registre/{after}/registre.pdf")));
            Assert.DoesNotContain(address, PdfText(await dpo.Client.GetByteArrayAsync($"/registre/{before}/registre.pdf")));

            var comparison = await dpo.PageTextAsync($"/registre/comparer?de={before}&a={after}");
            Assert.Contains("Responsable du traitement et délégué à la protection des données", comparison);
            Assert.Contains($"<ins>Adresse postale : {address}</ins>", comparison);
            Assert.Contains($"<ins>Délégué à la protection des données : {dpoContact}</ins>", comparison);
            Assert.Contains($"<del>Délégué à la protection des données : {originalDpo}</del>", comparison);
            Assert.Equal(4, Regex.Matches(comparison, "<(ins|del)>").Count); // two lines changed, nothing else
            Assert.DoesNotContain("Durées de conservation", comparison);
            Assert.Matches(@"Ajouté dans la version \d+", comparison);
            Assert.Matches(@"Retiré depuis la version \d+", comparison);
        }
        finally
        {
            await app.WithDbAsync(async db =>
            {
                var s = await db.DepartementSettings.SingleAsync();
                s.SetPostalAddress(originalAddress);
                s.Update(s.Name, s.PrimaryColor, s.ControllerName, originalDpo, s.AccessibilityStatus);
                await db.SaveChangesAsync();
            });
        }
    }

    [Theory]
    [InlineData("de=abc&a=2", "Indiquez le numéro de la première version")]
    [InlineData("de=1&a=", "Indiquez le numéro de la seconde version")]
    [InlineData("de=-1&a=2", "Indiquez le numéro de la première version")]
    [InlineData("de=3&a=1", "La seconde version doit être plus récente que la première")]
    [InlineData("de=1&a=1", "Choisissez deux versions différentes")]
    [InlineData("de=1&a=99999", "La version 99999 du registre n'existe pas")]
    [InlineData("de=99999999999999999999&a=2", "Indiquez le numéro de la première version")]
    public async Task A_wrong_comparison_gets_a_french_message_never_an_error(string query, string message)
    {
        var dpo = await DpoAsync();
        var response = await dpo.Client.GetAsync($"/registre/comparer?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, page);
        // The error summary links to the field that carries the message.
        var target = Regex.Match(page, "<a class=\"alert-link\" href=\"#([^\"]+)\">" + Regex.Escape(message)).Groups[1].Value;
        Assert.Contains($"id=\"{target}\"", page);
        Assert.Contains($"id=\"{target}-error\"", page);
    }

    [Fact]
    public async Task The_comparison_form_offers_every_version()
    {
        var dpo = await DpoAsync();
        var current = await CurrentVersionAsync(dpo);
        var form = await dpo.PageTextAsync("/registre/comparer");
        for (var n = 1; n <= current; n++) Assert.Contains($"Version {n} du ", form);
    }

    [Fact]
    public async Task An_unknown_version_is_not_found()
    {
        var dpo = await DpoAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await dpo.Client.GetAsync("/registre/99999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dpo.Client.GetAsync("/registre/99999/registre.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dpo.Client.GetAsync("/registre/abc")).StatusCode);
    }

    [Theory]
    [InlineData(StaffRole.Accueil)]
    [InlineData(StaffRole.Secretariat)]
    [InlineData(StaffRole.TravailleurSocial)]
    [InlineData(StaffRole.Direction)]
    [InlineData(StaffRole.AdminTechnique)]
    public async Task Roles_without_the_need_do_not_find_the_register(StaffRole role)
    {
        var session = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(role));
        foreach (var url in new[] { "/registre", "/registre/1", "/registre/1/registre.pdf", "/registre/comparer", "/registre/comparer?de=1&a=2" })
            Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync(url)).StatusCode);
        Assert.DoesNotContain("href=\"/registre\"", await session.Client.GetStringAsync("/"));
    }

    [Fact]
    public async Task The_head_of_circonscription_reads_it_and_finds_it_in_the_menu()
    {
        var rc = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription));
        Assert.Contains("href=\"/registre\"", await rc.Client.GetStringAsync("/"));
        Assert.Contains(RegisterContent.ProcessingName, await rc.PageTextAsync("/registre"));
    }

    [Fact]
    public async Task Reading_the_register_writes_no_journal_entry()
    {
        var account = await app.CreateAccountAsync(StaffRole.Dpo);
        var dpo = await StaffSession.LoginAsync(app, account);
        Task<int> CountAsync() => app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.CountAsync(e => e.AccountId == account.Id));
        var before = await CountAsync();
        var number = await CurrentVersionAsync(dpo);
        await dpo.Client.GetByteArrayAsync($"/registre/{number}/registre.pdf");
        await dpo.PageTextAsync("/registre/comparer");
        Assert.Equal(before, await CountAsync());
    }
}
