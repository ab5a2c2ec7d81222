using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Discret.BrowserTests;

/// <summary>A server of its own with a 6-second idle timeout: the warning comes 3 seconds before the end.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SessionWarningTests(BrowserFixture fixture, SessionWarningTests.ShortSessionServer shortSession)
    : IClassFixture<SessionWarningTests.ShortSessionServer>
{
    /// <summary>Started once for the tests of this class, after the collection's own server.</summary>
    public sealed class ShortSessionServer : IAsyncLifetime
    {
        public DiscretServer Server { get; private set; } = null!;
        public Task InitializeAsync()
        {
            Server = new DiscretServer(new Dictionary<string, string?> { ["Discret:Security:IdleTimeout"] = "00:00:06" });
            return Task.CompletedTask;
        }
        public async Task DisposeAsync() => await Server.DisposeAsync();
    }

    [Fact]
    public async Task The_idle_warning_appears_before_the_session_ends_and_staying_signed_in_closes_it()
    {
        await using var context = await BrowserFixture.NewContextAsync(fixture.Browser, shortSession.Server);
        var page = await context.NewPageAsync();
        await Ui.LoginAsAsync(page, "accueil");

        var dialog = page.Locator("#session-warning");
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(dialog).ToBeVisibleAsync(new() { Timeout = 10_000 });
        var stay = dialog.GetByRole(AriaRole.Button, new() { Name = "Rester connecté" });
        await Expect(stay).ToBeFocusedAsync();

        await stay.ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        Assert.Equal("/", Ui.PathOf(page));
        // The session was renewed on the server: a page still opens without a new login.
        await page.GotoAsync("/compte/mot-de-passe");
        Assert.Equal("/compte/mot-de-passe", Ui.PathOf(page));
    }

    [Fact]
    public async Task Staying_signed_in_after_the_session_has_already_ended_leads_to_the_login_page()
    {
        await using var context = await BrowserFixture.NewContextAsync(fixture.Browser, shortSession.Server);
        var page = await context.NewPageAsync();
        await Ui.LoginAsAsync(page, "accueil");

        var dialog = page.Locator("#session-warning");
        await Expect(dialog).ToBeVisibleAsync(new() { Timeout = 10_000 });
        // The session ends on the server side meanwhile (as when the cookie has expired or was revoked).
        await context.ClearCookiesAsync(new() { Name = "discret.session" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Rester connecté" }).ClickAsync();

        // At once, not when the page's own end-of-session timer fires (3 s later, or 6 s if the click re-armed it).
        await Ui.WaitForPathAsync(page, "/connexion", timeout: 2_000);
        Assert.Contains("expiree=1", page.Url);
    }
}
