using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Tests.Support;
using Discret.Domain.Accounts;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Discret.Tests.Accounts;

/// <summary>
/// Runs Discret on a clock the test moves, so idle timeout and absolute lifetime are proven without waiting; and proves
/// that a session ended on the server (logout, deactivation, reset, role change, new password) is refused at once, even
/// to a copy of its cookie.
/// </summary>
public sealed class SessionLifetimeTests : IAsyncLifetime
{
    private readonly DiscretFactory _app = new() { Clock = new FakeTimeProvider(DateTimeOffset.UtcNow) };
    private static readonly Uri Site = new("http://localhost");

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_session_idle_for_fifteen_minutes_is_over()
    {
        var session = await StaffSession.LoginAsync(_app, await _app.CreateAccountAsync(StaffRole.TravailleurSocial));
        _app.Clock!.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/")).StatusCode); // activity renews the session
        _app.Clock.Advance(TimeSpan.FromMinutes(16));
        await AssertEndedAsync(session.Client);
    }

    [Fact]
    public async Task A_session_cookie_copied_before_logout_is_refused_after_it_on_pages_and_on_the_api()
    {
        var account = await _app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var (session, cookie) = await LoginKeepingCookieAsync(account);
        var copy = Replaying(cookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/")).StatusCode); // the copy works while the session is open

        Assert.Equal(HttpStatusCode.Redirect, (await session.PostFormAsync("/deconnexion", [], pageUrl: "/")).StatusCode);

        await AssertEndedAsync(copy);
        Assert.Equal(0, await OpenSessionsAsync(account.Id)); // ended on the server, not only forgotten by the browser
    }

    [Fact]
    public async Task A_session_kept_alive_by_activity_ends_at_its_absolute_lifetime_of_ten_hours()
    {
        var session = await StaffSession.LoginAsync(_app, await _app.CreateAccountAsync(StaffRole.Accueil));
        for (var i = 0; i < 49; i++) // 9 h 48 of activity, a request every 12 minutes: never idle
        {
            _app.Clock!.Advance(TimeSpan.FromMinutes(12));
            Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/api/v1/moi")).StatusCode);
        }
        // « Rester connecté » near the end: the session may now stay idle only until its absolute end (12 minutes).
        var prolonged = await session.ApiSendAsync(HttpMethod.Post, "/session/prolonger");
        Assert.Equal(HttpStatusCode.OK, prolonged.StatusCode);
        Assert.InRange((await prolonged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secondes").GetInt32(), 1, 12 * 60);

        _app.Clock!.Advance(TimeSpan.FromMinutes(13)); // 10 h 01 after the sign-in
        await AssertEndedAsync(session.Client);
    }

    [Fact]
    public async Task The_hourly_purge_deletes_the_sessions_past_their_absolute_end_and_keeps_the_others()
    {
        var account = await _app.CreateAccountAsync(StaffRole.Accueil);
        var now = _app.Clock!.GetUtcNow().UtcDateTime;
        var over = new ServerSession(account.Id, now.AddHours(-11), now.AddHours(-1));
        var open = new ServerSession(account.Id, now.AddHours(-1), now.AddHours(9));
        await _app.WithDbAsync(db => { db.ServerSessions.AddRange(over, open); return db.SaveChangesAsync(); });

        await _app.WithAsync(sp => sp.GetRequiredService<Discret.Web.Security.Sessions.ServerSessions>().PurgeAsync(CancellationToken.None));

        var left = await _app.WithAsync(sp => sp.GetRequiredService<Discret.Data.DiscretDbContext>().ServerSessions
            .Where(s => s.AccountId == account.Id).Select(s => s.Id).ToListAsync());
        Assert.Equal([open.Id], left);
    }

    [Fact]
    public async Task Deactivating_an_account_ends_its_open_sessions_at_once()
    {
        var target = await _app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var (_, cookie) = await LoginKeepingCookieAsync(target);
        var admin = await StaffSession.LoginAsync(_app, await _app.CreateAccountAsync(StaffRole.AdminTechnique));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.ApiSendAsync(HttpMethod.Post, $"/api/v1/admin/comptes/{target.Id}/desactivation")).StatusCode);
        await AssertEndedAsync(Replaying(cookie)); // no clock moved: not at the next security-stamp check, now
    }

    [Fact]
    public async Task Resetting_an_account_ends_its_open_sessions_at_once()
    {
        var target = await _app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var (_, cookie) = await LoginKeepingCookieAsync(target);
        var admin = await StaffSession.LoginAsync(_app, await _app.CreateAccountAsync(StaffRole.AdminTechnique));
        Assert.Equal(HttpStatusCode.Accepted, (await admin.ApiSendAsync(HttpMethod.Post, $"/api/v1/admin/comptes/{target.Id}/reinitialisation")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Replaying(cookie).GetAsync("/")).StatusCode); // asked, not confirmed: nothing changed yet
        await AccountRequestScenario.ConfirmAsync(await AccountRequestScenario.ConfirmerAsync(_app, StaffRole.TravailleurSocial), target.Id);
        await AssertEndedAsync(Replaying(cookie));
    }

    [Fact]
    public async Task Changing_the_role_of_an_account_ends_its_open_sessions_at_once()
    {
        var target = await _app.CreateAccountAsync(StaffRole.Secretariat);
        var (_, cookie) = await LoginKeepingCookieAsync(target);
        var admin = await StaffSession.LoginAsync(_app, await _app.CreateAccountAsync(StaffRole.AdminTechnique));
        var circonscription = await _app.WithAsync(sp => sp.GetRequiredService<Discret.Data.DiscretDbContext>().Circonscriptions.OrderBy(c => c.Name).Select(c => c.Id).FirstAsync());
        var changed = await admin.ApiSendAsync(HttpMethod.Put, $"/api/v1/admin/comptes/{target.Id}/affectation",
            new { role = nameof(StaffRole.Accueil), circonscriptionId = circonscription });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode); // asked: the account reaches nothing until it is confirmed
        await AssertEndedAsync(Replaying(cookie));
    }

