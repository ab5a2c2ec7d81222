using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Tests.Support;
using Discret.Domain.Accounts;
using Discret.Domain.Persons;

namespace Discret.Tests.Personnes;

[Collection(PersonsCollection.Name)]
public class PersonSearchTests(DiscretFactory app)
{
    private static async Task<List<Guid>> SearchAsync(StaffSession session, string name, DateOnly? birthDate = null)
    {
        var response = await session.ApiSendAsync(HttpMethod.Post, "/api/v1/personnes/recherche", new { name, birthDate });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return json.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetGuid()).ToList();
    }

    private static string UniqueName(string stem) => stem + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());

    [Fact]
    public async Task A_worker_finds_only_the_persons_they_accompany()
    {
        var name = UniqueName("Ressemblance");
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var mine = await app.CreateCaseAsync(0, worker, birthName: name);
        var notMine = await app.CreateCaseAsync(0, await app.CreateAccountAsync(StaffRole.TravailleurSocial), birthName: name);
        var hits = await SearchAsync(await StaffSession.LoginAsync(app, worker), name);
        Assert.Contains(mine.PersonId, hits);
        Assert.DoesNotContain(notMine.PersonId, hits);
    }

    [Fact]
    public async Task Reception_finds_the_persons_of_its_circonscription_only()
    {
        var name = UniqueName("Homonyme");
        var here = await app.CreateCaseAsync(0, birthName: name);
        var elsewhere = await app.CreateCaseAsync(1, birthName: name);
        var hits = await SearchAsync(await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil)), name);
        Assert.Contains(here.PersonId, hits);
        Assert.DoesNotContain(elsewhere.PersonId, hits);
    }

    [Theory]
    [InlineData("Lefèvre", "lefebvre")]
    [InlineData("Lefebvre", "LEFEVRE")]
    [InlineData("Dupont-Moreau", "dupont moreau")]
    [InlineData("Éloïse", "ELOISE")]
    public async Task Search_ignores_accents_case_and_small_spelling_differences(string stored, string typed)
    {
        var suffix = new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(5).ToArray());
        var file = await app.CreateCaseAsync(0, birthName: stored + suffix);
        var hits = await SearchAsync(await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil)), typed + suffix);
        Assert.Contains(file.PersonId, hits);
    }

    [Fact]
    public async Task The_first_letters_of_a_name_are_enough()
    {
        var suffix = new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());
        var file = await app.CreateCaseAsync(0, birthName: "Prefixe" + suffix);
        var hits = await SearchAsync(await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil)), "préfixe" + suffix[..3]);
        Assert.Contains(file.PersonId, hits);
    }

    [Fact]
    public async Task The_birth_date_narrows_the_search()
    {
        var name = UniqueName("Datation");
        var file = await app.CreateCaseAsync(0, birthName: name); // born 17/05/1980
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        Assert.Contains(file.PersonId, await SearchAsync(reception, name, new DateOnly(1980, 5, 17)));
        Assert.DoesNotContain(file.PersonId, await SearchAsync(reception, name, new DateOnly(1981, 5, 17)));
    }

    [Fact]
    public async Task The_search_page_posts_its_terms_and_lists_results()
    {
        var name = UniqueName("Formulaire");
        await app.CreateCaseAsync(0, birthName: name);
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var response = await reception.PostFormAsync("/personnes", new() { ["Input.Name"] = name });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(name, await response.Content.ReadAsStringAsync());
        var tooShort = await reception.PostFormAsync("/personnes", new() { ["Input.Name"] = "é" });
        Assert.Contains("deux lettres", WebUtility.HtmlDecode(await tooShort.Content.ReadAsStringAsync()));
    }

    [Fact]
    public void Sound_keys_merge_common_spellings() =>
        Assert.Equal(NameKeys.Sound("Lefèvre"), NameKeys.Sound("Lefebvre"));
}
