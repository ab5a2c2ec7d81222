using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Discret.Tests.Support;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Accounts;

[Collection(InstallationCollection.Name)]
public partial class AccountSetupTests(DiscretFactory app)
{
    [GeneratedRegex("id=\"secret-key\">([A-Z2-7 ]+)<")]
    private static partial Regex SecretKey();

    /// <summary>Created by an administrator, confirmed by a head of circonscription, who receives the link.</summary>
    private async Task<(Guid Id, string Token)> CreateThroughApiAsync(StaffRole role)
    {
        var admin = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.AdminTechnique));
        var (id, _) = await AccountRequestScenario.CreateThroughApiAsync(admin, role);
        var token = await AccountRequestScenario.ConfirmAsync(await AccountRequestScenario.ConfirmerAsync(app, role), id);
        return (id, token!);
    }

    private Task<StaffSession> ActivateAsync(string token, string password = "Quartz-Lagune-77-Vert!") =>
        AccountRequestScenario.ActivateAsync(app, token, password);

    [Fact]
    public async Task Without_a_second_factor_every_page_leads_to_enrolment()
    {
        var (_, token) = await CreateThroughApiAsync(StaffRole.TravailleurSocial);
        var session = await ActivateAsync(token);
        foreach (var path in new[] { "/", "/compte/charte", "/administration/comptes", "/compte/mot-de-passe" })
        {
            var response = await session.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/compte/double-authentification", response.Headers.Location?.OriginalString);
        }
        var api = await session.Client.GetAsync("/api/v1/moi");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/compte/double-authentification")).StatusCode);
    }

    [Fact]
    public async Task Enrolment_with_a_valid_code_shows_recovery_codes_then_the_charter_then_home()
    {
        var (id, token) = await CreateThroughApiAsync(StaffRole.Accueil);
        var session = await ActivateAsync(token);
        var page = await session.Client.GetStringAsync("/compte/double-authentification");
        Assert.Contains("data:image/png;base64,", page); // the QR code is rendered by Discret itself
        var secret = SecretKey().Match(page).Groups[1].Value.Replace(" ", "");
        Assert.NotEmpty(secret);

        var wrong = await session.PostFormAsync("/compte/double-authentification", new() { ["Input.Code"] = "12345" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("6 chiffres", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()));

        var enrolled = await session.PostFormAsync("/compte/double-authentification", new() { ["Input.Code"] = StaffSession.CodeFor(secret) });
        Assert.Equal("/compte/codes-de-secours", enrolled.Headers.Location?.OriginalString);
        var codes = await session.Client.GetStringAsync("/compte/codes-de-secours");
        Assert.Contains("ne seront plus jamais affichés", WebUtility.HtmlDecode(codes));
        Assert.DoesNotContain("ne seront plus jamais affichés", WebUtility.HtmlDecode(await session.Client.GetStringAsync("/compte/codes-de-secours")));

        Assert.Equal("/compte/charte", (await session.Client.GetAsync("/")).Headers.Location?.OriginalString);
        var refused = await session.PostFormAsync("/compte/charte", new() { ["Input.Accept"] = "false" });
        Assert.Contains("Cochez la case", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        var accepted = await session.PostFormAsync("/compte/charte", new() { ["Input.Accept"] = "true" });
        Assert.Equal("/", accepted.Headers.Location?.OriginalString);
        Assert.Contains("data-role-home=\"Accueil\"", await session.Client.GetStringAsync("/"));

        await app.WithDbAsync(async db =>
        {
            var account = await db.Users.SingleAsync(u => u.Id == id);
            Assert.NotNull(account.CharterAcceptedAt);
            Assert.True(account.TwoFactorEnabled);
        });
    }

    [Fact]
    public async Task An_activation_link_works_once()
    {
        var (_, token) = await CreateThroughApiAsync(StaffRole.Secretariat);
        await ActivateAsync(token);
        var again = await new StaffSession(app.Anonymous()).Client.GetStringAsync("/activation?jeton=" + token);
        Assert.Contains("Lien non valable", again);
    }

    [Theory]
    [InlineData(99)]
    [InlineData(-1)]
    [InlineData(0)]
    public async Task A_role_given_as_a_number_is_refused_in_french_and_no_account_is_created(int role)
    {
        var admin = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.AdminTechnique));
        var circonscriptions = await admin.Client.GetFromJsonAsync<JsonElement>("/api/v1/admin/circonscriptions");
        var login = "nombre." + Guid.NewGuid().ToString("N")[..8];
        var response = await admin.ApiSendAsync(HttpMethod.Post, "/api/v1/admin/comptes",
            new { login, displayName = "Agent Nombre", role, circonscriptionId = circonscriptions[0].GetProperty("id").GetGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Requête invalide", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        await app.WithDbAsync(async db => Assert.False(await db.Users.AnyAsync(u => u.UserName == login)));
    }

    [Theory]
    [InlineData("/activation?jeton=")]
    [InlineData("/activation")]
    [InlineData("/activation?jeton=zz")]
    public async Task An_activation_link_without_a_usable_token_says_so_in_french(string url)
    {
        var response = await app.Anonymous().GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Lien non valable", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_weak_password_at_activation_is_refused_and_the_link_stays_valid()
    {
        var (id, token) = await CreateThroughApiAsync(StaffRole.Secretariat);
        var session = new StaffSession(app.Anonymous());
        var response = await session.PostFormAsync("/activation", new() { ["jeton"] = token, ["Input.Password"] = "Xq7!vR2m", ["Input.Confirmation"] = "Xq7!vR2m" },
            pageUrl: "/activation?jeton=" + token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("trop faible", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        await app.WithDbAsync(async db =>
        {
            var account = await db.Users.SingleAsync(u => u.Id == id);
            Assert.Null(account.PasswordHash);
            Assert.NotNull(account.ActivationTokenHash);
        });
        await ActivateAsync(token); // still usable with a good password
    }

    [Fact]
    public async Task A_privileged_account_with_an_old_password_must_renew_it_first()
    {
        var admin = await app.CreateAccountAsync(StaffRole.AdminTechnique);
        await app.WithDbAsync(async db =>
        {
            var account = await db.Users.SingleAsync(u => u.Id == admin.Id);
            db.Entry(account).Property(a => a.PasswordChangedAt).CurrentValue = DateTime.UtcNow.AddDays(-400);
            await db.SaveChangesAsync();
        });
        var session = await StaffSession.LoginAsync(app, admin);
        Assert.Equal("/compte/mot-de-passe", (await session.Client.GetAsync("/administration/comptes")).Headers.Location?.OriginalString);
        var changed = await session.PostFormAsync("/compte/mot-de-passe", new()
        {
            ["Input.Current"] = admin.Password, ["Input.Password"] = "Nouveau-Quartz-2027!", ["Input.Confirmation"] = "Nouveau-Quartz-2027!",
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/administration/comptes")).StatusCode);
    }

    [Fact]
    public async Task Guessing_the_current_password_on_the_change_page_is_journaled_and_the_fifth_wrong_guess_locks_the_account_and_ends_its_session()
    {
        var ts = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var session = await StaffSession.LoginAsync(app, ts);
        Task<HttpResponseMessage> Guess(int i) => session.PostFormAsync("/compte/mot-de-passe", new()
        {
            ["Input.Current"] = $"Devine-{i}-Quartz-2027!", ["Input.Password"] = "Nouveau-Quartz-2027!", ["Input.Confirmation"] = "Nouveau-Quartz-2027!",
        });
        for (var i = 1; i <= 4; i++)
        {
            var wrong = await Guess(i);
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("Le mot de passe actuel n&#x27;est pas le bon.", await wrong.Content.ReadAsStringAsync());
        }
        var fifth = await Guess(5);
        Assert.Equal(HttpStatusCode.Redirect, fifth.StatusCode);
        Assert.StartsWith("/connexion", fifth.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync("/")).StatusCode); // the session is over

        var account = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().Users.AsNoTracking().SingleAsync(a => a.Id == ts.Id));
        Assert.True(account.LockoutEnd > DateTimeOffset.UtcNow);
        var failures = await app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AsNoTracking()
            .Where(e => e.AccountId == ts.Id && e.Action == Discret.Domain.Journal.JournalAction.EchecConnexion).Select(e => e.Detail).ToListAsync());
        Assert.Equal(4, failures.Count(d => d == "changement de mot de passe : mot de passe actuel"));
        Assert.Contains("changement de mot de passe : compte verrouillé", failures);
    }

    [Fact]
    public async Task A_standard_account_is_never_forced_to_change_its_password()
    {
        var ts = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        await app.WithDbAsync(async db =>
        {
            var account = await db.Users.SingleAsync(u => u.Id == ts.Id);
            db.Entry(account).Property(a => a.PasswordChangedAt).CurrentValue = DateTime.UtcNow.AddDays(-4000);
            await db.SaveChangesAsync();
        });
        var session = await StaffSession.LoginAsync(app, ts);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task An_account_that_has_not_accepted_the_charter_is_sent_to_it()
    {
        var session = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo, charter: false));
        Assert.Equal("/compte/charte", (await session.Client.GetAsync("/")).Headers.Location?.OriginalString);
    }

    /// <summary>
    /// The charter tells each worker what Discret keeps about them and the rules of the DPO's alerts (issue 17 §2), and
    /// no longer promises that the journal never measures activity, which the alerts contradict.
    /// </summary>
    [Fact]
    public async Task The_charter_states_what_is_kept_about_the_worker_and_the_rules_of_the_alerts()
    {
        var session = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.TravailleurSocial, charter: false));
        var charter = await session.PageTextAsync("/compte/charte");
        var alerts = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Discret.Web.Features.Journal.JournalAlertSettings>>().Value;
        foreach (var rule in alerts.Rules()) Assert.Contains(rule, charter);
        foreach (var category in StaffCatalogue.Fields.Select(f => f.Category).Distinct()) Assert.Contains(category.Label(), charter);
        Assert.DoesNotContain("mesurer votre activité", charter);
        Assert.Contains("aucun classement, aucune statistique par professionnel", charter);
    }
}
