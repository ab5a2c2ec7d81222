using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Discret.BrowserTests;

/// <summary>« Référence de l'API »: reached from the footer, Swagger UI renders the document under the application's own CSP, no « Try it out », accessible.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiReferenceTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_reference_opens_from_the_footer_and_renders_the_operations_and_errors_under_the_csp()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var refused = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) refused.Add(message.Text); };
        await Ui.LoginAsAsync(page, "accueil");

        await page.GetByRole(AriaRole.Link, new() { Name = "Référence de l'API (intégrateurs)" }).ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("Référence de l'API");
        await Expect(page.Locator("#reference-api .opblock").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(page.Locator("#reference-api")).ToContainTextAsync("/api/v1/personnes/recherche");
        await Expect(page.Locator("#reference-api")).ToContainTextAsync("urn:discret:probleme:donnees-invalides");
        await Expect(page.Locator("#erreurs ~ * tr#introuvable, tr#introuvable").First).ToContainTextAsync("Introuvable");
        await page.Locator("#reference-api .opblock-summary").First.ClickAsync();
        await Expect(page.Locator("#reference-api .opblock-body").First).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#reference-api .try-out__btn").CountAsync());
        Assert.True(refused.Count == 0, "Refused by the Content-Security-Policy:\n" + string.Join("\n", refused));
        await Ui.ScreenshotAsync(page, "reference-api");
    }

    [Fact]
    public async Task The_reference_has_no_serious_accessibility_violation()
    {
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        await Ui.LoginAsAsync(page, "dpo");
        await page.GotoAsync("/reference-api");
        await Expect(page.Locator("#reference-api .opblock").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var report = new StringBuilder();
        await Axe.CheckAsync(page, "Référence de l'API", report);
        Axe.AssertClean(report);
    }
}
