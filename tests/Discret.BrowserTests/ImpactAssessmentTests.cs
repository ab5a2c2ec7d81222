using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Discret.BrowserTests;

/// <summary>The impact assessment in a real browser: the DPO reaches it from the menu, its pages are axe-clean, the
/// comparison form is used with the keyboard and answers a wrong pair on the form, and both downloads are served.</summary>
[Collection(BrowserCollection.Name)]
public class ImpactAssessmentTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_dpo_reads_the_assessment_compares_versions_with_the_keyboard_and_downloads_it()
    {
        var report = new StringBuilder();
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var dpo = await context.NewPageAsync();
        await Ui.LoginAsAsync(dpo, "dpo");

        await dpo.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link, new() { Name = "AIPD" }).ClickAsync();
        await Ui.WaitForPathAsync(dpo, "/analyse-impact");
        await Expect(dpo.GetByRole(AriaRole.Heading, new() { Name = "Analyse d'impact relative à la protection des données", Level = 1 })).ToBeVisibleAsync();
        await Expect(dpo.GetByRole(AriaRole.Heading, new() { Name = "3.2 Accès illégitime à des données" })).ToBeVisibleAsync();
        await Axe.CheckAsync(dpo, "Analyse d'impact", report);
        await Ui.ScreenshotAsync(dpo, "analyse-impact");

        foreach (var name in new[] { "Télécharger l'analyse (PDF, A4)", "Fichier pour le logiciel PIA de la CNIL (JSON)" })
        {
            var href = await dpo.GetByRole(AriaRole.Link, new() { Name = name }).GetAttributeAsync("href");
            var response = await context.APIRequest.GetAsync(href!);
            Assert.Equal(200, response.Status);
            Assert.Contains(name.Contains("PDF") ? "application/pdf" : "application/json", response.Headers["content-type"]);
        }

        await dpo.GetByRole(AriaRole.Link, new() { Name = "Comparer deux versions" }).ClickAsync();
        await Ui.WaitForPathAsync(dpo, "/analyse-impact/comparer");
        await Axe.CheckAsync(dpo, "Comparer deux versions de l'analyse d'impact", report);

        // The form with the keyboard: version 1 against itself is answered on the form, never an error page.
        await dpo.GotoAsync("/analyse-impact/comparer?de=1&a=1");
        await dpo.Locator("#De").FocusAsync();
        await dpo.Keyboard.PressAsync("Tab");
        await dpo.Keyboard.PressAsync("Tab");
        await Expect(dpo.GetByRole(AriaRole.Button, new() { Name = "Comparer" })).ToBeFocusedAsync();
        await dpo.Keyboard.PressAsync("Enter");
        await Expect(dpo.Locator("[data-error-summary]")).ToContainTextAsync("Choisissez deux versions différentes.");
        await Axe.CheckAsync(dpo, "Comparer deux versions de l'analyse d'impact, erreur", report);

        Axe.AssertClean(report);
    }
}
