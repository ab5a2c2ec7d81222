using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Discret.Domain.Accounts;
using Discret.Tests.Support;
using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Discret.Tests.Security;

/// <summary>
/// The rate limits, on an application of its own with small limits (the suite's applications have limits they never
/// reach). Each test comes from addresses of its own (X-Forwarded-For, trusted from the loopback reverse proxy as in
/// production) and uses accounts of its own, so the tests do not count against each other.
/// </summary>
public sealed class RateLimitTests(RateLimitTests.SmallLimitsApp app) : IClassFixture<RateLimitTests.SmallLimitsApp>
{
    public sealed class SmallLimitsApp : DiscretFactory
    {
        public SmallLimitsApp() => Settings = new Dictionary<string, string>()
            .Limit(RateLimitKind.Login, perAccount: 3, perAddress: 4)
            .Limit(RateLimitKind.SecondFactor, perAccount: 3, perAddress: 100)
            .Limit(RateLimitKind.Activation, perAccount: 100, perAddress: 3)
            .Limit(RateLimitKind.Guard, perAccount: 3, perAddress: 100)
            .Limit(RateLimitKind.Search, perAccount: 3, perAddress: 100)
            .Limit(RateLimitKind.BreakGlassSearch, perAccount: 2, perAddress: 100)
            .Limit(RateLimitKind.CalendarFeed, perAccount: 3, perAddress: 5);
    }

    [Fact]
    public async Task Past_the_limit_of_login_attempts_from_one_address_the_next_one_gets_a_french_429_page()
    {
        var from = Client("203.0.113.1");
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.OK, (await LoginAttemptAsync(from, Unknown(), "Pas-le-bon-mot-2026")).StatusCode);

