using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Discret.BrowserTests;

/// <summary>The person's file in a real browser: a worker creates and finds a file; reception sees it reduced. axe-core on each page.</summary>
[Collection(BrowserCollection.Name)]
public class PersonFileTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_worker_creates_and_finds_a_file_and_reception_sees_only_its_share()
    {
        var report = new StringBuilder();
        var name = "Navigateur" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());

        await using var tsContext = await fixture.NewContextAsync(bypassCsp: true);
        var ts = await tsContext.NewPageAsync();
        await Ui.LoginAsAsync(ts, "ts");
        await ts.GetByRole(AriaRole.Link, new() { Name = "Personnes" }).First.ClickAsync();
        await Ui.WaitForPathAsync(ts, "/personnes");
        await Axe.CheckAsync(ts, "Recherche de personnes", report);

        await ts.GetByRole(AriaRole.Link, new() { Name = "Créer un dossier" }).ClickAsync();
        await Ui.WaitForPathAsync(ts, "/personnes/nouvelle");
        await Axe.CheckAsync(ts, "Nouveau dossier", report);
        await ts.GetByRole(AriaRole.Button, new() { Name = "Créer le dossier" }).ClickAsync();
        await Expect(ts.Locator("[data-error-summary]")).ToBeVisibleAsync();
        await Axe.CheckAsync(ts, "Nouveau dossier, erreurs", report);

        await ts.FillAsync("#Input_BirthName", name);
        await ts.FillAsync("#Input_FirstNames", "Camille");
        await ts.FillAsync("#Input_BirthDate", "1984-09-12");
        await ts.GetByLabel("Logement").CheckAsync();
        await ts.GetByRole(AriaRole.Button, new() { Name = "Créer le dossier" }).ClickAsync();
        await Ui.WaitForUrlAsync(ts, new System.Text.RegularExpressions.Regex("/personnes/[0-9a-f-]{36}$"));
        var fileUrl = new Uri(ts.Url).AbsolutePath;
        await Expect(ts.GetByRole(AriaRole.Heading, new() { Name = $"{name} Camille", Level = 1 })).ToBeVisibleAsync();
        await Expect(ts.GetByText("Référent : Théo Travailleur")).ToBeVisibleAsync();
        await Expect(ts.GetByRole(AriaRole.Heading, new() { Name = "Chronologie des entretiens" })).ToBeVisibleAsync();
        await Axe.CheckAsync(ts, "Dossier (travailleur social)", report);
        await Ui.ScreenshotAsync(ts, "person-file-ts");

        await ts.GetByRole(AriaRole.Link, new() { Name = "Modifier l'identité et les coordonnées" }).ClickAsync();
        await Axe.CheckAsync(ts, "Modifier l'identité", report);

        await ts.GotoAsync("/personnes");
        await ts.FillAsync("#Input_Name", name.ToLowerInvariant());
        await ts.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        await Expect(ts.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
        Assert.DoesNotContain(name.ToLowerInvariant(), ts.Url.ToLowerInvariant()); // search terms never in the URL
        await Axe.CheckAsync(ts, "Résultats de recherche", report);
        // As people type it: first name first, the name, the birth year; the line tells namesakes apart by the referent.
        await ts.FillAsync("#Input_Name", $"Camille {name} 1984");
        await ts.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        await Expect(ts.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
        await Expect(ts.GetByRole(AriaRole.Cell, new() { Name = "Théo Travailleur" })).ToBeVisibleAsync();
        await Axe.CheckAsync(ts, "Résultats de recherche (prénom, nom, année)", report);
        await Ui.ScreenshotAsync(ts, "person-search-words");

        await using var receptionContext = await fixture.NewContextAsync(bypassCsp: true);
        var reception = await receptionContext.NewPageAsync();
        await Ui.LoginAsAsync(reception, "accueil");
        await reception.GotoAsync(fileUrl);
        await Expect(reception.GetByRole(AriaRole.Heading, new() { Name = $"{name} Camille", Level = 1 })).ToBeVisibleAsync();
        await Expect(reception.GetByText("Référent : Théo Travailleur")).ToBeVisibleAsync();
        await Expect(reception.GetByRole(AriaRole.Heading, new() { Name = "Chronologie des entretiens" })).ToHaveCountAsync(0);
        await Expect(reception.GetByText("Motifs")).ToHaveCountAsync(0);
        await Axe.CheckAsync(reception, "Dossier (accueil)", report);

        await using var otherContext = await fixture.NewContextAsync();
        var other = await otherContext.NewPageAsync();
        await Ui.LoginAsAsync(other, "ts.sud");
        var refused = await other.GotoAsync(fileUrl);
        Assert.Equal(404, refused!.Status);
        await Expect(other.GetByRole(AriaRole.Heading, new() { Name = "Page introuvable" })).ToBeVisibleAsync();

        await using var rcContext = await fixture.NewContextAsync(bypassCsp: true);
        var rc = await rcContext.NewPageAsync();
        await Ui.LoginAsAsync(rc, "rc");
        await rc.GotoAsync("/catalogue");
        await Expect(rc.GetByRole(AriaRole.Heading, new() { Name = "Catalogue des données", Level = 1 })).ToBeVisibleAsync();
        await Axe.CheckAsync(rc, "Catalogue des données", report);

        Axe.AssertClean(report);
    }
}
