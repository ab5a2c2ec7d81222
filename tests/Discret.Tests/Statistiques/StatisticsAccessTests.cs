using System.Net;
using System.Text.Json;
using Discret.Domain.Accounts;
using Discret.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Discret.Tests.Statistiques;

/// <summary>
/// Who reaches the statistics, from the outside: the Direction and the DPO the département and every circonscription,
/// a head of circonscription hers only; social workers, reception, secretariat and the technical administrator nothing
/// (404 on every page, export and endpoint, as if they did not exist). The threshold and the computation on demand are
/// the DPO's. Bad input gets a French message, never a 500.
/// </summary>
public sealed class StatisticsAccessTests(GeneratedActivity activity) : IClassFixture<GeneratedActivity>
{
    private static readonly string[] Pages = ["/statistiques", "/statistiques/indicateur?code=entretiens&periode=2026", "/statistiques/export?annee=2026&format=csv"];
    private static readonly string[] Api = ["/api/v1/statistiques", "/api/v1/statistiques/entretiens?period=2026"];

    [Theory]
    [InlineData(StaffRole.TravailleurSocial)]
    [InlineData(StaffRole.Accueil)]
    [InlineData(StaffRole.Secretariat)]
    [InlineData(StaffRole.AdminTechnique)]
    public async Task A_role_without_statistics_finds_nothing(StaffRole role)
    {
        var session = await StaffSession.LoginAsync(activity.App, await activity.App.CreateAccountAsync(role));
        foreach (var url in Pages.Concat(Api))
            Assert.True((await session.Client.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, $"{role} {url}");
        Assert.Equal(HttpStatusCode.NotFound, (await session.ApiSendAsync(HttpMethod.Post, "/api/v1/statistiques/recalcul")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.ApiSendAsync(HttpMethod.Put, "/api/v1/statistiques/seuil", new { threshold = 7 })).StatusCode);
    }

    [Theory]
    [InlineData(StaffRole.Direction)]
    [InlineData(StaffRole.Dpo)]
    public async Task The_direction_and_the_dpo_see_the_departement_and_every_circonscription(StaffRole role)
    {
        var session = await StaffSession.LoginAsync(activity.App, await activity.App.CreateAccountAsync(role));
        foreach (var url in Pages.Concat(Api))
            Assert.True((await session.Client.GetAsync(url)).StatusCode == HttpStatusCode.OK, $"{role} {url}");
        var circonscriptions = await activity.App.WithAsync(sp => Task.FromResult(
            sp.GetRequiredService<Discret.Data.DiscretDbContext>().Circonscriptions.Select(c => c.Id).ToList().Select(id => id.ToString()).ToList()));
        var table = await activity.TableAsync("entretiens", "2026", reader: session);
        var territories = table.GetProperty("territories").EnumerateArray().Select(t => t.GetProperty("code").GetString()).ToList();
        Assert.Equal(circonscriptions.Prepend("departement").Order(), territories.Order());
    }

    [Fact]
    public async Task A_head_of_circonscription_sees_her_circonscription_only()
    {
        var head = await activity.App.CreateAccountAsync(StaffRole.ResponsableCirconscription, circonscription: 1);
        var session = await StaffSession.LoginAsync(activity.App, head);
        var (own, other) = await activity.App.WithAsync(sp =>
        {
            var ids = sp.GetRequiredService<Discret.Data.DiscretDbContext>().Circonscriptions.OrderBy(c => c.Name).Select(c => c.Id).ToList().Select(id => id.ToString()).ToList();
            return Task.FromResult((ids[1], ids[0]));
        });
        var table = await activity.TableAsync("entretiens", "2026", reader: session);
        Assert.Equal([own], table.GetProperty("territories").EnumerateArray().Select(t => t.GetProperty("code").GetString()));
        Assert.All(table.GetProperty("rows").EnumerateArray().SelectMany(r => r.GetProperty("cells").EnumerateArray()),
            c => Assert.Equal(own, c.GetProperty("territory").GetString()));
        foreach (var territory in new[] { "departement", other })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync($"/api/v1/statistiques/entretiens?period=2026&territory={territory}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await session.Client.GetAsync($"/statistiques?territoire={territory}")).StatusCode);
        }
        var catalog = JsonDocument.Parse(await session.Client.GetStringAsync("/api/v1/statistiques")).RootElement;
        Assert.Equal([own], catalog.GetProperty("territories").EnumerateArray().Select(t => t.GetProperty("code").GetString()));
        // Not hers to set or compute.
        Assert.Equal(HttpStatusCode.NotFound, (await session.ApiSendAsync(HttpMethod.Post, "/api/v1/statistiques/recalcul")).StatusCode);
    }

    [Fact]
    public async Task The_direction_neither_computes_nor_sets_the_threshold()
    {
        var session = await StaffSession.LoginAsync(activity.App, await activity.App.CreateAccountAsync(StaffRole.Direction));
        Assert.Equal(HttpStatusCode.NotFound, (await session.ApiSendAsync(HttpMethod.Post, "/api/v1/statistiques/recalcul")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.ApiSendAsync(HttpMethod.Put, "/api/v1/statistiques/seuil", new { threshold = 7 })).StatusCode);
        var page = await session.Client.GetStringAsync("/statistiques");
        Assert.DoesNotContain("Seuil de masquage (de 5 à 11)", page);
    }

    [Theory]
    [InlineData("entretiens", "2026-13", null, "Période non reconnue")]
    [InlineData("entretiens", "2026-T5", null, "Période non reconnue")]
    [InlineData("entretiens", "deux mille", null, "Période non reconnue")]
    [InlineData("entretiens", "2027", null, "n'a pas commencé")]
    [InlineData("entretiens", "2026-07", null, "n'a pas commencé")]
    [InlineData("inconnu", "2026", null, "Cet indicateur n'existe pas")]
    [InlineData("entretiens", "2026", "referent", "Ventilation inconnue")]
    [InlineData("acces-exceptionnels", "2026", "age", "n'a pas de ventilation")]
    public async Task Bad_input_gets_a_french_problem(string indicator, string period, string? breakdown, string message)
    {
        var url = $"/api/v1/statistiques/{indicator}?period={Uri.EscapeDataString(period)}" + (breakdown is null ? "" : $"&breakdown={breakdown}");
        var response = await activity.Dpo.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_answer_bad_input_in_french_without_an_error_page()
    {
        var dashboard = await activity.Dpo.Client.GetAsync("/statistiques?periode=2031-02");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("n'est pas reconnue ou n'a pas commencé", WebUtility.HtmlDecode(await dashboard.Content.ReadAsStringAsync()));
        var indicator = await activity.Dpo.Client.GetAsync("/statistiques/indicateur?code=entretiens&periode=2026-T9");
        Assert.Equal(HttpStatusCode.OK, indicator.StatusCode);
        Assert.Contains("Période non reconnue", WebUtility.HtmlDecode(await indicator.Content.ReadAsStringAsync()));
        var export = await activity.Dpo.Client.GetAsync("/statistiques/export?annee=2026&format=odt");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Contains("Format inconnu", WebUtility.HtmlDecode(await export.Content.ReadAsStringAsync()));
        var year = await activity.Dpo.Client.GetAsync("/statistiques/export?annee=2026-03&format=csv");
        Assert.Contains("Année non reconnue", WebUtility.HtmlDecode(await year.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await activity.Dpo.Client.GetAsync("/statistiques/indicateur?code=inconnu")).StatusCode);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(12)]
    [InlineData(null)]
    public async Task A_threshold_outside_5_to_11_is_refused_in_french(int? threshold)
    {
        var response = await activity.Dpo.ApiSendAsync(HttpMethod.Put, "/api/v1/statistiques/seuil", new { threshold });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Le seuil doit être un nombre entier de 5 à 11", await response.Content.ReadAsStringAsync());
        var catalog = JsonDocument.Parse(await activity.Dpo.Client.GetStringAsync("/api/v1/statistiques")).RootElement;
        Assert.Equal(5, catalog.GetProperty("threshold").GetInt32());
    }
}
