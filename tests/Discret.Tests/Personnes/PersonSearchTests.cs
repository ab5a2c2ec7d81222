using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>A worker's files are searched in one query (PersonSearch.FindRankedAsync, « few »): the ranking is still
    /// the names as typed first, then the same sound — even when the sound's spelling sorts first.</summary>
    [Fact]
    public async Task A_worker_sees_the_names_as_typed_before_the_names_of_the_same_sound()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var typed1 = await app.CreateCaseAsync(0, worker, birthName: "Lefevre");
        var bySound = await app.CreateCaseAsync(0, worker, birthName: "Lefebvre"); // « lefebvre » sorts before « lefevre »
        var typed2 = await app.CreateCaseAsync(0, worker, birthName: "Lefevre");
        var hits = await SearchAsync(await StaffSession.LoginAsync(app, worker), "Lefevre");
        Assert.Equal(3, hits.Count);
        Assert.Equal(new HashSet<Guid> { typed1.PersonId, typed2.PersonId }, hits.Take(2).ToHashSet());
        Assert.Equal(bySound.PersonId, hits[2]);
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

    private static async Task<List<JsonElement>> HitsAsync(StaffSession session, string text)
    {
        var response = await session.ApiSendAsync(HttpMethod.Post, "/api/v1/personnes/recherche", new { name = text });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("hits").EnumerateArray().ToList();
    }

    [Fact]
    public async Task Namesakes_are_told_apart_by_commune_and_referent_within_the_role_s_grants()
    {
        var name = UniqueName("Homonymie");
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, referent, birthName: name);
        var referentName = await app.WithAsync(async sp => (await sp.GetRequiredService<Discret.Data.DiscretDbContext>().Users.SingleAsync(u => u.Id == referent.Id)).DisplayName);
        var reception = (await HitsAsync(await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil)), name)).Single();
        Assert.Equal("Valmont", reception.GetProperty("commune").GetString());
        Assert.Equal(referentName, reception.GetProperty("referent").GetString());
        // The head of circonscription reads the team of the circonscription's files, not their contact details: the
        // commune is absent from the answer, not null.
        var head = (await HitsAsync(await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.ResponsableCirconscription)), name)).Single();
        Assert.Equal(file.PersonId, head.GetProperty("id").GetGuid());
        Assert.False(head.TryGetProperty("commune", out _));
        Assert.Equal(referentName, head.GetProperty("referent").GetString());
    }

    [Fact]
    public async Task A_changed_name_is_found_under_the_new_name_only()
    {
        var before = UniqueName("Avantnom");
        var after = UniqueName("Apresnom");
        var file = await app.CreateCaseAsync(0, birthName: before);
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var changed = await reception.ApiSendAsync(HttpMethod.Put, $"/api/v1/personnes/{file.PersonId}/identite",
            new { version = 0, birthName = before, usageName = after, firstNames = "Alex", birthDate = "1980-05-17", source = "Personne" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Contains(file.PersonId, await SearchAsync(reception, "Alex " + after));
        var renamed = await reception.ApiSendAsync(HttpMethod.Put, $"/api/v1/personnes/{file.PersonId}/identite",
            new { version = 1, birthName = before, firstNames = "Alex", birthDate = "1980-05-17", source = "Personne" });
        Assert.Equal(HttpStatusCode.NoContent, renamed.StatusCode);
        Assert.DoesNotContain(file.PersonId, await SearchAsync(reception, after));
        Assert.Contains(file.PersonId, await SearchAsync(reception, before));
    }

    [Fact]
    public async Task Files_written_before_the_search_words_existed_are_found_once_the_backfill_ran()
    {
        var name = UniqueName("Ancienfichier");
        var file = await app.CreateCaseAsync(0, birthName: name);
        await app.WithDbAsync(async db =>
        {
            // The state of a row written before the NameWords migration: no words, an empty first-names key.
            await db.PersonNameWords.Where(w => w.PersonId == file.PersonId).ExecuteDeleteAsync();
            await db.Persons.Where(p => p.Id == file.PersonId).ExecuteUpdateAsync(s => s.SetProperty(p => p.FirstNamesKey, ""));
        });
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        Assert.DoesNotContain(file.PersonId, await SearchAsync(reception, name));
        await app.WithDbAsync(async db => Assert.True(await Discret.Data.NameWordsBackfill.RunAsync(db) >= 1));
        Assert.Contains(file.PersonId, await SearchAsync(reception, "Alex " + name));
        await app.WithDbAsync(async db => Assert.Equal("alex", (await db.Persons.SingleAsync(p => p.Id == file.PersonId)).FirstNamesKey));
    }

    [Theory]
    [InlineData("Moreau 31/02/1985")]
    [InlineData("Moreau 13/1985")]
    [InlineData("Moreau 85")]
    [InlineData("M0reau")]
    public async Task A_date_typed_wrong_gets_a_french_message(string text)
    {
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var response = await reception.ApiSendAsync(HttpMethod.Post, "/api/v1/personnes/recherche", new { name = text });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("28/04/1985", await response.Content.ReadAsStringAsync());
    }
}
