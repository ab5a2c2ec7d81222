using Discret.Web.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Discret.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class KeyboardTests(BrowserFixture fixture)
{
    private static Task<string> FocusedAsync(IPage page) =>
        page.EvaluateAsync<string>("() => { const e = document.activeElement; return e ? (e.id ? '#' + e.id : e.tagName.toLowerCase() + ':' + (e.textContent || '').trim()) : ''; }");

    [Fact]
    public async Task The_first_tab_reaches_the_skip_link_and_the_login_works_with_the_keyboard_only()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/connexion");
        await Ui.ScreenshotAsync(page, "login");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("a:Aller au contenu", await FocusedAsync(page));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Aller au contenu" })).ToBeVisibleAsync();

        // The skip link moves focus to the main content; the next Tab is the first field of the form.
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("#contenu", await FocusedAsync(page));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("#Input_Login", await FocusedAsync(page));
        await page.Keyboard.TypeAsync("ts.sud");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("#Input_Password", await FocusedAsync(page));
        await page.Keyboard.TypeAsync(DemoAccounts.Password);
        await page.Keyboard.PressAsync("Enter");

        await Ui.WaitForPathAsync(page, "/connexion/code");
        // On the code page too, the field is reached with Tab alone.
        for (var i = 0; i < 15 && await FocusedAsync(page) != "#Input_Code"; i++)
            await page.Keyboard.PressAsync("Tab");
        Assert.Equal("#Input_Code", await FocusedAsync(page));
        await DiscretServer.ForgetTotpStepAsync(page, "ts.sud");
        await page.Keyboard.TypeAsync(Ui.TotpCode(DemoAccounts.TotpSecret));
        await page.Keyboard.PressAsync("Enter");

        await Ui.WaitForPathAsync(page, "/");
        await Expect(page.Locator("[data-role-home='TravailleurSocial']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_error_summary_takes_focus_and_its_links_lead_to_the_fields()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/connexion");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();

        var summary = page.Locator("[data-error-summary]");
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary).ToBeFocusedAsync();
        await Expect(summary.Locator("a[href='#Input_Login']")).ToHaveTextAsync("Saisissez votre identifiant.");
        await Expect(summary.Locator("a[href='#Input_Password']")).ToHaveTextAsync("Saisissez votre mot de passe.");
        await Expect(page.Locator("#Input_Login")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.Locator("#Input_Login")).ToHaveAttributeAsync("aria-describedby", "Input_Login-error");

        await summary.Locator("a[href='#Input_Login']").ClickAsync();
        await Expect(page.Locator("#Input_Login")).ToBeFocusedAsync();

        await summary.Locator("a[href='#Input_Password']").ClickAsync();
        await Expect(page.Locator("#Input_Password")).ToBeFocusedAsync();
    }
}
