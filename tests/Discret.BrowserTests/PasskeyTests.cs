using System.Text;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Web.Features.Connexion;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;
using static Microsoft.Playwright.Assertions;

namespace Discret.BrowserTests;

/// <summary>
/// Passkeys as a second factor (issue 20 §5), in Chromium with its virtual authenticator (DevTools protocol: WebAuthn.enable,
/// WebAuthn.addVirtualAuthenticator): the worker registers a passkey from « Clés d'accès », signs out, and at the next login uses
/// it instead of the TOTP code. The pages are axe-core clean.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PasskeyTests(BrowserFixture fixture)
{
    /// <summary>An account of the test's own (password, TOTP, charter accepted, role confirmed), so no demo account changes.</summary>
    private async Task<(string Login, string Password, string Secret, Guid Id)> CreateAccountAsync()
    {
        var login = Ui.UniqueLogin("cle");
        var password = Ui.StrongPassword();
        var secret = Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(20));
        using var scope = fixture.Server.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<DiscretDbContext>();
        var users = sp.GetRequiredService<UserManager<StaffAccount>>();
        var circonscription = await db.Circonscriptions.OrderBy(c => c.Name).FirstAsync();
        var now = DateTime.UtcNow;
        var account = new StaffAccount(login, "Agent Clé d'accès", StaffRole.Secretariat, circonscription.Id, now);
        account.ConfirmAccess(now);
        account.AcceptCharter(Charter.Version, now);
        account.PasswordWasChanged(now);
        account.TwoFactorEnabled = true;
        var created = await users.CreateAsync(account, password);
        Assert.True(created.Succeeded);
        await ((IUserAuthenticatorKeyStore<StaffAccount>)sp.GetRequiredService<IUserStore<StaffAccount>>()).SetAuthenticatorKeyAsync(account, secret, CancellationToken.None);
        await users.UpdateAsync(account);
        return (login, password, secret, account.Id);
    }

    [Fact]
    public async Task A_worker_registers_a_passkey_and_signs_in_with_it_instead_of_the_code()
    {
        var (login, password, secret, id) = await CreateAccountAsync();
        // WebAuthn refuses an IP address as the relying party: the page is on « localhost ».
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Server.BaseUrl.Replace("127.0.0.1", "localhost"), Locale = "fr-FR",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            BypassCSP = true, // axe-core is injected inline (passkeys.js itself is a script of the site: the CSP allows it)
        });
        await using var _ = context;
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true, ["hasUserVerification"] = true,
                ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        });
        var report = new StringBuilder();

        await Ui.LoginAsAsync(page, login, password, secret);
        await page.GotoAsync("/compte/cles-d-acces");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Clés d'accès", Exact = true })).ToBeVisibleAsync();
        await Axe.CheckAsync(page, "Clés d'accès (aucune)", report);
        await page.FillAsync("#Input_Name", "Clé virtuelle");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter une clé d'accès" }).ClickAsync();
        await Expect(page.GetByText("Clé d'accès enregistrée")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-passkey-row]")).ToHaveCountAsync(1);
        await Axe.CheckAsync(page, "Clés d'accès (une)", report);

        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vous êtes déconnecté" })).ToBeVisibleAsync();
        await page.GotoAsync("/connexion");
        await page.FillAsync("#Input_Login", login);
        await page.FillAsync("#Input_Password", password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Ui.WaitForPathAsync(page, "/connexion/code");
        await Axe.CheckAsync(page, "Code de vérification avec clé d'accès", report);
        await page.GetByRole(AriaRole.Button, new() { Name = "Utiliser ma clé d'accès" }).ClickAsync();
        await Ui.WaitForPathAsync(page, "/");
        await Expect(page.Locator("[data-role-home]")).ToBeVisibleAsync();

        using var scope = fixture.Server.Services.CreateScope();
        var journal = await scope.ServiceProvider.GetRequiredService<DiscretDbContext>().JournalEntries
            .Where(e => e.AccountId == id).Select(e => e.Detail).ToListAsync();
        Assert.Contains("clé d'accès ajoutée", journal);
        Assert.Contains("clé d'accès", journal);
        Axe.AssertClean(report);
    }
}
