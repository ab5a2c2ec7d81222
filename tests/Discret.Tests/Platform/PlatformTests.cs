using System.Net;
using System.Text.Json;
using Discret.Tests.Support;
using Discret.Data;
using Discret.Domain.Accounts;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Discret.Tests.Platform;

[Collection(InstallationCollection.Name)]
public class PlatformTests(DiscretFactory app)
{
    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        var response = await app.Anonymous().GetAsync("/connexion");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Session_and_antiforgery_cookies_are_http_only_and_strict()
    {
        var account = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var client = app.Anonymous();
        var page = await client.GetAsync("/connexion");
        var html = await page.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Login"] = account.Login, ["Input.Password"] = account.Password, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        }));
        var cookies = page.Headers.GetValues("Set-Cookie").Concat(response.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith("discret.af="));
        Assert.Contains(cookies, c => c.StartsWith("discret.2fa="));
        Assert.All(cookies, c =>
        {
            Assert.Contains("httponly", c.ToLowerInvariant());
            Assert.Contains("samesite=strict", c.ToLowerInvariant());
        });
    }

    [Fact]
    public async Task Over_https_the_cookies_are_secure()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://discret.example"), AllowAutoRedirect = false });
        var response = await client.GetAsync("/connexion");
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c.ToLowerInvariant()));
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Over_https_browsers_are_told_to_keep_to_https_for_a_year_subdomains_included()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://discret.example"), AllowAutoRedirect = false });
        var response = await client.GetAsync("/connexion");
        var hsts = response.Headers.GetValues("Strict-Transport-Security").Single();
        var maxAge = long.Parse(System.Text.RegularExpressions.Regex.Match(hsts, @"max-age=(\d+)").Groups[1].Value);
        Assert.True(maxAge >= 31_536_000, hsts);
        Assert.Contains("includeSubDomains", hsts);
    }

    [Fact]
    public async Task Health_reports_the_database_without_detail()
    {
        var response = await app.Anonymous().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_schema_matches_the_model_with_no_pending_migration() =>
        await app.WithDbAsync(async db =>
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration for this provider.");
        });

    [Fact]
    public async Task Demo_mode_loads_two_circonscriptions_an_account_per_role_and_hundreds_of_persons() =>
        await app.WithDbAsync(async db =>
        {
            Assert.True(await db.Circonscriptions.CountAsync() >= 2);
            foreach (var role in Enum.GetValues<StaffRole>())
                Assert.True(await db.Users.AnyAsync(u => u.Role == role), $"No demo account for {role}");
            Assert.True(await db.Persons.CountAsync() >= 200);
            Assert.True(await db.FollowUps.CountAsync() > 20);
            Assert.True(await db.Interviews.CountAsync() > 20);
        });

    /// <summary>The public surface is a closed list: any other endpoint must require a signed-in account.</summary>
    [Fact]
    public void Only_the_listed_endpoints_are_reachable_without_an_account()
    {
        string[] expectedPublic =
        [
            "/", "/connexion", "/connexion/code", "/connexion/code-de-secours", "/deconnexion", "/activation",
            // ProConnect (issue 20 §5): back from the provider (the OpenID Connect callback itself is the handler's, not an endpoint).
            "/connexion/proconnect/retour",
            "/accessibilite", "/code-source", "/statut/{code:int}", "/theme.css", "/departement/logo", "/health", "/health/ready", "/health/live",
            // Agenda (issue 16): a worker's calendar feed, read by a calendar application; the secret in the address is the key.
            "/agenda/ical/{secret}",
        ];
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.NotEmpty(endpoints);
        var anonymous = endpoints
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Where(e => !IsStaticAsset(e))
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct().ToList();
        Assert.All(anonymous, path => Assert.Contains(path, expectedPublic.Except(["/"])));
        var home = endpoints.Single(e => e.RoutePattern.RawText is "" or "/" && e.Metadata.GetMetadata<IAllowAnonymous>() is null);
        Assert.NotNull(home);
    }

    private static bool IsStaticAsset(RouteEndpoint e) =>
        e.Metadata.Any(m => m.GetType().Name.Contains("StaticAsset", StringComparison.Ordinal));

    /// <summary>
    /// Past the fallback (any signed-in account), each page and endpoint says who reaches it: a policy its module names, or
    /// explicitly anyone. A page whose folder no module declares, or a convention that no longer reaches it, fails here.
    /// </summary>
    [Fact]
    public async Task Every_page_and_endpoint_names_a_known_policy_or_is_explicitly_public()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !IsStaticAsset(e) && !e.RoutePattern.RawText!.Contains(":file}")).ToList();
        Assert.True(endpoints.Count(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null) > 50, "The endpoint walk found too few pages to be trusted.");
        var policies = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var problems = new List<string>();
        foreach (var endpoint in endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null))
        {
            var route = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var named = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Where(p => !string.IsNullOrEmpty(p)).ToList();
            if (named.Count == 0) problems.Add($"{route}: no policy named");
            foreach (var policy in named)
                if (await policies.GetPolicyAsync(policy!) is null) problems.Add($"{route}: unknown policy {policy}");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// A page convention whose path names no page does nothing, silently: after a page or folder is renamed, its policy
    /// would simply stop applying. Every convention the modules declare must reach at least one page.
    /// </summary>
    [Fact]
    public void Every_page_convention_of_the_modules_reaches_an_existing_page()
    {
        var conventions = app.Services.GetRequiredService<IOptions<RazorPagesOptions>>().Value.Conventions.OfType<IPageApplicationModelConvention>().ToList();
        var pages = ExistingPages();
        Assert.True(pages.Count > 50, "The page walk found too few pages to be trusted.");
        Assert.True(conventions.Count > 15, "Too few page conventions found: are the modules' policies still declared as conventions?");
        var dead = DeadConventions(conventions, pages);
        Assert.True(dead.Count == 0, "Page conventions naming no existing page or folder under /Features: " + string.Join(", ", dead));
    }

    [Fact]
    public void A_convention_on_a_renamed_folder_is_reported_and_one_on_an_existing_folder_is_not()
    {
        var conventions = new PageConventionCollection();
        conventions.AddFolderApplicationModelConvention("/Personnes", m => m.EndpointMetadata.Add(new AuthorizeAttribute("PersonFiles")));
        conventions.AddFolderApplicationModelConvention("/Personne", m => m.EndpointMetadata.Add(new AuthorizeAttribute("PersonFiles")));
        conventions.AddPageApplicationModelConvention("/Droits/Demande", m => m.EndpointMetadata.Add(new AuthorizeAttribute("RightsRequests")));
        var dead = DeadConventions(conventions.OfType<IPageApplicationModelConvention>(), ExistingPages());
        Assert.Equal(["FolderApplicationModelConvention /Personne", "PageApplicationModelConvention /Droits/Demande"], dead);
    }

    private List<string> ExistingPages() =>
        app.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items.OfType<PageActionDescriptor>()
            .Select(p => p.ViewEnginePath).Distinct().ToList();

    /// <summary>Applies each convention to a bare model of every page: one that changes none of them names nothing.</summary>
    private static List<string> DeadConventions(IEnumerable<IPageApplicationModelConvention> conventions, IReadOnlyList<string> pages) =>
        conventions.Where(convention => !pages.Any(page =>
            {
                var model = new PageApplicationModel(new PageActionDescriptor { ViewEnginePath = page, RelativePath = "/Features" + page + ".cshtml" },
                    typeof(PageModel).GetTypeInfo(), []);
                convention.Apply(model);
                return model.EndpointMetadata.Count > 0 || model.Filters.Count > 0;
            }))
            .Select(Describe).ToList();

    /// <summary>The convention's kind and path (read from the framework's private field, for the message only).</summary>
    private static string Describe(IPageApplicationModelConvention convention)
    {
        var type = convention.GetType();
        var path = (type.GetField("_folderPath", BindingFlags.NonPublic | BindingFlags.Instance) ?? type.GetField("_path", BindingFlags.NonPublic | BindingFlags.Instance))
            ?.GetValue(convention);
        return $"{type.Name} {path ?? "(path unknown)"}";
    }

    [Fact]
    public async Task The_openapi_document_is_served_to_staff_only()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync("/api/v1/openapi.json")).StatusCode);
        var session = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Secretariat));
        var doc = JsonDocument.Parse(await session.Client.GetStringAsync("/api/v1/openapi.json"));
        Assert.True(doc.RootElement.GetProperty("paths").TryGetProperty("/api/v1/admin/comptes", out _));
    }

    [Fact]
    public async Task An_unknown_page_answers_a_french_404()
    {
        var session = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.TravailleurSocial));
        var response = await session.Client.GetAsync("/nulle-part");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page introuvable", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Request_logs_hold_neither_query_strings_nor_form_values()
    {
        var secretQuery = "jeton=" + new string('a', 64);
        await app.Anonymous().GetAsync("/activation?" + secretQuery);
        var account = await app.CreateAccountAsync(StaffRole.Accueil);
        await new StaffSession(app.Anonymous()).PostFormAsync("/connexion", new() { ["Input.Login"] = account.Login, ["Input.Password"] = "Faux-mot-de-passe-42!" });
        var lines = app.Logs.Lines.ToList();
        Assert.Contains(lines, l => l.Contains("GET /activation"));
        Assert.DoesNotContain(lines, l => l.Contains(secretQuery));
        Assert.DoesNotContain(lines, l => l.Contains("Faux-mot-de-passe-42!"));
        Assert.DoesNotContain(lines, l => l.Contains(account.Login));
    }
}

[Collection(InstallationCollection.Name)]
public class ProviderTests(DiscretFactory app)
{
    /// <summary>Guards the test command itself: the PostgreSQL run must really run on PostgreSQL.</summary>
    [Fact]
    public void The_suite_runs_on_the_provider_it_was_asked_for() =>
        app.With(sp =>
        {
            var provider = sp.GetRequiredService<DiscretDbContext>().Database.ProviderName;
            Assert.Equal(DiscretFactory.OnPostgres ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", provider);
            return true;
        });
}
