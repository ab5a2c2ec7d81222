using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Discret.Tests.Support;
using Discret.Catalogue;
using Discret.Domain.Persons;
using Microsoft.EntityFrameworkCore;

namespace Discret.Tests.Accompagnements;

/// <summary>Setting up persons and follow-ups for the tests: persons in the database, follow-ups through the API as a head of circonscription.</summary>
public static partial class FollowUpScenario
{
    private static int _counter;

    /// <summary>A person of its own (alone in a household) in the circonscription of the given index; returns its id and birth name.</summary>
    public static async Task<(Guid Id, string BirthName)> CreatePersonAsync(this DiscretFactory app, int circonscription = 0)
    {
        var n = Interlocked.Increment(ref _counter);
        // Letters only, unlike any generated demo name, so that a search finds this person and no other.
        var birthName = "Quizvak" + new string(Guid.NewGuid().ToString("N").Where(char.IsAsciiDigit).Take(6).Select(c => (char)('a' + c - '0')).ToArray()) + (char)('a' + n % 26);
        Guid id = default;
        await app.WithDbAsync(async db =>
        {
            var circ = await db.Circonscriptions.OrderBy(c => c.Name).Skip(circonscription).FirstAsync();
            var now = DateTime.UtcNow;
            var household = new Household(new HouseholdAddress("1 rue des Essais", "99000", "Testville"), now);
            var person = new Person(new PersonIdentity(birthName, null, "Camille", new DateOnly(1980, 5, 17), null, null),
                household.Id, HouseholdLink.PersonneDeReference, circ.Id, Provenance.ThePerson, now);
            db.Households.Add(household);
            db.Persons.Add(person);
            await db.SaveChangesAsync();
            id = person.Id;
        });
        return (id, birthName);
    }

    /// <summary>Opens a follow-up through the API (as a head of circonscription) and returns its id.</summary>
    public static async Task<Guid> OpenFollowUpAsync(this StaffSession rc, Guid personId, Guid referentId, params Guid[] coWorkers)
    {
        var response = await rc.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{personId}/accompagnements",
            new { referentId, coWorkerIds = coWorkers, motives = new[] { "Logement" }, source = "Personne" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<int> ApiVersionAsync(this StaffSession session, Guid followUpId) =>
        (await session.Client.GetFromJsonAsync<JsonElement>($"/api/v1/accompagnements/{followUpId}")).GetProperty("version").GetInt32();

    public static Task<T> WithFollowUpAsync<T>(this DiscretFactory app, Guid followUpId, Func<FollowUp, T> read) =>
        app.WithAsync(async sp =>
        {
            var db = sp.GetService(typeof(Discret.Data.DiscretDbContext)) as Discret.Data.DiscretDbContext;
            var followUp = await db!.FollowUps.AsNoTracking().Include(f => f.Team).SingleAsync(f => f.Id == followUpId);
            return read(followUp);
        });

    public static Task<int> InterviewCountAsync(this DiscretFactory app, Guid followUpId) =>
        app.WithAsync(async sp =>
        {
            var db = (Discret.Data.DiscretDbContext)sp.GetService(typeof(Discret.Data.DiscretDbContext))!;
            return await db.Interviews.CountAsync(i => i.FollowUpId == followUpId);
        });

    [GeneratedRegex("name=\"Input.Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionInput();

    /// <summary>The concurrency version a form page carries in its hidden field.</summary>
    public static int FormVersion(string html)
    {
        var match = VersionInput().Match(html);
        Assert.True(match.Success, "No Input.Version hidden field on the page");
        return int.Parse(match.Groups[1].Value);
    }

    /// <summary>The page's text with HTML entities decoded (accents and apostrophes are encoded by the server).</summary>
    public static async Task<string> TextAsync(this HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    public static async Task<string> PageTextAsync(this StaffSession session, string url) => WebUtility.HtmlDecode(await session.Client.GetStringAsync(url));

    public static string Today => ParisTime.Today(TimeProvider.System).ToString("yyyy-MM-dd");

    public static List<KeyValuePair<string, string>> Form(params (string Name, string Value)[] fields) =>
        fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
}
