using System.Net;
using Discret.Domain.Accounts;
using Discret.Tests.Support;
using Discret.Web.Security;
using Discret.Web.Shared;

namespace Discret.Tests.Platform;

/// <summary>« Référence de l'API »: for signed-in staff only, linked from the footer, listing the problem types, under the app's own CSP.</summary>
[Collection(InstallationCollection.Name)]
public class ApiReferencePageTests(DiscretFactory app)
{
    [Fact]
    public async Task Signed_out_the_reference_page_sends_to_the_login_page_like_other_staff_pages()
    {
        var response = await app.Anonymous().GetAsync("/reference-api");
        var otherPage = await app.Anonymous().GetAsync("/notifications");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(otherPage.StatusCode, response.StatusCode);
        Assert.Equal("/connexion", response.Headers.Location!.AbsolutePath);
        Assert.Equal(otherPage.Headers.Location!.AbsolutePath, response.Headers.Location.AbsolutePath);
    }

    [Fact]
    public async Task The_page_lists_every_problem_type_and_loads_the_renderer_from_the_app_under_its_csp()
    {
        var session = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var response = await session.Client.GetAsync("/reference-api");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        foreach (var type in ProblemType.All) Assert.Contains(type.Uri, html);
        Assert.Matches("<script src=\"/lib/swagger-ui/swagger-ui-bundle[^\"]*\\.js\"", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/lib/swagger-ui/swagger-ui-bundle.js")).StatusCode);
    }

    [Fact]
    public async Task The_footer_links_to_the_reference_for_signed_in_staff_only()
    {
        var session = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.TravailleurSocial));
        Assert.Contains("href=\"/reference-api\"", await session.Client.GetStringAsync("/"));
        Assert.DoesNotContain("href=\"/reference-api\"", await app.Anonymous().GetStringAsync("/connexion"));
    }
}
