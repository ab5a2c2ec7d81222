using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Discret.BrowserTests;

/// <summary>
/// The DPO console in a real browser, on the demo journal: each page axe-clean; the DPO follows an alert to its
/// entries, looks up a file's history, lists the files an account touched, draws a spot check and judges an access.
/// </summary>
[Collection(BrowserCollection.Name)]
public class DpoConsoleTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_dpo_draws_a_spot_check_and_marks_an_item_and_every_console_page_is_accessible()
    {
        var report = new StringBuilder();
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        await Ui.LoginAsAsync(page, "dpo");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link, new() { Name = "Traçabilité" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Traçabilité", Level = 1 })).ToBeVisibleAsync();
        await Axe.CheckAsync(page, "Traçabilité", report);

        await page.GotoAsync("/tracabilite/journal");
        await Expect(page.Locator("table tbody tr").First).ToBeVisibleAsync();
        await Axe.CheckAsync(page, "Journal", report);

        // An alert leads to the entries behind it.
        await page.GotoAsync("/tracabilite/alertes");
        await Expect(page.Locator("[data-alert=LecturesExcessives]")).ToBeVisibleAsync();
        await Axe.CheckAsync(page, "Alertes", report);
        await Ui.ScreenshotAsync(page, "dpo-alertes");
        await page.Locator("[data-alert=LecturesExcessives] a").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rechercher dans le journal", Level = 1 })).ToBeVisibleAsync();
        Assert.Contains("Action=Lecture", page.Url);
        await Expect(page.Locator("#Action")).ToHaveValueAsync("Lecture");
        await Axe.CheckAsync(page, "Journal filtré par une alerte", report);
        var fileId = (await page.Locator("table tbody tr td code").First.InnerTextAsync()).Trim();

        // A file's history, by its opaque id.
        await page.GotoAsync("/tracabilite/dossier");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher les accès" }).ClickAsync();
        await Expect(page.Locator("[data-error-summary]")).ToBeVisibleAsync();
        await Axe.CheckAsync(page, "Historique d'un dossier, erreur", report);
        await page.FillAsync("#Input_PersonId", fileId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher les accès" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Table)).ToBeVisibleAsync();
        Assert.DoesNotContain(fileId, page.Url);
        await Axe.CheckAsync(page, "Historique d'un dossier", report);

        // The files an account touched.
        await page.GotoAsync("/tracabilite/violation");
        await page.SelectOptionAsync("#Input_AccountId", new SelectOptionValue { Label = "Tania Travailleuse (Travailleur social)" });
        await page.FillAsync("#Input_From", ParisTime.Today(TimeProvider.System).AddDays(-30).ToString("yyyy-MM-dd"));
        await page.FillAsync("#Input_To", ParisTime.Today(TimeProvider.System).ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher les dossiers" }).ClickAsync();
        await Expect(page.Locator("[data-files-count]")).ToBeVisibleAsync();
        Assert.True(int.Parse((await page.Locator("[data-files-count]").GetAttributeAsync("data-files-count"))!) > 0);
        await Axe.CheckAsync(page, "Violation de données", report);

        await page.GotoAsync("/tracabilite/integrite");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier maintenant" }).ClickAsync();
        await Expect(page.GetByText("Chaîne intacte")).ToBeVisibleAsync();
        await Axe.CheckAsync(page, "Intégrité du journal", report);

        // The background jobs, reached from the console's index.
        await page.GotoAsync("/tracabilite");
        await page.GetByRole(AriaRole.Link, new() { Name = "Tâches de fond" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Scellement et purge du journal" })).ToBeVisibleAsync();
        await Axe.CheckAsync(page, "Tâches de fond", report);

        // The spot check: drawn, break-glass accesses first, one judged.
        await page.GotoAsync("/tracabilite/controles");
        await Axe.CheckAsync(page, "Contrôles inopinés", report);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lancer un contrôle inopiné" }).ClickAsync();
        await Ui.WaitForUrlAsync(page, new Regex("/tracabilite/controles/[0-9a-f-]{36}$"));
        var rows = page.Locator("table tbody tr");
        await Expect(rows).ToHaveCountAsync(20);
        await Expect(rows.First).ToContainTextAsync("Accès exceptionnel");
        await Axe.CheckAsync(page, "Contrôle inopiné", report);
        var checkUrl = page.Url;

        await rows.First.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Examiner un accès", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-break-glass-justification]")).Not.ToBeEmptyAsync();
        await Axe.CheckAsync(page, "Examiner un accès", report);
        await page.SelectOptionAsync("#Input_Verdict", "Justifie");
        await page.FillAsync("#Input_Observation", "Justification cohérente avec la permanence du jour.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'examen" }).ClickAsync();
        await Ui.WaitForUrlAsync(page, new Regex("^" + Regex.Escape(checkUrl) + "$"));
        await Expect(rows.First).ToContainTextAsync("Justifié");
        await Expect(page.GetByText("1 accès examiné sur 20")).ToBeVisibleAsync();
        await Ui.ScreenshotAsync(page, "dpo-controle");

        await page.GotoAsync("/tracabilite/controles");
        await Expect(page.Locator("table tbody tr").First).ToContainTextAsync("1 sur 20");

        Axe.AssertClean(report);
    }
}
