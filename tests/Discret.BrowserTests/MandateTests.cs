using System.Text;
using Discret.Catalogue;
using Discret.Domain.Persons;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Discret.BrowserTests;

/// <summary>
/// Mandates in a real browser: the social worker prepares a mandate from the file (errors first, then the form filled, a
/// box ticked with the keyboard), records its signature, checks it on « Vérifier un mandat »; reception records the
/// person's revocation. axe-core on each page.
/// </summary>
[Collection(BrowserCollection.Name)]
public class MandateTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_worker_prepares_and_signs_a_mandate_it_verifies_and_reception_records_its_revocation()
    {
        var report = new StringBuilder();
        var (personId, _) = await DemoCases.CreatePersonAsync(fixture.Server, "Mandat", "Camille", new DateOnly(1979, 3, 8), (db, person, ts) =>
            db.FollowUps.Add(new FollowUp(person.Id, ts.CirconscriptionId, ts.Id, [FollowUpMotive.Logement], DateOnly.FromDateTime(DateTime.UtcNow), Provenance.AProfessional)));

        await using var tsContext = await fixture.NewContextAsync(bypassCsp: true);
        var ts = await tsContext.NewPageAsync();
        await Ui.LoginAsAsync(ts, "ts");
        await ts.GotoAsync($"/personnes/{personId}");
        await Expect(ts.GetByRole(AriaRole.Heading, new() { Name = "Démarches en ligne" })).ToBeVisibleAsync();
        await ts.GetByRole(AriaRole.Link, new() { Name = "Préparer un mandat" }).ClickAsync();
        await Axe.CheckAsync(ts, "Préparer un mandat", report);

        // Sent empty: the error summary and the messages on their fields.
        await ts.GetByRole(AriaRole.Button, new() { Name = "Préparer le mandat" }).ClickAsync();
        await Expect(ts.Locator("[data-error-summary]")).ToBeVisibleAsync();
        await Expect(ts.GetByText("Cochez au moins un domaine de démarches").First).ToBeVisibleAsync();
        await Axe.CheckAsync(ts, "Préparer un mandat, erreurs", report);

        await ts.GetByLabel("Théo Travailleur (référent)").CheckAsync();
        // A domain ticked with the keyboard: focus, then Space.
        await ts.Locator("#Input_Authorisations_2__Selected").FocusAsync();
        await ts.Keyboard.PressAsync("Space");
        await Expect(ts.Locator("#Input_Authorisations_2__Selected")).ToBeCheckedAsync();
        await ts.Locator("#Input_Authorisations_2__Organisations").CheckAsync(); // CAF, in the domain « Social, santé »
        await ts.GetByLabel("Ressources", new() { Exact = true }).CheckAsync();
        await ts.GetByLabel("Dernier jour du mandat").FillAsync(ParisTime.Today(TimeProvider.System).AddMonths(3).ToString("yyyy-MM-dd"));
        await ts.GetByRole(AriaRole.Button, new() { Name = "Préparer le mandat" }).FocusAsync();
        await ts.Keyboard.PressAsync("Enter");
        await Expect(ts.GetByRole(AriaRole.Heading, new() { Name = "Enregistrer la signature" })).ToBeVisibleAsync();
        await Expect(ts.Locator("[data-mandate-state]")).ToContainTextAsync("Pas encore signé");
        await Axe.CheckAsync(ts, "Mandat préparé", report);
        var code = (await ts.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).Replace("Mandat", "").Trim();

        await ts.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la signature" }).ClickAsync();
        await Expect(ts.Locator("[data-mandate-state]")).ToContainTextAsync("En vigueur");
        await Axe.CheckAsync(ts, "Mandat signé", report);

        await ts.GotoAsync("/mandats/verifier");
        await Axe.CheckAsync(ts, "Vérifier un mandat", report);
        await ts.GetByLabel("Code du mandat").FillAsync(code);
        await ts.GetByLabel("Code du mandat").PressAsync("Enter");
        await Expect(ts.Locator("[data-verdict]")).ToContainTextAsync("Mandat valide");
        await Expect(ts.GetByRole(AriaRole.Link, new() { Name = "Ouvrir le mandat (équipe de l'accompagnement)" })).ToBeVisibleAsync();
        await Axe.CheckAsync(ts, "Vérifier un mandat, résultat", report);

        await using var receptionContext = await fixture.NewContextAsync(bypassCsp: true);
        var reception = await receptionContext.NewPageAsync();
        await Ui.LoginAsAsync(reception, "accueil");
        await reception.GotoAsync($"/personnes/{personId}");
        await Expect(reception.GetByRole(AriaRole.Heading, new() { Name = "Démarches en ligne" })).ToBeVisibleAsync();
        await reception.GetByRole(AriaRole.Link, new() { Name = "Enregistrer une révocation" }).ClickAsync();
        await Axe.CheckAsync(reception, "Révoquer un mandat (accueil)", report);
        await reception.GetByLabel("Raison (facultatif)").SelectOptionAsync("DemandeDeLaPersonne");
        await reception.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la révocation (aujourd'hui)" }).ClickAsync();
        await Expect(reception.GetByText("Révocation enregistrée")).ToBeVisibleAsync();
        await Expect(reception.GetByRole(AriaRole.Link, new() { Name = "Imprimer l'accusé de révocation (PDF)" })).ToBeVisibleAsync();
        await Axe.CheckAsync(reception, "Révocation enregistrée (accueil)", report);

        await ts.GotoAsync($"/mandats/verifier?code={Uri.EscapeDataString(code)}");
        await Expect(ts.Locator("[data-verdict]")).ToContainTextAsync("Mandat révoqué");
        Axe.AssertClean(report);
    }
}
