using System.Text;
using Discret.Web.Demo;
using Microsoft.Playwright;
using System.Text.RegularExpressions;
using OtpNet;

namespace Discret.BrowserTests;

/// <summary>One application server and one headless Chromium for the whole collection (2 cores: keep it to one of each).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public DiscretServer Server { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = new DiscretServer();
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchAsync(_playwright);
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        // Never downloaded: the distribution's Chromium, or the one named by DISCRET_CHROMIUM.
        ExecutablePath = Environment.GetEnvironmentVariable("DISCRET_CHROMIUM") ?? "/usr/bin/chromium",
        Headless = true,
        Args =
        [
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync",
        ],
    });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
    }

    /// <summary>A fresh, isolated browser context (own cookies) on the given server (the shared one by default).</summary>
    public Task<IBrowserContext> NewContextAsync(DiscretServer? server = null, int width = 1280, int height = 900, bool bypassCsp = false) =>
        NewContextAsync(Browser, server ?? Server, width, height, bypassCsp);

    public static async Task<IBrowserContext> NewContextAsync(IBrowser browser, DiscretServer server, int width = 1280, int height = 900, bool bypassCsp = false)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BypassCSP = bypassCsp,
            Locale = "fr-FR",
        });
        context.SetDefaultTimeout(15_000);
        return context;
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>The steps a person takes, written once.</summary>
public static class Ui
{
    public static string TotpCode(string base32Secret) =>
        new Totp(Base32Encoding.ToBytes(base32Secret.Replace(" ", ""))).ComputeTotp();

    /// <summary>Path of the page's current URL, without query string.</summary>
    public static string PathOf(IPage page) => new Uri(page.Url).AbsolutePath;

    /// <summary>Waits until the page shows <paramref name="path"/> (any query string), then until it has loaded.</summary>
    public static Task WaitForPathAsync(IPage page, string path, float timeout = 15_000) =>
        WaitForUrlAsync(page, new Regex("^[a-z]+://[^/]+" + Regex.Escape(path) + "([?#].*)?$"), timeout);

    /// <summary>
    /// Waits until the page's address matches, then until it has loaded. Never <c>WaitForURLAsync</c>: its
    /// check-then-subscribe can lose the "load" event (playwright-dotnet #3364), which hung the CI once (stop 12).
    /// The address is polled instead, then the load state is awaited.
    /// </summary>
    public static async Task WaitForUrlAsync(IPage page, Regex url, float timeout = 15_000)
    {
        await Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = timeout });
        await WaitForLoadAsync(page);
    }

    /// <summary>The load state, asked in short waits: a state whose event was missed is still recorded, so the next
    /// short wait finds it at once.</summary>
    public static async Task WaitForLoadAsync(IPage page)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await page.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = 1_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 15) { }
        }
    }

    /// <summary>Password, then the TOTP code; ends on the home page.</summary>
    public static async Task LoginAsAsync(IPage page, string login, string password = DemoAccounts.Password, string totpSecret = DemoAccounts.TotpSecret)
    {
        await page.GotoAsync("/connexion");
        await page.FillAsync("#Input_Login", login);
        await page.FillAsync("#Input_Password", password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await WaitForPathAsync(page, "/connexion/code");
        await DiscretServer.ForgetTotpStepAsync(page, login);
        await page.FillAsync("#Input_Code", TotpCode(totpSecret));
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider" }).ClickAsync();
        await WaitForPathAsync(page, "/");
        await Assertions.Expect(page.Locator("[data-role-home]")).ToBeVisibleAsync();
    }

    /// <summary>
    /// As the signed-in administrator: creates an account of the demo head's circonscription (Valmont-Nord) through the
    /// form. The administrator never sees its activation link: the page says who must confirm it.
    /// </summary>
    public static async Task CreateAccountAsync(IPage adminPage, string displayName, string login, string role)
    {
        await adminPage.GotoAsync("/administration/comptes/nouveau");
        await adminPage.FillAsync("#Input_DisplayName", displayName);
        await adminPage.FillAsync("#Input_Login", login);
        await adminPage.SelectOptionAsync("#Input_Role", new[] { role });
        await adminPage.SelectOptionAsync("#Input_CirconscriptionId", new SelectOptionValue { Label = "Valmont-Nord" });
        await adminPage.GetByRole(AriaRole.Button, new() { Name = "Créer le compte" }).ClickAsync();
        await WaitForUrlAsync(adminPage, new Regex("/administration/comptes/[0-9a-f-]{36}$"));
        await Assertions.Expect(adminPage.Locator("[data-account-confirmation]")).ToContainTextAsync("attend la confirmation de");
        Assert.DoesNotContain("/activation?jeton=", await adminPage.ContentAsync());
    }

    /// <summary>
    /// As the demo head of circonscription ("rc", in a browser of her own): confirms the creation of the account from
    /// « Comptes à confirmer » and returns the one-time activation link she is shown. axe-core on both pages when a
    /// report is given.
    /// </summary>
    public static async Task<string> ConfirmAccountAsync(BrowserFixture fixture, string displayName, StringBuilder? report = null)
    {
        await using var context = await fixture.NewContextAsync(bypassCsp: report is not null);
        var head = await context.NewPageAsync();
        await LoginAsAsync(head, "rc");
        await head.GetByRole(AriaRole.Link, new() { Name = "Comptes à confirmer" }).ClickAsync();
        await WaitForPathAsync(head, "/comptes-a-confirmer");
        if (report is not null)
        {
            await Axe.CheckAsync(head, "Comptes à confirmer", report);
            await ScreenshotAsync(head, "comptes-a-confirmer");
            // At 200 % zoom (640 px wide), the list reads without scrolling sideways.
            await head.SetViewportSizeAsync(640, 450);
            Assert.True(await head.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
                "« Comptes à confirmer » scrolls sideways at 200 % zoom");
            await ScreenshotAsync(head, "comptes-a-confirmer-200");
            await head.SetViewportSizeAsync(1280, 900);
        }
        await head.GetByRole(AriaRole.Button, new() { Name = $"Confirmer : Création du compte, {displayName}" }).ClickAsync();
        var linkBox = head.Locator("[data-activation-link]");
        await Assertions.Expect(linkBox).ToBeVisibleAsync();
        if (report is not null)
        {
            await Axe.CheckAsync(head, "Compte confirmé, lien d'activation", report);
            await ScreenshotAsync(head, "compte-confirme-lien");
        }
        var link = (await linkBox.InnerTextAsync()).Trim();
        Assert.Contains("/activation?jeton=", link);
        return link;
    }

    /// <summary>Opens the activation link and chooses the password; the new account is then signed in.</summary>
    public static async Task ActivateAsync(IPage page, string activationLink, string password)
    {
        await page.GotoAsync(activationLink);
        await page.FillAsync("#Input_Password", password);
        await page.FillAsync("#Input_Confirmation", password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Activer mon compte" }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/activation([?#].*)?$"));
        await WaitForLoadAsync(page);
    }

    /// <summary>A strong password meeting the CNIL rules: 20 characters, all four kinds.</summary>
    public static string StrongPassword() => "Qz7!" + Guid.NewGuid().ToString("N")[..12] + "-Wm9k";

    public static string UniqueLogin(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Screenshots kept for a person to look at (DISCRET_SHOTS, or /tmp/shots).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("DISCRET_SHOTS") ?? Path.Combine(Path.GetTempPath(), "shots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