        var refused = await LoginAttemptAsync(from, Unknown(), "Pas-le-bon-mot-2026");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) > 0);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("<html lang=\"fr\">", html); // the page of the shared layout
        Assert.Contains("<h1>Trop de tentatives</h1>", html);
        Assert.Matches(new Regex(@"réessayez dans \d+ minutes?\."), html);

        // Another address is not affected.
        Assert.Equal(HttpStatusCode.OK, (await LoginAttemptAsync(Client("203.0.113.2"), Unknown(), "Pas-le-bon-mot-2026")).StatusCode);
    }

    [Fact]
    public async Task The_limit_per_account_holds_across_addresses()
    {
        var account = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await LoginAttemptAsync(Client($"203.0.113.1{i}"), account.Login, "Pas-le-bon-mot-2026")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAttemptAsync(Client("203.0.113.19"), account.Login, account.Password)).StatusCode);
        // The same limit for a login that names no account: a 429 says nothing about whether it exists.
        var unknown = Unknown();
        for (var i = 0; i < 3; i++) await LoginAttemptAsync(Client($"203.0.113.2{i}"), unknown, "Pas-le-bon-mot-2026");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAttemptAsync(Client("203.0.113.29"), unknown, "Pas-le-bon-mot-2026")).StatusCode);
    }

    [Fact]
    public async Task The_api_answers_a_french_problem_with_retry_after_past_the_search_limit()
    {
        var session = await StaffSession.LoginAsync(Client("203.0.113.30"), await app.CreateAccountAsync(StaffRole.Accueil));
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await session.ApiSendAsync(HttpMethod.Post, "/api/v1/personnes/recherche", new { name = "Essai" })).StatusCode);

        var refused = await session.ApiSendAsync(HttpMethod.Post, "/api/v1/personnes/recherche", new { name = "Essai" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) > 0);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Trop de requêtes", problem.GetProperty("title").GetString());
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Matches(new Regex(@"réessayez dans \d+ minutes?\."), problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_search_page_shares_the_search_limit_and_the_break_glass_search_has_its_own()
    {
        var session = await StaffSession.LoginAsync(Client("203.0.113.40"), await app.CreateAccountAsync(StaffRole.TravailleurSocial));
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await session.PostFormAsync("/personnes", new() { ["Input.Name"] = "Essai" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await session.ApiSendAsync(HttpMethod.Post, "/api/v1/personnes/recherche", new { name = "Essai" })).StatusCode);
        var refused = await session.PostFormAsync("/personnes", new() { ["Input.Name"] = "Essai" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Trop de tentatives", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));

        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await session.PostFormAsync("/acces-exceptionnel", new() { ["Input.Name"] = "Essai" })).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await session.PostFormAsync("/acces-exceptionnel", new() { ["Input.Name"] = "Essai" })).StatusCode);
    }

    [Fact]
    public async Task Second_factor_guard_analysis_and_activation_links_are_limited()
    {
        var account = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var pending = new StaffSession(Client("203.0.113.50"));
        Assert.Equal("/connexion/code", (await pending.PostFormAsync("/connexion", new() { ["Input.Login"] = account.Login, ["Input.Password"] = account.Password })).Headers.Location?.OriginalString);
        var wrong = account.CurrentCode() == "000000" ? "111111" : "000000";
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await pending.PostFormAsync("/connexion/code", new() { ["Input.Code"] = wrong })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await pending.PostFormAsync("/connexion/code-de-secours", new() { ["Input.Code"] = "AAAAA-BBBBB" })).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await pending.PostFormAsync("/connexion/code", new() { ["Input.Code"] = account.CurrentCode() })).StatusCode);

        var worker = await StaffSession.LoginAsync(Client("203.0.113.51"), await app.CreateAccountAsync(StaffRole.TravailleurSocial));
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await worker.ApiSendAsync(HttpMethod.Post, "/api/v1/garde/analyse", new { text = "Rendez-vous pris." })).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await worker.ApiSendAsync(HttpMethod.Post, "/api/v1/garde/analyse", new { text = "Rendez-vous pris." })).StatusCode);

        var guessing = Client("203.0.113.52");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await guessing.GetAsync($"/activation?jeton={Guid.NewGuid():N}{Guid.NewGuid():N}")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await guessing.GetAsync($"/activation?jeton={Guid.NewGuid():N}{Guid.NewGuid():N}")).StatusCode);
    }

    [Fact]
    public void Every_search_and_every_step_of_signing_in_is_rate_limited()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var mustBeLimited = endpoints.Where(e => e.RoutePattern.RawText is { } route
            && (route.Contains("recherche") || route.StartsWith("connexion/code") || route is "connexion" or "activation" or "acces-exceptionnel"
                or "personnes" or "personnes/nouvelle" or "/api/v1/personnes" or "conservation/archives" or "/api/v1/garde/analyse")).ToList();
        Assert.True(mustBeLimited.Count >= 11, "The walk found too few endpoints: " + string.Join(", ", mustBeLimited.Select(e => e.RoutePattern.RawText)));
        var open = mustBeLimited.Where(e => e.Metadata.GetMetadata<RateLimitedAttribute>() is null).Select(e => e.RoutePattern.RawText).ToList();
        Assert.True(open.Count == 0, "Not rate-limited: " + string.Join(", ", open));
    }

    private static string Unknown() => "inconnu." + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A browser at a client address, behind the reverse proxy (which the application trusts on loopback).</summary>
    [Fact]
    public async Task Guessing_calendar_feed_addresses_from_one_address_is_cut_short_and_a_known_address_keeps_its_own_count()
    {
        var guesser = Client("203.0.113.71");
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.NotFound, (await guesser.GetAsync($"/agenda/ical/{Guid.NewGuid():N}")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await guesser.GetAsync($"/agenda/ical/{Guid.NewGuid():N}")).StatusCode);

        // One address polled from several places: counted per secret (3 here), whatever the client address.
        var secret = Guid.NewGuid().ToString("N");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.NotFound, (await Client($"203.0.113.8{i}").GetAsync($"/agenda/ical/{secret}")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Client("203.0.113.89").GetAsync($"/agenda/ical/{secret}")).StatusCode);
    }

    private HttpClient Client(string address) =>
        app.CreateDefaultClient(new Uri("http://localhost"), new ForwardedFor(address), new CookieContainerHandler());

    private static async Task<HttpResponseMessage> LoginAttemptAsync(HttpClient client, string login, string password) =>
        await new StaffSession(client).PostFormAsync("/connexion", new() { ["Input.Login"] = login, ["Input.Password"] = password });

    private sealed class ForwardedFor(string address) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            request.Headers.Add("X-Forwarded-For", address);
            return base.SendAsync(request, ct);
        }
    }
}

internal static class RateLimitSettingsExtensions
{
    public static Dictionary<string, string> Limit(this Dictionary<string, string> settings, RateLimitKind kind, int perAccount, int perAddress)
    {
        settings[$"Discret:RateLimits:{kind}:PerAccount"] = perAccount.ToString();
        settings[$"Discret:RateLimits:{kind}:PerAddress"] = perAddress.ToString();
        return settings;
    }
}
