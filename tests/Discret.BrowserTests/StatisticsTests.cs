using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Discret.BrowserTests;

/// <summary>The statistics in a real browser: the Direction reaches them from her home page, chooses a period with the
/// keyboard, reads each chart next to its data table, opens an indicator by breakdown; the DPO sets the threshold. Every
/// page axe-core clean, readable at 640 px without scrolling sideways.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StatisticsTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_direction_reads_the_figures_and_their_charts_and_the_dpo_sets_the_threshold()
    {
        var report = new StringBuilder();
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        await Ui.LoginAsAsync(page, "direction");
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Statistiques" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Statistiques du service", Level = 1 })).ToBeVisibleAsync();
        var chart = page.Locator("svg[role=img]").First;
        await Expect(chart).ToBeVisibleAsync();
        // The chart is named and described, and its data are in a table next to it.
        var labelled = await chart.GetAttributeAsync("aria-labelledby");
        Assert.NotNull(labelled);
        foreach (var id in labelled!.Split(' ')) Assert.False(string.IsNullOrWhiteSpace(await page.Locator($"#{id}").TextContentAsync()), id);
        await Expect(page.Locator("caption", new() { HasTextString = "Données du graphique" })).ToBeAttachedAsync();
        await Axe.CheckAsync(page, "Statistiques, tableau de bord", report);
        await Ui.ScreenshotAsync(page, "statistiques");

        // The keyboard chooses the first quarter of the year.
        var year = DateTime.Now.Year;
        await page.Locator("#periode").FocusAsync();
        await page.Locator("#periode").SelectOptionAsync(new[] { $"{year}-T1" });
        await page.Keyboard.PressAsync("Tab"); // territory
        await page.Keyboard.PressAsync("Tab"); // « Afficher »
        await page.Keyboard.PressAsync("Enter");
        await Ui.WaitForUrlAsync(page, new System.Text.RegularExpressions.Regex($@"periode={year}-T1"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Département — 1er trimestre {year}" })).ToBeVisibleAsync();
        await Axe.CheckAsync(page, "Statistiques, un trimestre", report);

        // An indicator by one of its breakdowns.
        await page.GetByRole(AriaRole.Link, new() { Name = "Détail : Entretiens" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Entretiens", Level = 1 })).ToBeVisibleAsync();
        await page.Locator("#ventilation").SelectOptionAsync(new[] { "action" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        await Expect(page.Locator("caption", new() { HasTextString = "Entretiens par action décidée" }).First).ToBeVisibleAsync();
        await Axe.CheckAsync(page, "Statistiques, un indicateur par ventilation", report);
        await Ui.ScreenshotAsync(page, "statistiques-indicateur");
        await page.SetViewportSizeAsync(640, 450);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1] + 1, $"The indicator's page scrolls sideways at 640 px ({widths[0]} > {widths[1]}).");

        // The DPO sets the threshold; the figures say « < 7 » at once, then go back to 5.
        await using var dpoContext = await fixture.NewContextAsync(bypassCsp: true);
        var dpo = await dpoContext.NewPageAsync();
        await Ui.LoginAsAsync(dpo, "dpo");
        await dpo.GotoAsync("/statistiques");
        await dpo.GetByLabel("Seuil de masquage (de 5 à 11)").FillAsync("7");
        await dpo.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le seuil" }).ClickAsync();
        await Expect(dpo.GetByText("Le seuil de masquage est maintenant de 7.")).ToBeVisibleAsync();
        await Expect(dpo.Locator("td", new() { HasTextString = "< 7" }).First).ToBeVisibleAsync();
        await Axe.CheckAsync(dpo, "Statistiques, réglages du DPO", report);
        await dpo.GetByLabel("Seuil de masquage (de 5 à 11)").FillAsync("12");
        await dpo.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le seuil" }).ClickAsync();
        await Expect(dpo.Locator("[data-error-summary]")).ToContainTextAsync("Le seuil doit être un nombre entier de 5 à 11");
        await dpo.GetByLabel("Seuil de masquage (de 5 à 11)").FillAsync("5");
        await dpo.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le seuil" }).ClickAsync();
        await Expect(dpo.GetByText("Le seuil de masquage est maintenant de 5.")).ToBeVisibleAsync();
        Axe.AssertClean(report);
    }
}
