using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Discret.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class EnrolmentTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_new_account_is_activated_then_forced_to_enrol_totp_see_recovery_codes_and_accept_the_charter()
    {
        await using var adminContext = await fixture.NewContextAsync();
        var admin = await adminContext.NewPageAsync();
        await Ui.LoginAsAsync(admin, "admin");
        var login = Ui.UniqueLogin("nina");
        await Ui.CreateAccountAsync(admin, "Nina Nouvelle", login, "TravailleurSocial");
        var link = await Ui.ConfirmAccountAsync(fixture, "Nina Nouvelle");

        // The holder opens the link in another browser.
        await using var holderContext = await fixture.NewContextAsync();
        var page = await holderContext.NewPageAsync();
        var password = Ui.StrongPassword();
        await Ui.ActivateAsync(page, link, password);
        Assert.Equal("/compte/double-authentification", Ui.PathOf(page));

        // Nothing else is reachable before enrolment.
        foreach (var path in new[] { "/", "/administration/comptes", "/compte/charte" })
        {
            await page.GotoAsync(path);
            Assert.Equal("/compte/double-authentification", Ui.PathOf(page));
        }

        var key = (await page.Locator("#secret-key").InnerTextAsync()).Trim();
        Assert.Matches("^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$", key);
        await page.FillAsync("#Input_Code", Ui.TotpCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Activer" }).ClickAsync();

        await Ui.WaitForPathAsync(page, "/compte/codes-de-secours");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Codes de secours" }).Locator("li")).ToHaveCountAsync(10);
        await page.GetByRole(AriaRole.Link, new() { Name = "Continuer" }).ClickAsync();

        await Ui.WaitForPathAsync(page, "/compte/charte");
        await page.CheckAsync("#Input_Accept");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accepter et continuer" }).ClickAsync();

        await Ui.WaitForPathAsync(page, "/");
        await Expect(page.Locator("[data-role-home='TravailleurSocial']")).ToBeVisibleAsync();

        // And the next login asks for the code from the key just enrolled.
        await using var laterContext = await fixture.NewContextAsync();
        var later = await laterContext.NewPageAsync();
        await Ui.LoginAsAsync(later, login, password, key);
        await Expect(later.Locator("[data-role-home='TravailleurSocial']")).ToBeVisibleAsync();
    }
}
