using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Discret.Domain.Accounts;
using Discret.Domain.Persons;
using Discret.Tests.Support;
using Discret.Web.Shared.Idempotency;

namespace Discret.Tests.Fuzz;

/// <summary>What the API fuzz found (other than the classes the input-validation change closes), each proved on its own.</summary>
[Collection(FollowUpsCollection.Name)]
public class FuzzFindingsTests(DiscretFactory app)
{
    [Fact]
    public void Name_keys_ignore_what_is_not_a_valid_code_point_instead_of_throwing()
    {
        Assert.Equal("lefevre", NameKeys.Normalize("Le\uFFFEfè\uFFFFvre"));
        Assert.Equal("ab", NameKeys.Normalize("a\ud800b\udc00"));
        Assert.Equal("", NameKeys.Sound("\uFFFE\uFFFF"));
    }

    [Fact]
    public async Task A_search_or_a_household_member_with_non_characters_is_answered_without_a_server_error()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker);
        var ts = await StaffSession.LoginAsync(app, worker);

        var search = await ts.ApiSendAsync(HttpMethod.Post, "/api/v1/personnes/recherche", new { name = "Dup\uFFFE\uFFFFont" });
        var member = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/menage/membres",
            new { birthName = "Essai", usageName = "\uFFFE\uFFFF", firstNames = "Alix", birthDate = "2015-04-03", link = "Enfant" });

        Assert.True((int)search.StatusCode < 500, $"search: {(int)search.StatusCode}");
        Assert.True((int)member.StatusCode < 500, $"household member: {(int)member.StatusCode}");
    }

    /// <summary>Two members joined by a comma bind as their bitwise OR, which may be no member at all (3 here): the key's
    /// fingerprint wrote the body with the strict converter, which throws on such a value.</summary>
    [Fact]
    public async Task An_idempotency_key_does_not_change_the_answer_to_a_closed_list_value_that_is_not_a_member()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker);
        var ts = await StaffSession.LoginAsync(app, worker);
        var body = JsonSerializer.Serialize(new { kind = "Accompagnement, Entretien", factId = Guid.NewGuid(), method = "Oral", informedOn = "2026-01-05" });
        var url = $"/api/v1/personnes/{file.PersonId}/information/tiers";

        var without = await ts.ApiSendAsync(HttpMethod.Post, url, body);
        var token = await ts.ApiTokenAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-CSRF-TOKEN", token);
        request.Headers.Add(IdempotencyKeyFilter.Header, Guid.NewGuid().ToString());
        var with = await ts.Client.SendAsync(request);

        Assert.True((int)without.StatusCode < 500, $"without a key: {(int)without.StatusCode}");
        Assert.Equal(without.StatusCode, with.StatusCode);
    }

    /// <summary>The document named every nested « Request » record « Request »: ten endpoints were described with the
    /// person creation's body (so a client generated from it, or the fuzz, sent the wrong fields).</summary>
    [Fact]
    public async Task The_openapi_document_describes_each_endpoint_with_its_own_body()
    {
        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
        var operations = OpenApiOperations.Read(await dpo.Client.GetStringAsync("/api/v1/openapi.json"));
        string[] Fields(string method, string path) =>
            operations.Single(o => o.Method == method && o.Path == path).Body!.Properties.Select(p => p.Name).ToArray();

        Assert.Contains("justification", Fields("POST", "/api/v1/acces-exceptionnel"));
        Assert.Contains("birthName", Fields("POST", "/api/v1/personnes"));
        Assert.Contains("text", Fields("POST", "/api/v1/accompagnements/{id}/notes"));
        Assert.Contains("categories", Fields("POST", "/api/v1/personnes/{id}/accords-de-partage/{consentId}/partages"));
        Assert.DoesNotContain("birthName", Fields("POST", "/api/v1/accompagnements/{id}/entretiens"));
    }
}
