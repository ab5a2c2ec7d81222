using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Tests.Conservation;
using Discret.Tests.Support;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Domain.Rights;
using Discret.Web.Features.Droits;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Droits;

/// <summary>
/// The right to restriction (GDPR art. 18, R21): the DPO limits the processing of a file from a limitation request;
/// the file can then be consulted but not modified nor shared — the API says why (409) — until the DPO lifts the
/// limitation, having told the person first. Both are journaled without content.
/// </summary>
[Collection(RightsCollection.Name)]
public class RestrictionTests(DiscretFactory app)
{
    private static string RequestPage(Guid id) => $"/droits/demandes/{id}";

    private static Task<HttpResponseMessage> RestrictAsync(StaffSession dpo, Guid id) =>
        dpo.PostFormAsync($"{RequestPage(id)}?handler=Restrict", new Dictionary<string, string>(), RequestPage(id));

    private static Task<HttpResponseMessage> LiftAsync(StaffSession dpo, Guid id, string personToldOn) =>
        dpo.PostFormAsync($"{RequestPage(id)}?handler=Lift", new Dictionary<string, string> { ["Lift.PersonToldOn"] = personToldOn }, RequestPage(id));

    private async Task<StaffSession> DpoAsync() => await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));

    private Task<HttpResponseMessage> EditPhoneAsync(StaffSession ts, TestCase file, int version, string phone) =>
        ts.ApiSendAsync(HttpMethod.Put, $"/api/v1/personnes/{file.PersonId}/identite",
            new { version, birthName = file.BirthName, firstNames = "Alex", birthDate = "1980-05-17", phone, source = "Personne" });

    private Task<int> VersionAsync(Guid personId) => app.DbAsync(db => db.Persons.Where(p => p.Id == personId).Select(p => p.Version).SingleAsync());

    private static async Task AssertRestrictedAsync(HttpResponseMessage response, string what)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{what}: {(int)response.StatusCode}");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(FileStateAnswer.RestrictedTitle, problem.GetProperty("title").GetString());
        Assert.Contains("article 18", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_limited_file_is_read_but_neither_modified_nor_shared_until_the_dpo_lifts_the_limitation()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var ts = await StaffSession.LoginAsync(app, worker);
        var file = await app.CreateCaseAsync(0, worker);
        var consent = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/accords-de-partage",
            new { partner = "Bailleur", partnerName = "Office HLM de Valmont", purpose = "AccesAuLogement", categories = new[] { "Identite" }, form = "Ecrit", givenOn = Today });
        var consentId = (await consent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var requestId = await app.CreateRequestAsync(file.PersonId, RightKind.Limitation, worker.Id);
        var dpo = await DpoAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await RestrictAsync(dpo, requestId)).StatusCode);
        Assert.Contains(Restriction.AppliedMessage, await dpo.PageTextAsync(RequestPage(requestId)));

        // Read: the file opens, and says it is limited.
        var page = await ts.Client.GetAsync($"/personnes/{file.PersonId}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("data-restricted-banner", await page.Content.ReadAsStringAsync());

        // Neither modified nor shared, and nothing saved.
        var version = await VersionAsync(file.PersonId);
        await AssertRestrictedAsync(await EditPhoneAsync(ts, file, version, "06 00 00 00 42"), "coordonnées");
        await AssertRestrictedAsync(await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/entretiens",
            new { occurredOn = Today, kind = "Permanence", source = "Personne" }), "entretien");
        await AssertRestrictedAsync(await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/accords-de-partage/{consentId}/partages",
            new { categories = new[] { "Identite" } }), "partage");
        Assert.Equal(1, await app.InterviewCountAsync(file.FollowUpId!.Value));
        Assert.Equal(0, await app.DbAsync(db => db.Sharings.CountAsync(s => s.PersonId == file.PersonId)));
        Assert.Equal("06 00 00 00 01", await app.DbAsync(db => db.Persons.Where(p => p.Id == file.PersonId).Select(p => p.Phone).SingleAsync()));
        // What records the person's rights stays open: another request can be registered.
        await (await ts.RegisterAsync(file.PersonId, "Acces")).RegisteredIdAsync();

        // The lifting needs the day the person was told, not in the future.
        var missing = await LiftAsync(dpo, requestId, "");
        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("prévenue de la levée", await missing.TextAsync());
        var tomorrow = ParisTime.Today(TimeProvider.System).AddDays(2).ToString("yyyy-MM-dd");
        Assert.Contains("ne peut pas être dans le futur", await (await LiftAsync(dpo, requestId, tomorrow)).TextAsync());
        Assert.NotNull(await app.DbAsync(db => db.Persons.Where(p => p.Id == file.PersonId).Select(p => p.RestrictedSince).SingleAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await LiftAsync(dpo, requestId, Today)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await EditPhoneAsync(ts, file, await VersionAsync(file.PersonId), "06 00 00 00 42")).StatusCode);

        var journal = await app.DbAsync(db => db.JournalEntries.Where(e => e.Reference == requestId && e.Action == JournalAction.Limitation)
            .OrderBy(e => e.Seq).Select(e => e.Detail).ToListAsync());
        Assert.Equal(2, journal.Count);
        Assert.Equal("limitation appliquée", journal[0]);
        Assert.StartsWith("limitation levée, personne prévenue le ", journal[1]);
        Assert.All(journal, d => Assert.DoesNotContain(file.BirthName, d));
    }

    [Theory]
    [InlineData(StaffRole.TravailleurSocial)]
    [InlineData(StaffRole.ResponsableCirconscription)]
    [InlineData(StaffRole.Accueil)]
    public async Task Only_the_dpo_limits_a_file(StaffRole role)
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker);
        var requestId = await app.CreateRequestAsync(file.PersonId, RightKind.Limitation, worker.Id);
        var other = await StaffSession.LoginAsync(app, role == StaffRole.TravailleurSocial ? worker : await app.CreateAccountAsync(role));

        Assert.Equal(HttpStatusCode.NotFound, (await other.ApiSendAsync(HttpMethod.Post, $"/api/v1/droits/{requestId}/limitation", new { })).StatusCode);
        Assert.Null(await app.DbAsync(db => db.Persons.Where(p => p.Id == file.PersonId).Select(p => p.RestrictedSince).SingleAsync()));
    }

    [Fact]
    public async Task A_file_is_limited_only_from_an_open_limitation_request_and_lifted_only_from_the_one_that_limited_it()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await app.CreateCaseAsync(0, worker);
        var access = await app.CreateRequestAsync(file.PersonId, RightKind.Acces, worker.Id);
        var limitation = await app.CreateRequestAsync(file.PersonId, RightKind.Limitation, worker.Id);
        var dpo = await DpoAsync();

        var wrongKind = await dpo.ApiSendAsync(HttpMethod.Post, $"/api/v1/droits/{access}/limitation", new { });
        Assert.Equal("Cette demande n'est pas une demande de limitation.", (await wrongKind.ErrorsAsync()).GetProperty("request")[0].GetString());
        var notLimited = await dpo.ApiSendAsync(HttpMethod.Post, $"/api/v1/droits/{limitation}/levee-limitation", new { personToldOn = Today });
        Assert.Contains("rien à lever", (await notLimited.ErrorsAsync()).GetProperty("request")[0].GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await dpo.ApiSendAsync(HttpMethod.Post, $"/api/v1/droits/{limitation}/limitation", new { })).StatusCode);
        var twice = await dpo.ApiSendAsync(HttpMethod.Post, $"/api/v1/droits/{limitation}/limitation", new { });
        Assert.Contains("déjà limité", (await twice.ErrorsAsync()).GetProperty("request")[0].GetString());
        var fromAnother = await dpo.ApiSendAsync(HttpMethod.Post, $"/api/v1/droits/{access}/levee-limitation", new { personToldOn = Today });
        Assert.Contains("rien à lever", (await fromAnother.ErrorsAsync()).GetProperty("request")[0].GetString());
        Assert.NotNull(await app.DbAsync(db => db.Persons.Where(p => p.Id == file.PersonId).Select(p => p.RestrictedSince).SingleAsync()));
    }
}
