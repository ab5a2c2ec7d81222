using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Discret.BrowserTests;

/// <summary>A follow-up's life in a real browser: the head of circonscription opens it, the worker records an interview. axe-core on each form.</summary>
[Collection(BrowserCollection.Name)]
public class FollowUpTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_head_opens_a_follow_up_and_the_referent_records_an_interview()
    {
        var report = new StringBuilder();
        var name = "Parcours" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());

        // Reception creates the file in Valmont-Nord.
        await using var receptionContext = await fixture.NewContextAsync();
        var reception = await receptionContext.NewPageAsync();
        await Ui.LoginAsAsync(reception, "accueil");
        await reception.GotoAsync("/personnes/nouvelle");
        await reception.FillAsync("#Input_BirthName", name);
        await reception.FillAsync("#Input_FirstNames", "Sacha");
        await reception.FillAsync("#Input_BirthDate", "1990-01-20");
        await reception.GetByRole(AriaRole.Button, new() { Name = "Créer le dossier" }).ClickAsync();
        await Ui.WaitForUrlAsync(reception, new System.Text.RegularExpressions.Regex("/personnes/[0-9a-f-]{36}$"));
        var fileUrl = new Uri(reception.Url).AbsolutePath;

        // The head of circonscription opens a follow-up with Théo Travailleur as referent.
        await using var rcContext = await fixture.NewContextAsync(bypassCsp: true);
        var rc = await rcContext.NewPageAsync();
        await Ui.LoginAsAsync(rc, "rc");
        await rc.GotoAsync(fileUrl);
        await rc.GetByRole(AriaRole.Link, new() { Name = "Ouvrir un accompagnement" }).ClickAsync();
        await Axe.CheckAsync(rc, "Ouvrir un accompagnement", report);
        await rc.GetByRole(AriaRole.Button, new() { Name = "Ouvrir l'accompagnement" }).ClickAsync();
        await Expect(rc.Locator("[data-error-summary]")).ToBeVisibleAsync();
        await Axe.CheckAsync(rc, "Ouvrir un accompagnement, erreurs", report);
        await rc.SelectOptionAsync("#Input_ReferentId", new SelectOptionValue { Label = "Théo Travailleur (travailleur social)" });
        await rc.GetByLabel("Budget et dettes").CheckAsync();
        await rc.SelectOptionAsync("#Input_Source", new[] { "Personne" });
        await rc.GetByRole(AriaRole.Button, new() { Name = "Ouvrir l'accompagnement" }).ClickAsync();
        await Ui.WaitForPathAsync(rc, fileUrl);
        await Expect(rc.GetByText("Référent : Théo Travailleur")).ToBeVisibleAsync();
        await rc.GetByRole(AriaRole.Link, new() { Name = "Changer le référent ou l'équipe" }).ClickAsync();
        await Axe.CheckAsync(rc, "Référent et équipe", report);

        // The referent now reaches the file and records an interview reported by a neighbour.
        await using var tsContext = await fixture.NewContextAsync(bypassCsp: true);
        var ts = await tsContext.NewPageAsync();
        await Ui.LoginAsAsync(ts, "ts");
        await ts.GotoAsync(fileUrl);
        await ts.GetByRole(AriaRole.Link, new() { Name = "Saisir un entretien" }).ClickAsync();
        await Axe.CheckAsync(ts, "Saisir un entretien", report);
        await ts.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'entretien" }).ClickAsync();
        await Expect(ts.Locator("[data-error-summary]")).ToBeVisibleAsync();
        await Axe.CheckAsync(ts, "Saisir un entretien, erreurs", report);
        await ts.FillAsync("#Input_OccurredOn", ParisTime.Today(TimeProvider.System).ToString("yyyy-MM-dd"));
        await ts.SelectOptionAsync("#Input_Kind", new[] { "Permanence" });
        await ts.FillAsync("#Input_Summary", "Courriers de relance rapportés par le voisinage, à vérifier avec la personne.");
        await ts.SelectOptionAsync("#Input_Source", new[] { "Tiers" });
        await ts.SelectOptionAsync("#Input_ThirdParty", new[] { "Voisinage" });
        await ts.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'entretien" }).ClickAsync();
        await Ui.WaitForPathAsync(ts, fileUrl);
        await Expect(ts.GetByText("Signalé par un tiers (voisinage) — non vérifié")).ToBeVisibleAsync();
        await Axe.CheckAsync(ts, "Dossier avec entretien", report);
        await Ui.ScreenshotAsync(ts, "person-file-interview");

        await ts.GetByRole(AriaRole.Link, new() { Name = "Modifier l'accompagnement" }).ClickAsync();
        await Axe.CheckAsync(ts, "Modifier l'accompagnement", report);

        Axe.AssertClean(report);
    }
}
