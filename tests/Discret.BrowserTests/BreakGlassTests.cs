using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Discret.BrowserTests;

/// <summary>
/// Break-glass in a real browser: a social worker finds a person of their circonscription that they do not follow,
/// asks for an exceptional access (reason and justification), reads the file under the banner; the DPO reads the
/// notification. axe-core on each page.
/// </summary>
[Collection(BrowserCollection.Name)]
public class BreakGlassTests(BrowserFixture fixture)
{
    /// <summary>A person of the demo social worker's circonscription, with no follow-up: a file "ts" cannot open otherwise.</summary>
    private Task<(Guid Id, string Name)> CreatePersonAsync() =>
        DemoCases.CreatePersonAsync(fixture.Server, "Brisglace", "Sacha", new DateOnly(1979, 3, 14));

    [Fact]
    public async Task A_social_worker_opens_a_file_by_exceptional_access_and_sees_the_banner()
    {
        var report = new StringBuilder();
        var (personId, name) = await CreatePersonAsync();

        await using var tsContext = await fixture.NewContextAsync(bypassCsp: true);
        var ts = await tsContext.NewPageAsync();
        await Ui.LoginAsAsync(ts, "ts");
        var refused = await ts.GotoAsync($"/personnes/{personId}");
        Assert.Equal(404, refused!.Status);

        await ts.GotoAsync("/");
        await ts.GetByRole(AriaRole.Link, new() { Name = "Accès exceptionnel" }).First.ClickAsync();
        await Ui.WaitForPathAsync(ts, "/acces-exceptionnel");
        await Expect(ts.GetByRole(AriaRole.Heading, new() { Name = "Accès exceptionnel à un dossier", Level = 1 })).ToBeVisibleAsync();
        await Axe.CheckAsync(ts, "Accès exceptionnel, recherche", report);

        await ts.FillAsync("#Input_Name", name.ToLowerInvariant());
        await ts.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        // A name alone is not enough: the search looks for one person (birth date or first name too).
        await Expect(ts.Locator("#Input_FirstName-error")).ToContainTextAsync("prénom ou la date de naissance");
        await Axe.CheckAsync(ts, "Accès exceptionnel, recherche incomplète", report);
        await ts.FillAsync("#Input_FirstName", "sacha");
        await ts.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        await Expect(ts.GetByRole(AriaRole.Link, new() { Name = $"{name} Sacha" })).ToBeVisibleAsync();
        Assert.DoesNotContain(name.ToLowerInvariant(), ts.Url.ToLowerInvariant()); // search terms never in the URL
        await Axe.CheckAsync(ts, "Accès exceptionnel, résultats", report);

        await ts.GetByRole(AriaRole.Link, new() { Name = $"{name} Sacha" }).ClickAsync();
        await Ui.WaitForPathAsync(ts, $"/acces-exceptionnel/{personId}");
        await Expect(ts.GetByRole(AriaRole.Heading, new() { Name = "Demander un accès exceptionnel", Level = 1 })).ToBeVisibleAsync();
        await Axe.CheckAsync(ts, "Accès exceptionnel, formulaire", report);

        // Too short: the error summary and the message by the field.
        await ts.SelectOptionAsync("#Input_Reason", "Remplacement");
        await ts.FillAsync("#Input_Justification", "x");
        await ts.GetByRole(AriaRole.Button, new() { Name = "Ouvrir l'accès exceptionnel" }).ClickAsync();
        await Expect(ts.Locator("[data-error-summary]")).ToBeVisibleAsync();
        await Expect(ts.Locator("#Input_Justification-error")).ToContainTextAsync("trop courte");
        await Axe.CheckAsync(ts, "Accès exceptionnel, erreurs", report);

        await ts.FillAsync("#Input_Justification", "Remplacement de la référente, la personne se présente à la permanence.");
        await ts.GetByRole(AriaRole.Button, new() { Name = "Ouvrir l'accès exceptionnel" }).ClickAsync();
        await Ui.WaitForPathAsync(ts, $"/personnes/{personId}");
        await Expect(ts.GetByRole(AriaRole.Heading, new() { Name = $"{name} Sacha", Level = 1 })).ToBeVisibleAsync();
        var banner = ts.Locator("[data-break-glass-banner]");
        await Expect(banner).ToContainTextAsync("Accès exceptionnel en cours jusqu'à");
        await Expect(banner).ToContainTextAsync("motif : Remplacement d'un collègue. Chaque consultation est tracée.");
        await Axe.CheckAsync(ts, "Dossier en accès exceptionnel", report);
        await Ui.ScreenshotAsync(ts, "break-glass-file");

        await using var dpoContext = await fixture.NewContextAsync(bypassCsp: true);
        var dpo = await dpoContext.NewPageAsync();
        await Ui.LoginAsAsync(dpo, "dpo");
        await dpo.GetByRole(AriaRole.Link, new() { Name = "Notifications" }).First.ClickAsync();
        await Ui.WaitForPathAsync(dpo, "/notifications");
        await Expect(dpo.GetByText("Remplacement de la référente, la personne se présente à la permanence.")).ToBeVisibleAsync();
        await Axe.CheckAsync(dpo, "Notifications (DPO)", report);

        Axe.AssertClean(report);
    }
}
