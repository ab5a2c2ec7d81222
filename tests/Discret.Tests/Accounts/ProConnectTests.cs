using System.Net;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Tests.Support;
using Discret.Web.Features.Connexion;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Discret.Tests.Accounts;

/// <summary>Discret configured for ProConnect against a local OpenID provider started for the class.</summary>
public sealed class ProConnectApp : IAsyncLifetime
{
    public LocalOpenIdProvider Provider { get; } = new();
    public DiscretFactory App { get; }

    public ProConnectApp() => App = new DiscretFactory
    {
        Settings = new Dictionary<string, string>
        {
            ["Discret:ProConnect:Authority"] = Provider.Issuer,
            ["Discret:ProConnect:ClientId"] = LocalOpenIdProvider.ClientId,
            ["Discret:ProConnect:ClientSecret"] = LocalOpenIdProvider.ClientSecret,
        },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>
/// Signing in with ProConnect (issue 20 §5), from the outside: the login page, the code flow through a real OpenID provider on
/// a loopback port (PKCE, state, nonce, client secret, userinfo as a signed JWT), the administrator's link, the acr rule,
/// refusals in French with nothing created, and the journal.
/// </summary>
public sealed class ProConnectTests(ProConnectApp fixture) : IClassFixture<ProConnectApp>
{
    private const string TwoFactors = "https://proconnect.gouv.fr/assurance/self-asserted-2fa";
    private DiscretFactory App => fixture.App;
    private LocalOpenIdProvider Provider => fixture.Provider;

    private static string NewSub() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private static string NewEmail() => $"agent.{Guid.NewGuid():N}@departement.test";

    /// <summary>« Se connecter avec ProConnect », the provider (who signs in whom the test says), back to Discret's return page.</summary>
    private async Task<(StaffSession Session, HttpResponseMessage Return, string Html)> SignInAsync(LocalOpenIdProvider.Identity? identity, StaffSession? session = null)
    {
        session ??= new StaffSession(App.Anonymous());
        Provider.NextIdentity = identity;
        var start = await session.PostFormAsync("/connexion?handler=ProConnect", new(), "/connexion");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        Assert.StartsWith(Provider.Issuer + "/authorize?", authorize.AbsoluteUri);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var atProvider = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, atProvider.StatusCode);
        var callback = atProvider.Headers.Location!;
        Assert.Equal(ProConnect.CallbackPath, callback.AbsolutePath);
        var back = await session.Client.GetAsync(callback.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var page = await session.Client.GetAsync(back.Headers.Location!.OriginalString);
        return (session, page, WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
    }

    private async Task LinkAsync(TestAccount account, string email)
    {
        var admin = await StaffSession.LoginAsync(App, await App.CreateAccountAsync(StaffRole.AdminTechnique));
        var linked = await admin.PostFormAsync($"/administration/comptes/{account.Id}?handler=ProConnect",
            new() { ["Input.ProConnectEmail"] = email.ToUpperInvariant() }, $"/administration/comptes/{account.Id}");
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        var page = WebUtility.HtmlDecode(await admin.Client.GetStringAsync($"/administration/comptes/{account.Id}"));
        Assert.Contains("pas encore liée", page);
    }

    private Task<List<(JournalAction Action, string? Detail)>> JournalOfAsync(Guid accountId) => App.WithAsync(async sp =>
        (await sp.GetRequiredService<DiscretDbContext>().JournalEntries.Where(e => e.AccountId == accountId || e.Reference == accountId)
            .OrderBy(e => e.Seq).Select(e => new { e.Action, e.Detail }).ToListAsync()).Select(e => (e.Action, e.Detail)).ToList());

    private Task<int> BoundLoginsAsync(string sub) => App.WithAsync(sp =>
        sp.GetRequiredService<DiscretDbContext>().UserLogins.CountAsync(l => l.LoginProvider == ProConnect.LoginProvider && l.ProviderKey == sub));

    private static async Task<bool> SignedInAsync(StaffSession session)
    {
        var home = await session.Client.GetAsync("/");
        return home.StatusCode == HttpStatusCode.OK;
    }

    [Fact]
    public async Task The_login_page_offers_ProConnect_only_when_it_is_configured()
    {
        var html = await App.Anonymous().GetStringAsync("/connexion");
        Assert.Contains("Se connecter avec ProConnect", html);

        await using var plain = App.WithWebHostBuilder(b => b.UseSetting("Discret:ProConnect:Authority", ""));
        var client = plain.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.DoesNotContain("ProConnect", await client.GetStringAsync("/connexion"));
        var session = new StaffSession(client);
        var start = await session.PostFormAsync("/connexion?handler=ProConnect", new(), "/connexion");
        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
    }

    [Fact]
    public async Task A_linked_account_signs_in_with_a_two_factor_acr_and_its_identity_is_bound_at_the_first_sign_in()
    {
        var worker = await App.CreateAccountAsync(StaffRole.TravailleurSocial);
        var email = NewEmail();
        await LinkAsync(worker, email);
        var sub = NewSub();

        var (session, page, html) = await SignInAsync(new(sub, email, TwoFactors));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("http-equiv=\"refresh\" content=\"0;url=/\"", html);
        Assert.True(await SignedInAsync(session));
        Assert.Empty(Provider.Refusals);
        // The code flow with PKCE (S256), and the acr values giving two factors asked in the claims request.
        Assert.Equal("S256", Provider.LastAuthorization["code_challenge_method"]);
        Assert.Contains("self-asserted-2fa", Provider.LastAuthorization["claims"]);
        Assert.Equal(1, await BoundLoginsAsync(sub));

        // Later: the bound sub opens the account even when the e-mail changed at the provider.
        var (again, _, _) = await SignInAsync(new(sub, NewEmail(), "eidas2"));
        Assert.True(await SignedInAsync(again));

        var journal = await JournalOfAsync(worker.Id);
        Assert.Contains((JournalAction.GestionCompte, "liaison ProConnect"), journal);
        Assert.Contains((JournalAction.GestionCompte, "identité ProConnect liée à la première connexion"), journal);
        Assert.Equal(2, journal.Count(e => e is (JournalAction.Connexion, "ProConnect, double authentification")));
        // Neither the e-mail nor the sub reaches the journal.
        Assert.DoesNotContain(journal, e => e.Detail is { } d && (d.Contains(sub) || d.Contains(email)));
    }

    [Fact]
    public async Task A_one_factor_acr_leads_to_Discrets_own_second_factor_and_is_refused_to_an_account_without_one()
    {
        var worker = await App.CreateAccountAsync(StaffRole.Accueil);
        var email = NewEmail();
        await LinkAsync(worker, email);

        var (session, page, html) = await SignInAsync(new(NewSub(), email, "eidas1"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("content=\"0;url=/connexion/code\"", html);
        Assert.False(await SignedInAsync(session)); // not before the second factor
        var code = await session.PostFormAsync("/connexion/code", new() { ["Input.Code"] = worker.CurrentCode() });
        Assert.Equal("/", code.Headers.Location?.OriginalString);
        Assert.True(await SignedInAsync(session));
        Assert.Contains((JournalAction.Connexion, "ProConnect, second facteur"), await JournalOfAsync(worker.Id));

        // An account with no second factor of its own: one factor at ProConnect opens nothing.
        var unenrolled = await App.CreateAccountAsync(StaffRole.Accueil, enrolled: false);
        var other = NewEmail();
        await LinkAsync(unenrolled, other);
        var sub = NewSub();
        var (refused, _, refusal) = await SignInAsync(new(sub, other, "https://proconnect.gouv.fr/assurance/consistency-checked"));
        Assert.Contains((ProConnectReturnModel.NoSecondFactor), refusal);
        Assert.False(await SignedInAsync(refused));
        Assert.Equal(0, await BoundLoginsAsync(sub));
        Assert.Contains((JournalAction.EchecConnexion, "ProConnect : un seul facteur, compte sans second facteur"), await JournalOfAsync(unenrolled.Id));
    }

    [Fact]
    public async Task An_identity_no_account_is_linked_to_is_refused_in_French_and_nothing_is_created()
    {
        var accountsBefore = await App.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Users.CountAsync());
        var sub = NewSub();
        var (session, page, html) = await SignInAsync(new(sub, NewEmail(), TwoFactors));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains((ProConnectReturnModel.UnknownIdentity), html);
        Assert.False(await SignedInAsync(session));
        Assert.Equal(accountsBefore, await App.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Users.CountAsync()));
        Assert.Equal(0, await BoundLoginsAsync(sub));
        // Journaled without an account (none), without the e-mail or the sub.
        var entry = await App.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries
            .Where(e => e.Action == JournalAction.EchecConnexion && e.Detail == "ProConnect : identité inconnue").OrderByDescending(e => e.Seq).FirstAsync());
        Assert.Null(entry.AccountId);
        // The external cookie is gone: coming back to the return page does not try again.
        var again = await session.Client.GetAsync(ProConnect.ReturnPath);
        Assert.Equal("/connexion", again.Headers.Location?.OriginalString);
        // No identity at all (the agent cancelled at ProConnect): back to the login page, with a French message.
        var cancelled = new StaffSession(App.Anonymous());
        Provider.NextIdentity = null;
        var start = await cancelled.PostFormAsync("/connexion?handler=ProConnect", new(), "/connexion");
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var callback = (await browser.GetAsync(start.Headers.Location!)).Headers.Location!;
        var back = await cancelled.Client.GetAsync(callback.PathAndQuery);
        Assert.Equal(ProConnect.FailurePath, back.Headers.Location?.OriginalString);
        Assert.Contains((LoginModel.ProConnectFailed), WebUtility.HtmlDecode(await cancelled.Client.GetStringAsync(ProConnect.FailurePath)));
    }

    [Fact]
    public async Task A_deactivated_account_is_refused_and_its_identity_is_not_bound()
    {
        var worker = await App.CreateAccountAsync(StaffRole.TravailleurSocial);
        var email = NewEmail();
        await LinkAsync(worker, email);
        await App.WithDbAsync(async db =>
        {
            var account = await db.Users.SingleAsync(a => a.Id == worker.Id);
            account.Deactivate(DateTime.UtcNow);
            await db.SaveChangesAsync();
        });
        var sub = NewSub();
        var (session, _, html) = await SignInAsync(new(sub, email, TwoFactors));
        Assert.Contains((ProConnectReturnModel.CannotSignIn), html);
        Assert.False(await SignedInAsync(session));
        Assert.Equal(0, await BoundLoginsAsync(sub));
        Assert.Contains((JournalAction.EchecConnexion, "ProConnect : compte désactivé"), await JournalOfAsync(worker.Id));
    }

    [Fact]
    public async Task The_administrator_links_with_a_valid_address_used_by_no_other_account_and_may_undo_it()
    {
        var admin = await StaffSession.LoginAsync(App, await App.CreateAccountAsync(StaffRole.AdminTechnique));
        var first = await App.CreateAccountAsync(StaffRole.Secretariat);
        var second = await App.CreateAccountAsync(StaffRole.Secretariat);
        async Task<string> LinkAsync(TestAccount account, string email)
        {
            var response = await admin.PostFormAsync($"/administration/comptes/{account.Id}?handler=ProConnect",
                new() { ["Input.ProConnectEmail"] = email }, $"/administration/comptes/{account.Id}");
            return WebUtility.HtmlDecode(response.StatusCode == HttpStatusCode.Redirect
                ? await admin.Client.GetStringAsync(response.Headers.Location!.OriginalString)
                : await response.Content.ReadAsStringAsync());
        }
        Assert.Contains("Saisissez une adresse électronique professionnelle valide", await LinkAsync(first, "pas-une-adresse"));
        var email = NewEmail();
        Assert.Contains("Compte lié à ProConnect", await LinkAsync(first, email));
        Assert.Contains("Cette adresse est déjà liée au compte d'un autre agent.", await LinkAsync(second, email));

        // Bound by a first sign-in, then unlinked: the identity no longer opens the account.
        var sub = NewSub();
        var (session, _, _) = await SignInAsync(new(sub, email, TwoFactors));
        Assert.True(await SignedInAsync(session));
        var unlink = await admin.PostFormAsync($"/administration/comptes/{first.Id}?handler=ProConnectUnlink", new(), $"/administration/comptes/{first.Id}");
        Assert.Equal(HttpStatusCode.Redirect, unlink.StatusCode);
        Assert.Equal(0, await BoundLoginsAsync(sub));
        var (_, _, html) = await SignInAsync(new(sub, email, TwoFactors));
        Assert.Contains((ProConnectReturnModel.UnknownIdentity), html);
        Assert.Contains((JournalAction.GestionCompte, "fin de la liaison ProConnect"), await JournalOfAsync(first.Id));
    }
}
