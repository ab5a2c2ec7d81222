using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Tests.Support;
using Discret.Domain.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Discret.Tests.Personnes;

[Collection(PersonsCollection.Name)]
public class PersonWritingTests(DiscretFactory app)
{
    /// <summary>Without a birth date, one of its own: the names of these tests sound alike ("Creation…"), so with a shared
    /// date a file created by another test of the same application could be proposed as a duplicate.</summary>
    private static Dictionary<string, string> Form(string birthName, string? birthDate = null) => new()
    {
        ["Input.BirthName"] = birthName, ["Input.FirstNames"] = "Dominique",
        ["Input.BirthDate"] = birthDate ?? new DateOnly(1940, 1, 1).AddDays(Random.Shared.Next(0, 60 * 365)).ToString("yyyy-MM-dd"),
        ["Input.PostalCode"] = "99000", ["Input.City"] = "Valmont",
    };

    private static string UniqueName() => "Creation" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());

    [Fact]
    public async Task Reception_creates_a_file_in_its_circonscription()
    {
        var name = UniqueName();
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var response = await reception.PostFormAsync("/personnes/nouvelle", Form(name));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await reception.Client.GetStringAsync(response.Headers.Location!.OriginalString);
        Assert.Contains(name, page);
    }

    [Fact]
    public async Task A_worker_creating_a_file_becomes_its_referent()
    {
        var name = UniqueName();
        var worker = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.TravailleurSocial));
        var noMotive = await worker.PostFormAsync("/personnes/nouvelle", Form(name));
        Assert.Contains("au moins un motif", WebUtility.HtmlDecode(await noMotive.Content.ReadAsStringAsync()));
        var form = Form(name);
        form["Input.Motives"] = "Logement";
        var response = await worker.PostFormAsync("/personnes/nouvelle", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await worker.Client.GetAsync(response.Headers.Location!.OriginalString)).StatusCode);
    }

    [Fact]
    public async Task A_future_birth_date_is_refused_and_nothing_is_saved()
    {
        var name = UniqueName();
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var response = await reception.PostFormAsync("/personnes/nouvelle", Form(name, DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("dans le futur", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        await app.WithDbAsync(async db => Assert.False(await db.Persons.AnyAsync(p => p.BirthName == name)));
    }

    [Fact]
    public async Task A_person_known_elsewhere_is_reported_without_showing_the_file()
    {
        var name = UniqueName();
        await app.CreateCaseAsync(1, birthName: name); // born 17/05/1980, circonscription index 1
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil, circonscription: 0));
        var first = await reception.PostFormAsync("/personnes/nouvelle", Form(name.ToUpperInvariant(), "1980-05-17"));
        var html = WebUtility.HtmlDecode(await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("peut-être déjà connue", html);
        Assert.Contains("Adressez-vous à l'accueil ou au responsable", html);
        Assert.DoesNotContain("ouvrir ce dossier", html);
        await app.WithDbAsync(async db => Assert.Equal(1, await db.Persons.CountAsync(p => p.BirthNameKey == name.ToLowerInvariant())));

        var confirmed = Form(name.ToUpperInvariant(), "1980-05-17");
        confirmed["Input.NotADuplicate"] = "true";
        Assert.Equal(HttpStatusCode.Redirect, (await reception.PostFormAsync("/personnes/nouvelle", confirmed)).StatusCode);
    }

    [Fact]
    public async Task The_duplicate_warning_keeps_what_was_typed()
    {
        var name = UniqueName();
        await app.CreateCaseAsync(0, birthName: name); // born 17/05/1980
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var typed = Form(name.ToUpperInvariant(), "1980-05-17");
        typed["Input.UsageName"] = "Usagetape";
        typed["Input.Phone"] = "06 12 34 56 78";
        typed["Input.AddressLine"] = "3 allée des Tilleuls";
        var html = WebUtility.HtmlDecode(await (await reception.PostFormAsync("/personnes/nouvelle", typed)).Content.ReadAsStringAsync());
        Assert.Contains("peut-être déjà connue", html);
        foreach (var value in new[] { name.ToUpperInvariant(), "Usagetape", "Dominique", "1980-05-17", "06 12 34 56 78", "3 allée des Tilleuls", "99000", "Valmont" })
            Assert.Contains($"value=\"{value}\"", html);
    }

    [Fact]
    public async Task The_api_reports_a_possible_duplicate_as_409()
    {
        var name = UniqueName();
        await app.CreateCaseAsync(0, birthName: name);
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var response = await reception.ApiSendAsync(HttpMethod.Post, "/api/v1/personnes",
            new { birthName = name, firstNames = "Alex", birthDate = "1980-05-17" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("known")[0].TryGetProperty("circonscription", out _));
    }

    [Fact]
    public async Task Concurrent_edits_tell_the_second_writer_and_keep_the_first_change()
    {
        var file = await app.CreateCaseAsync(0);
        var first = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var second = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var url = $"/personnes/{file.PersonId}/identite";
        Dictionary<string, string> Edit(string phone) => new()
        {
            ["Input.Version"] = "0", ["Input.BirthName"] = file.BirthName, ["Input.FirstNames"] = "Alex", ["Input.BirthDate"] = "1980-05-17",
            ["Input.Phone"] = phone, ["Input.Source"] = "Personne",
        };
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostFormAsync(url, Edit("06 11 11 11 11"))).StatusCode);
        var late = await second.PostFormAsync(url, Edit("06 22 22 22 22"));
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var html = WebUtility.HtmlDecode(await late.Content.ReadAsStringAsync());
        Assert.Contains("modifié par quelqu'un d'autre", html);
        Assert.Contains("06 22 22 22 22", html); // the second writer's input is kept on screen
        await app.WithDbAsync(async db => Assert.Equal("06 11 11 11 11", (await db.Persons.SingleAsync(p => p.Id == file.PersonId)).Phone));
        Assert.Contains("name=\"Input.Version\" value=\"1\"", html); // a deliberate second save starts from the current version

        var api = await second.ApiSendAsync(HttpMethod.Put, $"/api/v1/personnes/{file.PersonId}/identite",
            new { version = 0, birthName = file.BirthName, firstNames = "Alex", birthDate = "1980-05-17", phone = "06 33 33 33 33", source = "Personne" });
        Assert.Equal(HttpStatusCode.Conflict, api.StatusCode);
    }

    [Fact]
    public async Task Over_long_names_get_a_french_message_on_the_api()
    {
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        var response = await reception.ApiSendAsync(HttpMethod.Post, "/api/v1/personnes",
            new { birthName = new string('a', 101), firstNames = "Alex", birthDate = "1980-05-17" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("trop long", problem.GetProperty("errors").GetProperty("birthName")[0].GetString());
    }

    [Fact]
    public async Task The_referent_adds_a_child_to_the_household_and_sees_the_composition()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, referent);
        var session = await StaffSession.LoginAsync(app, referent);
        var url = $"/personnes/{file.PersonId}/menage";
        var invalid = await session.PostFormAsync(url, new() { ["Input.BirthName"] = file.BirthName, ["Input.FirstNames"] = "Noé", ["Input.BirthDate"] = "2019-04-02" });
        Assert.Contains("Choisissez le lien", WebUtility.HtmlDecode(await invalid.Content.ReadAsStringAsync()));
        var added = await session.PostFormAsync(url, new()
        {
            ["Input.BirthName"] = file.BirthName, ["Input.FirstNames"] = "Noé", ["Input.BirthDate"] = "2019-04-02", ["Input.Link"] = "Enfant",
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var page = WebUtility.HtmlDecode(await session.Client.GetStringAsync(url));
        Assert.Contains("2 personnes : 1 adulte, 1 enfant mineur", page);
        Assert.Contains("Noé", page);
    }

    [Fact]
    public async Task The_api_adds_a_household_member_for_the_team_only()
    {
        var referent = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, referent);
        var body = new { birthName = file.BirthName, firstNames = "Lou", birthDate = "2015-06-01", link = "Enfant" };
        var reception = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Accueil));
        Assert.Equal(HttpStatusCode.NotFound, (await reception.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/menage/membres", body)).StatusCode);
        var team = await StaffSession.LoginAsync(app, referent);
        var missingLink = await team.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/menage/membres", new { birthName = "Lou", firstNames = "Lou", birthDate = "2015-06-01" });
        Assert.Equal(HttpStatusCode.BadRequest, missingLink.StatusCode);
        var created = await team.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/menage/membres", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var document = await team.Client.GetFromJsonAsync<JsonElement>($"/api/v1/personnes/{file.PersonId}");
        Assert.Equal(2, document.GetProperty("household").GetProperty("members").GetArrayLength());
    }
}