    [Fact]
    public async Task A_new_password_ends_the_accounts_other_sessions_and_keeps_the_one_that_changed_it()
    {
        var account = await _app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var (here, _) = await LoginKeepingCookieAsync(account);
        var (_, elsewhere) = await LoginKeepingCookieAsync(account);
        var changed = await here.PostFormAsync("/compte/mot-de-passe", new()
        {
            ["Input.Current"] = account.Password, ["Input.Password"] = "Autre-Lagune-Quartz9-Halo", ["Input.Confirmation"] = "Autre-Lagune-Quartz9-Halo",
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.Client.GetAsync("/")).StatusCode);
        await AssertEndedAsync(Replaying(elsewhere));
    }

    [Fact]
    public async Task Taking_minutes_to_scan_the_enrolment_code_does_not_end_the_session()
    {
        var account = await _app.CreateAccountAsync(StaffRole.Accueil, enrolled: false);
        var session = await StaffSession.LoginAsync(_app, account); // no second factor yet: signed in, sent to enrolment
        var page = await session.Client.GetStringAsync("/compte/double-authentification"); // makes the key: a new security stamp
        var key = System.Text.RegularExpressions.Regex.Match(page, "id=\"secret-key\">([A-Z2-7 ]+)<").Groups[1].Value.Replace(" ", "");
        Assert.NotEmpty(key);
        _app.Clock!.Advance(TimeSpan.FromMinutes(3)); // past the security-stamp check interval, within the idle timeout
        var code = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(_app.Clock.GetUtcNow().UtcDateTime); // the code of Discret's time
        var enrolled = await session.PostFormAsync("/compte/double-authentification", new() { ["Input.Code"] = code });
        Assert.Equal("/compte/codes-de-secours", enrolled.Headers.Location?.OriginalString);
    }

    /// <summary>Signs in through a client whose cookies the test can read, and returns the session cookie as a header value.</summary>
    private async Task<(StaffSession Session, string Cookie)> LoginKeepingCookieAsync(TestAccount account)
    {
        var cookies = new CookieContainer();
        await _app.ForgetTotpStepAsync(account.Login); // a TOTP code opens one session: the test signs in twice within 30 seconds
        var session = await StaffSession.LoginAsync(_app.CreateDefaultClient(Site, new CookieContainerHandler(cookies)), account, _app.Clock!.GetUtcNow().UtcDateTime);
        var cookie = cookies.GetCookies(Site)["discret.session"] ?? throw new InvalidOperationException("No session cookie after sign-in.");
        return (session, $"{cookie.Name}={cookie.Value}");
    }

    /// <summary>Another client sending a copy of the cookie (as one stolen, or kept from before logout, would be).</summary>
    private HttpClient Replaying(string cookie)
    {
        var client = _app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private static async Task AssertEndedAsync(HttpClient client)
    {
        var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/connexion", page.Headers.Location!.PathAndQuery());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/moi")).StatusCode);
    }

    private Task<int> OpenSessionsAsync(Guid accountId) =>
        _app.WithAsync(sp => sp.GetRequiredService<Discret.Data.DiscretDbContext>().ServerSessions.CountAsync(s => s.AccountId == accountId));
}
