using Discret.Web.Demo;
using Discret.Domain.Accounts;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Discret.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class LoginTests(BrowserFixture fixture)
{
    public static TheoryData<StaffRole> Roles() => new(Enum.GetValues<StaffRole>());

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Each_role_signs_in_with_password_and_totp_and_lands_on_its_home(StaffRole role)
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        await Ui.LoginAsAsync(page, DemoAccounts.For(role).Login);

        await Expect(page.Locator($"[data-role-home='{role}']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-role-home]")).ToHaveCountAsync(1);
        if (role == StaffRole.AdminTechnique)
        {
            await Ui.ScreenshotAsync(page, "home-admin");
            await page.GotoAsync("/administration/comptes");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Comptes des agents" })).ToBeVisibleAsync();
            await Ui.ScreenshotAsync(page, "admin-comptes");
        }
    }

    [Fact]
    public async Task A_wrong_totp_code_keeps_the_account_out()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/connexion");
        await page.FillAsync("#Input_Login", "secretariat");
        await page.FillAsync("#Input_Password", DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Ui.WaitForPathAsync(page, "/connexion/code");
        var good = Ui.TotpCode(DemoAccounts.TotpSecret);
        var wrong = ((int.Parse(good) + 500_000) % 1_000_000).ToString("D6");
        await page.FillAsync("#Input_Code", wrong);
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider" }).ClickAsync();

        await Expect(page.Locator("[data-error-summary]")).ToBeVisibleAsync();
        Assert.Equal("/connexion/code", Ui.PathOf(page));
        await page.GotoAsync("/");
        Assert.Equal("/connexion", Ui.PathOf(page));
    }
}
