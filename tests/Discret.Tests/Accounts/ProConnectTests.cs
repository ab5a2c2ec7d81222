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

    /// <summary>The second step of a first ProConnect sign-in: the code page, which says that it binds the identity, then the code.</summary>
    private static async Task<HttpResponseMessage> CodeAsync(StaffSession session, string code)
    {
        var page = WebUtility.HtmlDecode(await session.Client.GetStringAsync("/connexion/code"));
        Assert.Contains("data-proconnect-binding", page);
        return await session.PostFormAsync("/connexion/code", new() { ["Input.Code"] = code });
    }

    /// <summary>A 6-digit code the account's application does not show now (nor one step either side).</summary>
    private static string WrongCodeFor(TestAccount account, string candidate = "000000")
    {
        var now = DateTime.UtcNow;
        var valid = new[] { account.CodeAt(now.AddSeconds(-30)), account.CodeAt(now), account.CodeAt(now.AddSeconds(30)) };
        return valid.Contains(candidate) ? WrongCodeFor(account, ((int.Parse(candidate) + 111_111) % 1_000_000).ToString("D6")) : candidate;
    }

    private Task<StaffAccount> AccountAsync(TestAccount account) => App.WithAsync(sp =>
        sp.GetRequiredService<DiscretDbContext>().Users.AsNoTracking().SingleAsync(a => a.Id == account.Id));

    private const string FirstSignInLeadsToCode = "content=\"0;url=/connexion/code\"";

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
    public async Task A_linked_account_is_bound_at_its_first_sign_in_by_its_own_second_factor_then_a_two_factor_acr_opens_the_session()
    {
        var worker = await App.CreateAccountAsync(StaffRole.TravailleurSocial);
        var email = NewEmail();
        await LinkAsync(worker, email);
        var sub = NewSub();

        // First sign-in under the recorded address: two factors at ProConnect, yet Discret asks the account's own second factor.
        var (session, page, html) = await SignInAsync(new(sub, email, TwoFactors));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(FirstSignInLeadsToCode, html);
        Assert.Contains("première connexion avec ProConnect", html);
        Assert.False(await SignedInAsync(session));
        Assert.Equal(0, await BoundLoginsAsync(sub));
        Assert.Empty(Provider.Refusals);
        // The code flow with PKCE (S256), and the acr values giving two factors asked in the claims request.
        Assert.Equal("S256", Provider.LastAuthorization["code_challenge_method"]);
        Assert.Contains("self-asserted-2fa", Provider.LastAuthorization["claims"]);

        var code = await CodeAsync(session, worker.CurrentCode());
        Assert.Equal("/", code.Headers.Location?.OriginalString);
        Assert.True(await SignedInAsync(session));
        Assert.Equal(1, await BoundLoginsAsync(sub));

        // Later: the bound sub, with two factors at ProConnect, opens the account directly — even when the e-mail changed at the provider.
        var (again, _, againHtml) = await SignInAsync(new(sub, NewEmail(), "eidas2"));
        Assert.Contains("http-equiv=\"refresh\" content=\"0;url=/\"", againHtml);
        Assert.True(await SignedInAsync(again));
        Assert.Equal(1, await BoundLoginsAsync(sub));

        var journal = await JournalOfAsync(worker.Id);
        Assert.Contains((JournalAction.GestionCompte, "liaison ProConnect"), journal);
        Assert.Single(journal, e => e is (JournalAction.GestionCompte, "identité ProConnect liée à la première connexion"));
        Assert.Single(journal, e => e is (JournalAction.Connexion, "ProConnect, second facteur"));
        Assert.Single(journal, e => e is (JournalAction.Connexion, "ProConnect, double authentification"));
        // Neither the e-mail nor the sub reaches the journal.
        Assert.DoesNotContain(journal, e => e.Detail is { } d && (d.Contains(sub) || d.Contains(email)));
    }

    [Fact]
    public async Task The_administrator_cannot_take_over_an_account_by_recording_her_own_ProConnect_address_on_it()
    {
        var adminAccount = await App.CreateAccountAsync(StaffRole.AdminTechnique);
        var admin = await StaffSession.LoginAsync(App, adminAccount);
        var worker = await App.CreateAccountAsync(StaffRole.TravailleurSocial);
        var adminEmail = NewEmail();
        var linked = await admin.PostFormAsync($"/administration/comptes/{worker.Id}?handler=ProConnect",
            new() { ["Input.ProConnectEmail"] = adminEmail }, $"/administration/comptes/{worker.Id}");
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);

        // ProConnect signs the administrator in under her own address, with two factors: the worker's session does not open.
        var adminSub = NewSub();
        var (session, page, html) = await SignInAsync(new(adminSub, adminEmail, TwoFactors));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(FirstSignInLeadsToCode, html);
        Assert.False(await SignedInAsync(session));
        Assert.Equal(0, await BoundLoginsAsync(adminSub));

        // Without the worker's own second factor, nothing: her own TOTP code is not the worker's (a failure, counted), nor is a
        // made-up recovery code.
        var ownCode = await CodeAsync(session, WrongCodeFor(worker, adminAccount.CurrentCode()));
        Assert.Equal(HttpStatusCode.OK, ownCode.StatusCode);
        Assert.Contains(SecondFactorModel.WrongCode, WebUtility.HtmlDecode(await ownCode.Content.ReadAsStringAsync()));
        var recovery = await session.PostFormAsync("/connexion/code-de-secours", new() { ["Input.Code"] = "ABCDE-FGHJK" });
        Assert.Equal(HttpStatusCode.OK, recovery.StatusCode);
        Assert.False(await SignedInAsync(session));
        Assert.Equal(0, await BoundLoginsAsync(adminSub));
        Assert.Equal(2, (await AccountAsync(worker)).AccessFailedCount);
        var journal = await JournalOfAsync(worker.Id);
        Assert.DoesNotContain(journal, e => e.Action == JournalAction.Connexion);
        Assert.DoesNotContain(journal, e => e is (JournalAction.GestionCompte, "identité ProConnect liée à la première connexion"));
        Assert.Contains((JournalAction.EchecSecondFacteur, "code"), journal);

        // Coming back with the same identity starts over at the worker's second factor: still nothing bound, nothing open.
        var (retry, _, retryHtml) = await SignInAsync(new(adminSub, adminEmail, "eidas3"));
        Assert.Contains(FirstSignInLeadsToCode, retryHtml);
        Assert.False(await SignedInAsync(retry));
        Assert.Equal(0, await BoundLoginsAsync(adminSub));
    }

    [Fact]
    public async Task A_wrong_second_factor_at_the_first_sign_in_binds_nothing_and_counts_towards_the_lockout()
    {
        var worker = await App.CreateAccountAsync(StaffRole.Secretariat);
        var email = NewEmail();
        await LinkAsync(worker, email);
        var sub = NewSub();
        var (session, _, _) = await SignInAsync(new(sub, email, TwoFactors));

        var wrong = WrongCodeFor(worker);
        for (var i = 1; i <= 4; i++)
        {
            var response = await CodeAsync(session, wrong);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(SecondFactorModel.WrongCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
            Assert.Equal(i, (await AccountAsync(worker)).AccessFailedCount);
            Assert.Equal(0, await BoundLoginsAsync(sub));
        }
        // The fifth locks the account, as on the password's path; then even the right code binds nothing.
        var locked = await CodeAsync(session, wrong);
        Assert.Contains(LoginModel.LockedOut, WebUtility.HtmlDecode(await locked.Content.ReadAsStringAsync()));
        Assert.True((await AccountAsync(worker)).LockoutEnd > DateTimeOffset.UtcNow);
        var right = await CodeAsync(session, worker.CurrentCode());
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.False(await SignedInAsync(session));
        Assert.Equal(0, await BoundLoginsAsync(sub));
        var journal = await JournalOfAsync(worker.Id);
        Assert.Equal(4, journal.Count(e => e is (JournalAction.EchecSecondFacteur, "code")));
        Assert.DoesNotContain(journal, e => e is (JournalAction.GestionCompte, "identité ProConnect liée à la première connexion"));
        // A locked account is refused at the return page too.
        var (_, _, refusal) = await SignInAsync(new(sub, email, TwoFactors));
        Assert.Contains(ProConnectReturnModel.CannotSignIn, refusal);
    }

    [Fact]
    public async Task A_recovery_code_also_completes_the_binding()
    {
        var worker = await App.CreateAccountAsync(StaffRole.TravailleurSocial);
        var codes = await App.WithAsync(async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffAccount>>();
            return (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(worker.Id.ToString()))!, 10))!.ToList();
        });
        var email = NewEmail();
        await LinkAsync(worker, email);
        var sub = NewSub();
        var (session, _, _) = await SignInAsync(new(sub, email, "eidas1"));
        var response = await session.PostFormAsync("/connexion/code-de-secours", new() { ["Input.Code"] = codes[0] });
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.True(await SignedInAsync(session));
        Assert.Equal(1, await BoundLoginsAsync(sub));
        Assert.Contains((JournalAction.Connexion, "ProConnect, code de secours"), await JournalOfAsync(worker.Id));
    }

    [Fact]
    public async Task A_binding_pending_at_the_second_factor_is_refused_when_the_administrator_changed_the_address_meanwhile()
    {
        var worker = await App.CreateAccountAsync(StaffRole.TravailleurSocial);
        var email = NewEmail();
        await LinkAsync(worker, email);
        var sub = NewSub();
        var (session, _, _) = await SignInAsync(new(sub, email, TwoFactors));
        await LinkAsync(worker, NewEmail());

        var response = await CodeAsync(session, worker.CurrentCode());
        Assert.Equal("/connexion?proconnect=liaison", response.Headers.Location?.OriginalString);
        Assert.Contains(ProConnectReturnModel.BindingImpossible, WebUtility.HtmlDecode(await session.Client.GetStringAsync(response.Headers.Location!.OriginalString)));
        Assert.False(await SignedInAsync(session));
        Assert.Equal(0, await BoundLoginsAsync(sub));
        Assert.Contains((JournalAction.EchecConnexion, "ProConnect : liaison impossible"), await JournalOfAsync(worker.Id));
        // The step is over: the code page sends back to the login page.
        Assert.Equal("/connexion", (await session.Client.GetAsync("/connexion/code")).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_one_factor_acr_leads_to_Discrets_own_second_factor_and_is_refused_to_an_account_without_one()
    {
        var worker = await App.CreateAccountAsync(StaffRole.Accueil);
        var email = NewEmail();
        await LinkAsync(worker, email);

        var sub = NewSub();
        var (first, _, _) = await SignInAsync(new(sub, email, "eidas1"));
        Assert.Equal("/", (await CodeAsync(first, worker.CurrentCode())).Headers.Location?.OriginalString); // the binding

        // Bound, one factor at ProConnect: Discret's own second factor, every time.
        await App.ForgetTotpStepAsync(worker.Login);
        var (session, page, html) = await SignInAsync(new(sub, email, "eidas1"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("content=\"0;url=/connexion/code\"", html);
        Assert.DoesNotContain("première connexion", html);
        Assert.False(await SignedInAsync(session)); // not before the second factor
        Assert.DoesNotContain("data-proconnect-binding", await session.Client.GetStringAsync("/connexion/code"));
        var code = await session.PostFormAsync("/connexion/code", new() { ["Input.Code"] = worker.CurrentCode() });
        Assert.Equal("/", code.Headers.Location?.OriginalString);
        Assert.True(await SignedInAsync(session));
        Assert.Equal(2, (await JournalOfAsync(worker.Id)).Count(e => e is (JournalAction.Connexion, "ProConnect, second facteur")));

        // A bound account whose second factor was removed since (a confirmed reset): one factor at ProConnect opens nothing.
        await App.WithDbAsync(async db =>
        {
            var account = await db.Users.SingleAsync(a => a.Id == worker.Id);
            account.TwoFactorEnabled = false;
            await db.SaveChangesAsync();
        });
        var (refused, _, refusal) = await SignInAsync(new(sub, email, "https://proconnect.gouv.fr/assurance/consistency-checked"));
        Assert.Contains((ProConnectReturnModel.NoSecondFactor), refusal);
        Assert.False(await SignedInAsync(refused));
        Assert.Contains((JournalAction.EchecConnexion, "ProConnect : un seul facteur, compte sans second facteur"), await JournalOfAsync(worker.Id));
    }

    [Fact]
    public async Task The_first_sign_in_is_refused_to_an_account_without_a_second_factor_of_its_own_whatever_the_acr()
    {
        var unenrolled = await App.CreateAccountAsync(StaffRole.Accueil, enrolled: false);
        var email = NewEmail();
        await LinkAsync(unenrolled, email);
        var sub = NewSub();
        foreach (var acr in new[] { TwoFactors, "https://proconnect.gouv.fr/assurance/consistency-checked" })
        {
            var (refused, _, refusal) = await SignInAsync(new(sub, email, acr));
            Assert.Contains(ProConnectReturnModel.FirstSignInNeedsSecondFactor, refusal);
            Assert.StartsWith("Connectez-vous une première fois avec votre mot de passe", ProConnectReturnModel.FirstSignInNeedsSecondFactor);
            Assert.False(await SignedInAsync(refused));
            Assert.Equal(0, await BoundLoginsAsync(sub));
        }
        Assert.Equal(2, (await JournalOfAsync(unenrolled.Id)).Count(e => e is (JournalAction.EchecConnexion, "ProConnect : première connexion, compte sans second facteur")));
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

        // Bound by a first sign-in (with the holder's own second factor), then unlinked: the identity no longer opens the account.
        var sub = NewSub();
        var (session, _, _) = await SignInAsync(new(sub, email, TwoFactors));
        Assert.Equal("/", (await CodeAsync(session, first.CurrentCode())).Headers.Location?.OriginalString);
        Assert.True(await SignedInAsync(session));
        Assert.Equal(1, await BoundLoginsAsync(sub));
        var unlink = await admin.PostFormAsync($"/administration/comptes/{first.Id}?handler=ProConnectUnlink", new(), $"/administration/comptes/{first.Id}");
        Assert.Equal(HttpStatusCode.Redirect, unlink.StatusCode);
        Assert.Equal(0, await BoundLoginsAsync(sub));
        var (_, _, html) = await SignInAsync(new(sub, email, TwoFactors));
        Assert.Contains((ProConnectReturnModel.UnknownIdentity), html);
        Assert.Contains((JournalAction.GestionCompte, "fin de la liaison ProConnect"), await JournalOfAsync(first.Id));

        // Bound again, then a new address recorded: the binding goes too, and the next sign-in under the new address asks the
        // holder's second factor again.
        Assert.Contains("Compte lié à ProConnect", await LinkAsync(second, email));
        var (bound, _, _) = await SignInAsync(new(sub, email, TwoFactors));
        Assert.Equal("/", (await CodeAsync(bound, second.CurrentCode())).Headers.Location?.OriginalString);
        Assert.Equal(1, await BoundLoginsAsync(sub));
        var newEmail = NewEmail();
        Assert.Contains("Compte lié à ProConnect", await LinkAsync(second, newEmail));
        Assert.Equal(0, await BoundLoginsAsync(sub));
        var (_, _, unknown) = await SignInAsync(new(sub, email, TwoFactors));
        Assert.Contains(ProConnectReturnModel.UnknownIdentity, unknown);
        var (again, _, againHtml) = await SignInAsync(new(sub, newEmail, TwoFactors));
        Assert.Contains(FirstSignInLeadsToCode, againHtml);
        Assert.False(await SignedInAsync(again));
    }
}
