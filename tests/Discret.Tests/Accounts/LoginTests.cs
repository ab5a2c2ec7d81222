using System.Net;
using Discret.Tests.Support;
using Discret.Domain.Accounts;
using Discret.Web.Features.Connexion;
using Microsoft.EntityFrameworkCore;
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
    public async Task Five_failures_lock_the_account_even_against_the_right_password()
    {
        var account = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var session = new StaffSession(app.Anonymous());
        for (var i = 0; i < 5; i++)
            await session.PostFormAsync("/connexion", new() { ["Input.Login"] = account.Login, ["Input.Password"] = $"Mauvais-essai-{i}-xyz!" });
        var response = await session.PostFormAsync("/connexion", new() { ["Input.Login"] = account.Login, ["Input.Password"] = account.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("verrouillé", System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
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
