using System.Net;
using Discret.Tests.Support;
using Discret.Domain.Accounts;
using Discret.Web.Features.Connexion;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Discret.Tests.Accounts;

[Collection(InstallationCollection.Name)]
public class LoginTests(DiscretFactory app)
{
    [Theory]
    [InlineData(StaffRole.Accueil)]
    [InlineData(StaffRole.Secretariat)]
    [InlineData(StaffRole.TravailleurSocial)]
    [InlineData(StaffRole.ResponsableCirconscription)]
    [InlineData(StaffRole.Direction)]
    [InlineData(StaffRole.Dpo)]
    [InlineData(StaffRole.AdminTechnique)]
    public async Task Each_role_signs_in_with_password_and_totp_and_lands_on_its_home(StaffRole role)
    {
        var session = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(role));
        var home = await session.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains($"data-role-home=\"{role}\"", await home.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_demo_accounts_work_with_the_documented_password_and_secret()
    {
        var session = await StaffSession.LoginAsDemoAsync(app, StaffRole.Direction);
        Assert.Contains("data-role-home=\"Direction\"", await session.Client.GetStringAsync("/"));
    }

    [Fact]
    public async Task A_correct_password_alone_does_not_open_a_session()
    {
        var account = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var session = new StaffSession(app.Anonymous());
        var response = await session.PostFormAsync("/connexion", new() { ["Input.Login"] = account.Login, ["Input.Password"] = account.Password });
        Assert.Equal("/connexion/code", response.Headers.Location?.OriginalString);
        var home = await session.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/connexion", home.Headers.Location!.PathAndQuery());
    }

    [Fact]
    public async Task A_wrong_password_gets_a_french_message_next_to_the_field()
    {
        var account = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var response = await new StaffSession(app.Anonymous())
            .PostFormAsync("/connexion", new() { ["Input.Login"] = account.Login, ["Input.Password"] = "Pas-le-bon-mot-2026" });
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(LoginModel.WrongCredentials), html);
        Assert.Contains("aria-describedby=\"Input_Password-error\"", html);
        Assert.Contains("href=\"#Input_Password\"", html); // the error summary links to the field
    }

    [Fact]
    public async Task An_empty_login_form_lists_both_missing_fields()
    {
        var response = await new StaffSession(app.Anonymous()).PostFormAsync("/connexion", new() { ["Input.Login"] = "", ["Input.Password"] = "" });
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Saisissez votre identifiant.", html);
        Assert.Contains("Saisissez votre mot de passe.", html);
    }

