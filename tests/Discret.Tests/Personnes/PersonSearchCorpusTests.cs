using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Persons;
using Discret.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Discret.Tests.Personnes;

/// <summary>
/// The acceptance corpus of the name search (search-corpus.json: invented persons, typed searches and what each must find,
/// in order where it says so), written from the rule alone by someone who had not read the search's code. Run as
/// reception through the API, on an application of its own so that no other test's person is found.
/// </summary>
public sealed class PersonSearchCorpusTests(PersonSearchCorpusTests.CorpusApp corpus) : IClassFixture<PersonSearchCorpusTests.CorpusApp>
{
    public sealed record CorpusPerson(string Key, string BirthName, string? UsageName, string FirstNames, DateOnly BirthDate);
    public sealed record CorpusSearch(string Text, string[] Expect, bool Ordered, string Why);
    private sealed record Corpus(CorpusPerson[] Persons, CorpusSearch[] Searches);

    private static readonly Corpus Data = JsonSerializer.Deserialize<Corpus>(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Personnes", "search-corpus.json")),
        new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    public static TheoryData<string> Searches() => new(Data.Searches.Select(s => s.Text));

    public sealed class CorpusApp : IAsyncLifetime
    {
        public DiscretFactory App { get; } = new();
        public Dictionary<Guid, string> KeyOf { get; } = new();
        public StaffSession Reception { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await App.WithAsync(async sp =>
            {
                var db = sp.GetRequiredService<DiscretDbContext>();
                var circonscription = await db.Circonscriptions.OrderBy(c => c.Name).FirstAsync();
                var now = DateTime.UtcNow;
                foreach (var p in Data.Persons)
                {
                    var household = new Household(new HouseholdAddress(null, null, null), now);
                    var person = new Person(new PersonIdentity(p.BirthName, p.UsageName, p.FirstNames, p.BirthDate, null, null), household.Id,
                        Discret.Catalogue.HouseholdLink.PersonneDeReference, circonscription.Id, Provenance.ThePerson, now);
                    db.Households.Add(household);
                    db.Persons.Add(person);
                    KeyOf[person.Id] = p.Key;
                }
                await db.SaveChangesAsync();
                return 0;
            });
            Reception = await StaffSession.LoginAsync(App, await App.CreateAccountAsync(StaffRole.Accueil));
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Searches))]
    public async Task Each_typed_search_finds_exactly_the_expected_persons(string text)
    {
        var search = Data.Searches.First(s => s.Text == text);
        var response = await corpus.Reception.ApiSendAsync(HttpMethod.Post, "/api/v1/personnes/recherche", new { name = text });
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            Assert.True(search.Expect.Length == 0, $"« {text} » was refused as a search, expected {string.Join(", ", search.Expect)} ({search.Why})");
            return;
        }
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        // The application's own fixtures (a person or two created at start) are not part of the corpus.
        var found = json.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetGuid())
            .Where(corpus.KeyOf.ContainsKey).Select(id => corpus.KeyOf[id]).ToList();
        if (search.Ordered) Assert.Equal(search.Expect, found);
        else Assert.Equal(search.Expect.Order(), found.Order());
    }
}
