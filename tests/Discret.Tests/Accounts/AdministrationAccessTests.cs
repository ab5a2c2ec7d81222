using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Tests.Support;
using Discret.Domain.Accounts;

namespace Discret.Tests.Accounts;

[Collection(InstallationCollection.Name)]
public class AdministrationAccessTests(DiscretFactory app)
{
    public static TheoryData<StaffRole> NonAdministrators => new(Enum.GetValues<StaffRole>().Where(r => r != StaffRole.AdminTechnique));

    public static TheoryData<string> AdminPages => new("/administration/comptes", "/administration/comptes/nouveau", "/administration/departement");

    [Theory]
    [MemberData(nameof(NonAdministrators))]
    public async Task Administration_pages_and_api_answer_404_to_every_other_role(StaffRole role)
    {
        var session = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(role));
        var someAccount = await app.CreateAccountAsync(StaffRole.Accueil);
        foreach (var path in new[] { "/administration/comptes", "/administration/comptes/nouveau", "/administration/departement", $"/administration/comptes/{someAccount.Id}" })
        {
            var response = await session.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("Page introuvable", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync("/api/v1/admin/comptes")).StatusCode);
        var post = await session.ApiSendAsync(HttpMethod.Post, $"/api/v1/admin/comptes/{someAccount.Id}/desactivation");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal("application/problem+json", post.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task Administration_pages_send_anonymous_visitors_to_the_login_page(string path)
    {
        var response = await app.Anonymous().GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/connexion", response.Headers.Location!.PathAndQuery());
    }

    [Fact]
    public async Task The_api_answers_401_problem_to_anonymous_callers()
    {
        var response = await app.Anonymous().GetAsync("/api/v1/admin/comptes");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_administrator_sees_the_accounts_and_no_menu_entry_for_case_data()
    {
        var session = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.AdminTechnique));
        var html = await session.Client.GetStringAsync("/administration/comptes");
        Assert.Contains("Comptes des agents", html);
        Assert.Contains("<caption", html);
    }

    [Fact]
    public async Task Creating_an_account_with_bad_input_returns_french_field_errors_and_saves_nothing()
    {
        var admin = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.AdminTechnique));
        var before = (await admin.Client.GetFromJsonAsync<JsonElement>("/api/v1/admin/comptes")).GetProperty("total").GetInt32();
        var response = await admin.ApiSendAsync(HttpMethod.Post, "/api/v1/admin/comptes", new { login = "É!", displayName = "", role = (string?)null, circonscriptionId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.Contains("minuscules", errors.GetProperty("login")[0].GetString());
        Assert.True(errors.TryGetProperty("displayName", out _));
        Assert.True(errors.TryGetProperty("role", out _));
        Assert.True(errors.TryGetProperty("circonscriptionId", out _));
        Assert.Equal(before, (await admin.Client.GetFromJsonAsync<JsonElement>("/api/v1/admin/comptes")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("{\"login\": ")]
    [InlineData("{\"login\": \"a.b\", \"role\": \"Empereur\"}")]
    [InlineData("[1,2,3]")]
    public async Task Malformed_json_gets_a_french_problem_not_a_500(string body)
    {
        var admin = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.AdminTechnique));
        var response = await admin.ApiSendAsync(HttpMethod.Post, "/api/v1/admin/comptes", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Requête invalide", problem.GetProperty("title").GetString());
        Assert.DoesNotContain("Exception", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_api_write_without_the_antiforgery_token_is_refused()
    {
        var admin = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.AdminTechnique));
        var target = await app.CreateAccountAsync(StaffRole.Accueil);
        var response = await admin.ApiSendAsync(HttpMethod.Post, $"/api/v1/admin/comptes/{target.Id}/desactivation", withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await StaffSession.LoginAsync(app, target); // still active
    }

    [Fact]
    public async Task Changing_a_role_takes_effect_once_confirmed_and_the_last_administrator_cannot_be_removed()
    {
        var admin = await app.CreateAccountAsync(StaffRole.AdminTechnique);
        var session = await StaffSession.LoginAsync(app, admin);
        var target = await app.CreateAccountAsync(StaffRole.Accueil);
        var circonscriptions = await session.Client.GetFromJsonAsync<JsonElement>("/api/v1/admin/circonscriptions");
        var change = await session.ApiSendAsync(HttpMethod.Put, $"/api/v1/admin/comptes/{target.Id}/affectation",
            new { role = "TravailleurSocial", circonscriptionId = circonscriptions[1].GetProperty("id").GetGuid() });
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Contains("responsable de la circonscription", (await change.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("awaitingConfirmationBy").GetString());
        Assert.Contains("data-awaiting-confirmation", await (await StaffSession.LoginAsync(app, target)).Client.GetStringAsync("/"));
        await AccountRequestScenario.ConfirmAsync(await AccountRequestScenario.ConfirmerAsync(app, StaffRole.TravailleurSocial, circonscription: 1), target.Id);
        var targetSession = await StaffSession.LoginAsync(app, target);
        Assert.Contains("data-role-home=\"TravailleurSocial\"", await targetSession.Client.GetStringAsync("/"));

        var self = await session.ApiSendAsync(HttpMethod.Post, $"/api/v1/admin/comptes/{admin.Id}/desactivation");
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
    }

    [Fact]
    public async Task The_admin_creates_an_account_through_the_pages_and_is_told_who_confirms_it_never_its_link()
    {
        var admin = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.AdminTechnique));
        var circonscription = (await admin.Client.GetFromJsonAsync<JsonElement>("/api/v1/admin/circonscriptions"))[0].GetProperty("id").GetGuid();
        await app.CreateAccountAsync(StaffRole.ResponsableCirconscription, circonscription: 0);
        var login = "page." + Guid.NewGuid().ToString("N")[..6];
        var created = await admin.PostFormAsync("/administration/comptes/nouveau", new()
        {
            ["Input.DisplayName"] = "Agent Créé", ["Input.Login"] = login, ["Input.Role"] = "Secretariat", ["Input.CirconscriptionId"] = circonscription.ToString(),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var accountPage = WebUtility.HtmlDecode(await admin.Client.GetStringAsync(created.Headers.Location!.OriginalString));
        Assert.Contains("Il attend la confirmation de la ou le responsable de la circonscription", accountPage);
        Assert.DoesNotContain(AccountRequestScenario.LinkMarker, accountPage);

        var duplicate = await admin.PostFormAsync("/administration/comptes/nouveau", new()
        {
            ["Input.DisplayName"] = "Autre", ["Input.Login"] = login, ["Input.Role"] = "Secretariat", ["Input.CirconscriptionId"] = circonscription.ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains("déjà utilisé", WebUtility.HtmlDecode(await duplicate.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_forged_role_value_in_the_form_gets_a_french_message_and_creates_nothing()
    {
        var admin = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.AdminTechnique));
        var login = "forge." + Guid.NewGuid().ToString("N")[..6];
        var response = await admin.PostFormAsync("/administration/comptes/nouveau", new()
        {
            ["Input.DisplayName"] = "Agent", ["Input.Login"] = login, ["Input.Role"] = "Empereur", ["Input.CirconscriptionId"] = "pas-un-guid",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Cette valeur n'est pas valide", html);
        Assert.Contains("href=\"#Input_Role\"", html);
        await app.WithDbAsync(async db => Assert.False(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Users, u => u.UserName == login)));
    }
}