    [Fact]
    public async Task A_wrong_totp_code_is_refused_with_a_french_message()
    {
        var account = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var session = new StaffSession(app.Anonymous());
        await session.PostFormAsync("/connexion", new() { ["Input.Login"] = account.Login, ["Input.Password"] = account.Password });
        var wrong = account.CurrentCode() == "000000" ? "111111" : "000000";
        var response = await session.PostFormAsync("/connexion/code", new() { ["Input.Code"] = wrong });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(SecondFactorModel.WrongCode), await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Four_wrong_codes_posted_at_the_same_moment_are_each_refused_journaled_and_counted()
    {
        var account = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var sessions = new List<StaffSession>();
        for (var i = 0; i < 4; i++)
        {
            var session = new StaffSession(app.Anonymous());
            await session.PostFormAsync("/connexion", new() { ["Input.Login"] = account.Login, ["Input.Password"] = account.Password });
            sessions.Add(session);
        }
        var wrong = account.CurrentCode() == "000000" ? "111111" : "000000";

        var answers = await Task.WhenAll(sessions.Select(s => Task.Run(() => s.PostFormAsync("/connexion/code", new() { ["Input.Code"] = wrong }))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode)); // the form again, never « indisponible » (503)
        Assert.Equal(4, await app.WithAsync(sp => sp.GetRequiredService<Discret.Data.DiscretDbContext>().Users.AsNoTracking()
            .Where(a => a.Id == account.Id).Select(a => a.AccessFailedCount).SingleAsync()));
        Assert.Equal(4, await app.WithAsync(sp => sp.GetRequiredService<Discret.Data.DiscretDbContext>().JournalEntries
            .CountAsync(e => e.AccountId == account.Id && e.Action == Discret.Domain.Journal.JournalAction.EchecSecondFacteur)));
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_against_the_right_password_and_the_dpo_sees_the_lock()
    {
        var account = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var session = new StaffSession(app.Anonymous());
        for (var i = 0; i < 5; i++)
            await session.PostFormAsync("/connexion", new() { ["Input.Login"] = account.Login, ["Input.Password"] = $"Mauvais-essai-{i}-xyz!" });
        var response = await session.PostFormAsync("/connexion", new() { ["Input.Login"] = account.Login, ["Input.Password"] = account.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // back on the form, not on to the code step
        // The person typing is not told that the account exists and is locked; the journal tells the DPO.
        Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(LoginModel.WrongCredentials), await response.Content.ReadAsStringAsync());
        var details = await app.WithAsync(sp => sp.GetRequiredService<Discret.Data.DiscretDbContext>().JournalEntries
            .Where(e => e.AccountId == account.Id && e.Action == Discret.Domain.Journal.JournalAction.EchecConnexion).Select(e => e.Detail).ToListAsync());
        Assert.Equal(2, details.Count(d => d == "compte verrouillé")); // the fifth failure locks, the sixth attempt meets the lock
    }

    [Fact]
    public async Task Unknown_login_wrong_password_locked_and_deactivated_accounts_get_the_same_page()
    {
        var wrong = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var locked = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var deactivated = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        await app.WithAsync(async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffAccount>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(locked.Id.ToString()))!, DateTimeOffset.UtcNow.AddHours(1));
            var gone = (await users.FindByIdAsync(deactivated.Id.ToString()))!;
            gone.Deactivate(DateTime.UtcNow);
            return await users.UpdateAsync(gone);
        });

        async Task<string> AnswerTo(string login, string password)
        {
            var response = await new StaffSession(app.Anonymous()).PostFormAsync("/connexion", new() { ["Input.Login"] = login, ["Input.Password"] = password });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            // What differs by nature: the login typed back into its field, and the antiforgery token of each form.
            html = html.Replace($"value=\"{login}\"", "value=\"(identifiant)\"");
            return System.Text.RegularExpressions.Regex.Replace(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"", "(jeton)");
        }

        var unknown = await AnswerTo("inconnu." + Guid.NewGuid().ToString("N")[..8], "Pas-le-bon-mot-2026");
        Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(LoginModel.WrongCredentials), unknown);
        Assert.Equal(unknown, await AnswerTo(wrong.Login, "Pas-le-bon-mot-2026"));
        Assert.Equal(unknown, await AnswerTo(locked.Login, locked.Password));
        Assert.Equal(unknown, await AnswerTo(deactivated.Login, deactivated.Password));
    }

    [Fact]
    public async Task Every_failed_login_checks_one_password_hash_and_waits_the_same_delay_whether_the_account_exists_or_not()
    {
        var hasher = new CountingHasher();
        await using var slow = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Discret:Security:FailureDelayBase", "00:00:00.300");
            b.ConfigureServices(s => s.AddSingleton<Microsoft.AspNetCore.Identity.IPasswordHasher<StaffAccount>>(hasher));
        });
        var wrong = await app.CreateAccountAsync(StaffRole.Secretariat);
        var locked = await app.CreateAccountAsync(StaffRole.Secretariat);
        await app.WithAsync(async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffAccount>>();
            return await users.SetLockoutEndDateAsync((await users.FindByIdAsync(locked.Id.ToString()))!, DateTimeOffset.UtcNow.AddHours(1));
        });

        foreach (var (login, password) in new[] { ("inconnu." + Guid.NewGuid().ToString("N")[..8], "Pas-le-bon-mot-2026"), (wrong.Login, "Pas-le-bon-mot-2026"), (locked.Login, locked.Password) })
        {
            var session = new StaffSession(slow.CreateClient(new() { AllowAutoRedirect = false }));
            var token = await session.AntiforgeryTokenAsync("/connexion");
            var checkedBefore = hasher.Verifications;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var response = await session.Client.PostAsync("/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Login"] = login, ["Input.Password"] = password, ["__RequestVerificationToken"] = token,
            }));
            watch.Stop();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(1, hasher.Verifications - checkedBefore);
            // The first failure of each typed login waits the base delay (300 ms), measured from the start of the request.
            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(290), $"{login}: answered in {watch.ElapsedMilliseconds} ms");
        }
    }

    /// <summary>Identity's own hasher, counting the passwords it checks.</summary>
    private sealed class CountingHasher : Microsoft.AspNetCore.Identity.IPasswordHasher<StaffAccount>
    {
        private readonly Microsoft.AspNetCore.Identity.PasswordHasher<StaffAccount> _inner = new();
        private int _verifications;
        public int Verifications => Volatile.Read(ref _verifications);
        public string HashPassword(StaffAccount user, string password) => _inner.HashPassword(user, password);
        public Microsoft.AspNetCore.Identity.PasswordVerificationResult VerifyHashedPassword(StaffAccount user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task A_deactivated_account_cannot_sign_in()
    {
        var account = await app.CreateAccountAsync(StaffRole.Secretariat);
        var admin = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.AdminTechnique));
        var deactivate = await admin.ApiSendAsync(HttpMethod.Post, $"/api/v1/admin/comptes/{account.Id}/desactivation");
        Assert.Equal(HttpStatusCode.NoContent, deactivate.StatusCode);
        var response = await new StaffSession(app.Anonymous()).PostFormAsync("/connexion", new() { ["Input.Login"] = account.Login, ["Input.Password"] = account.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // back on the form, not redirected to the code step
        Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(LoginModel.WrongCredentials), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Logout_ends_the_session()
    {
        var session = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var logout = await session.PostFormAsync("/deconnexion", [], pageUrl: "/");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        var home = await session.Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/connexion", home.Headers.Location!.PathAndQuery());
    }

    [Fact]
    public async Task A_recovery_code_replaces_the_totp_code_once()
    {
        var account = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var codes = await app.WithAsync(async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<StaffAccount>>();
            return (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(account.Id.ToString()))!, 2))!.ToList();
        });
        async Task<HttpResponseMessage> UseCode()
        {
            var session = new StaffSession(app.Anonymous());
            await session.PostFormAsync("/connexion", new() { ["Input.Login"] = account.Login, ["Input.Password"] = account.Password });
            return await session.PostFormAsync("/connexion/code-de-secours", new() { ["Input.Code"] = codes[0] });
        }
        Assert.Equal(HttpStatusCode.Redirect, (await UseCode()).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await UseCode()).StatusCode); // second use: refused, back on the form
    }
}

internal static class UriExtensions
{
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
