using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Discret.BrowserTests;

/// <summary>axe-core on every page, in the states a person meets them (errors shown, fresh account, signed in).</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Public_pages_have_no_serious_accessibility_violation()
    {
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        var report = new StringBuilder();

        foreach (var (name, path) in new[]
                 {
                     ("Connexion", "/connexion"),
                     ("Session expirée", "/connexion?expiree=1"),
                     ("Accessibilité", "/accessibilite"),
                     ("Code source", "/code-source"),
                     ("Page introuvable", "/statut/404"),
                     ("Trop de tentatives", "/statut/429"),
                     ("Adresse inconnue", "/nulle-part"),
                     ("Lien d'activation non valable", "/activation?jeton=" + new string('0', 64)),
                 })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("h1")).ToBeVisibleAsync();
            await Axe.CheckAsync(page, name, report);
            if (path.StartsWith("/statut/", StringComparison.Ordinal)) await Ui.ScreenshotAsync(page, "statut-" + path[8..]);
        }

        // The login form after a failed attempt, with its error summary and field error.
        await page.GotoAsync("/connexion");
        await page.FillAsync("#Input_Login", "personne.inconnue");
        await page.FillAsync("#Input_Password", "pas le bon mot de passe");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Expect(page.Locator("[data-error-summary]")).ToBeVisibleAsync();
        await Axe.CheckAsync(page, "Connexion refusée", report);

        // The empty login form.
        await page.GotoAsync("/connexion");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Expect(page.Locator("[data-error-summary]")).ToBeVisibleAsync();
        await Axe.CheckAsync(page, "Connexion vide", report);

        Axe.AssertClean(report);
    }

    [Fact]
    public async Task Signed_in_pages_have_no_serious_accessibility_violation()
    {
        var report = new StringBuilder();

        await using (var tsContext = await fixture.NewContextAsync(bypassCsp: true))
        {
            var ts = await tsContext.NewPageAsync();
            await Ui.LoginAsAsync(ts, "ts");
            await Axe.CheckAsync(ts, "Accueil travailleur social", report);

            // An interview's page (correction within the window, addenda after it), from the first file of her list that has one.
            var files = await ts.Locator("table a[href^='/personnes/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            var reached = false;
            foreach (var file in files.Take(10))
            {
                await ts.GotoAsync(file);
                var interview = ts.Locator("a[href^='/entretiens/']").First;
                if (await interview.CountAsync() == 0) continue;
                await interview.ClickAsync();
                await Expect(ts.Locator("h1")).ToBeVisibleAsync();
                await Axe.CheckAsync(ts, "Entretien (correction, compléments)", report);
                await Ui.ScreenshotAsync(ts, "entretien");
                await ts.SetViewportSizeAsync(640, 450);
                Assert.True(await ts.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
                    "the interview's page scrolls sideways at 200 % zoom");
                await Ui.ScreenshotAsync(ts, "entretien-200");
                reached = true;
                break;
            }
            Assert.True(reached, "no interview page reached from the worker's first files");
        }

        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        await Ui.LoginAsAsync(page, "admin");
        await Axe.CheckAsync(page, "Accueil administrateur", report);

        await page.GotoAsync("/administration/comptes");
        await Axe.CheckAsync(page, "Liste des comptes", report);

        await page.GetByRole(AriaRole.Link, new() { Name = "Gérer le compte de Théo Travailleur" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Théo Travailleur", Level = 1 })).ToBeVisibleAsync();
        await Axe.CheckAsync(page, "Fiche d'un compte", report);

        await page.GotoAsync("/administration/comptes/nouveau");
        await Axe.CheckAsync(page, "Nouveau compte", report);
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le compte" }).ClickAsync();
        await Expect(page.Locator("[data-error-summary]")).ToBeVisibleAsync();
        await Axe.CheckAsync(page, "Nouveau compte, erreurs", report);

        await Ui.CreateAccountAsync(page, "Axel Accessible", Ui.UniqueLogin("axel"), "Accueil");
        await Axe.CheckAsync(page, "Compte créé, en attente de confirmation", report);
        var link = await Ui.ConfirmAccountAsync(fixture, "Axel Accessible", report);

        await page.GotoAsync("/administration/departement");
        await Axe.CheckAsync(page, "Département", report);

        await page.GotoAsync("/compte/mot-de-passe");
        await Axe.CheckAsync(page, "Mot de passe", report);
        await page.GetByRole(AriaRole.Button, new() { Name = "Changer le mot de passe" }).ClickAsync();
        await Expect(page.Locator("[data-error-summary]")).ToBeVisibleAsync();
        await Axe.CheckAsync(page, "Mot de passe, erreurs", report);

        // The new account's first steps: activation form, enrolment (with an error), recovery codes, charter.
        await using var fresh = await fixture.NewContextAsync(bypassCsp: true);
        var holder = await fresh.NewPageAsync();
        await holder.GotoAsync(link);
        await Axe.CheckAsync(holder, "Activation", report);
        await Ui.ActivateAsync(holder, link, Ui.StrongPassword());
        Assert.Equal("/compte/double-authentification", Ui.PathOf(holder));
        await Axe.CheckAsync(holder, "Double authentification", report);
        await holder.GetByRole(AriaRole.Button, new() { Name = "Activer" }).ClickAsync();
        await Expect(holder.Locator("[data-error-summary]")).ToBeVisibleAsync();
        await Axe.CheckAsync(holder, "Double authentification, erreur", report);
        var key = (await holder.Locator("#secret-key").InnerTextAsync()).Trim();
        await holder.FillAsync("#Input_Code", Ui.TotpCode(key));
        await holder.GetByRole(AriaRole.Button, new() { Name = "Activer" }).ClickAsync();
        await Ui.WaitForPathAsync(holder, "/compte/codes-de-secours");
        await Axe.CheckAsync(holder, "Codes de secours", report);
        await holder.GotoAsync("/compte/charte");
        await Axe.CheckAsync(holder, "Charte", report);
        await holder.GetByRole(AriaRole.Button, new() { Name = "Accepter et continuer" }).ClickAsync();
        await Expect(holder.Locator("[data-error-summary]")).ToBeVisibleAsync();
        await Axe.CheckAsync(holder, "Charte, erreur", report);

        Axe.AssertClean(report);
    }
}
