using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Domain.Accounts;
using Discret.Domain.Rights;
using Discret.Tests.Conservation;
using Discret.Tests.Support;
using Discret.Web.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Droits;

/// <summary>
/// Every write endpoint of the API on one person's file, walked on a file whose processing is limited (art. 18) and on
/// a file that went back to paper (refusal of computerisation), as the referent who could write all of it before:
/// each answers 409 with the reason and saves nothing — except those that write what the file's state leaves open.
/// The list of endpoints comes from the application itself, so a new endpoint is walked without anyone adding it here.
/// </summary>
[Collection(RightsCollection.Name)]
public class FileStateWritesTests(DiscretFactory app)
{
    /// <summary>What a limited file still takes: the proof that the person's rights were respected (information, requests).</summary>
    private static readonly string[] OpenOnLimitedFile = ["/information", "/information/tiers"];

    /// <summary>What a minimal record still takes: identity, team, appointments, information — and the way back.</summary>
    private static readonly string[] OpenOnPaperFile =
        ["/identite", "/equipe", "/api/v1/accompagnements/{id:guid}", "/information", "/information/tiers", "/acceptation-informatisation"];

    [Fact]
    public async Task On_a_limited_file_every_write_but_information_and_rights_answers_409_and_saves_nothing()
    {
        var (ts, worker, file, consentId) = await FileWithConsentAsync();
        var requestId = await app.CreateRequestAsync(file.PersonId, RightKind.Limitation, worker.Id);
        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
        var page = $"/droits/demandes/{requestId}";
        Assert.Equal(HttpStatusCode.Redirect, (await dpo.PostFormAsync($"{page}?handler=Restrict", new Dictionary<string, string>(), page)).StatusCode);

        await WalkAsync(ts, file, consentId, OpenOnLimitedFile, FileStateAnswer.RestrictedTitle);
        // A working note with a text is refused too: the authorization point decides notes like every other group.
        var note = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/accompagnements/{file.FollowUpId}/notes", new { text = "Rappeler la personne lundi." });
        Assert.Equal(HttpStatusCode.Conflict, note.StatusCode);
        Assert.Equal(0, await app.DbAsync(db => db.WorkingNotes.CountAsync(n => n.FollowUpId == file.FollowUpId)));
    }

    [Fact]
    public async Task On_a_paper_file_every_write_but_the_minimal_record_answers_409_and_saves_nothing()
    {
        var (ts, _, file, consentId) = await FileWithConsentAsync();
        Assert.Equal(HttpStatusCode.NoContent,
            (await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/refus-informatisation", new { confirm = true })).StatusCode);

        await WalkAsync(ts, file, consentId, OpenOnPaperFile, FileStateAnswer.PaperOnlyTitle);
    }

    private async Task<(StaffSession Ts, TestAccount Worker, TestCase File, Guid ConsentId)> FileWithConsentAsync()
    {
        var worker = await app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var ts = await StaffSession.LoginAsync(app, worker);
        var file = await app.CreateCaseAsync(0, worker);
        var consent = await ts.ApiSendAsync(HttpMethod.Post, $"/api/v1/personnes/{file.PersonId}/accords-de-partage",
            new { partner = "Bailleur", partnerName = "Office HLM de Valmont", purpose = "AccesAuLogement", categories = new[] { "Identite" }, form = "Ecrit", givenOn = Today });
        Assert.Equal(HttpStatusCode.Created, consent.StatusCode);
        // A mandate prepared, not yet signed: its signature and revocation are writes on the file too.
        _mandateId = (await AideNumerique.MandateFixture.CreateAsync(app, file, [worker.Id], ParisTime.Today(TimeProvider.System),
            ParisTime.Today(TimeProvider.System).AddMonths(3), signed: false)).Id;
        return (ts, worker, file, (await consent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    private Guid _mandateId;

    private async Task WalkAsync(StaffSession ts, TestCase file, Guid consentId, string[] open, string title)
    {
        var writes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Route: e.RoutePattern.RawText ?? "", Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []))
            .Where(e => e.Route.StartsWith("/api/v1/personnes/{id", StringComparison.Ordinal) || e.Route.StartsWith("/api/v1/accompagnements/{id", StringComparison.Ordinal))
            .SelectMany(e => e.Methods.Where(m => m is "POST" or "PUT" or "DELETE").Select(m => (e.Route, Method: m)))
            .ToList();
        Assert.True(writes.Count >= 12, $"{writes.Count} write endpoints found on a file");

        var before = await SnapshotAsync(file);
        var refused = 0;
        foreach (var (route, method) in writes.Where(w => !open.Any(o => w.Route.EndsWith(o, StringComparison.Ordinal))))
        {
            var url = route.Replace("{id:guid}", (route.StartsWith("/api/v1/personnes", StringComparison.Ordinal) ? file.PersonId : file.FollowUpId!.Value).ToString())
                .Replace("{consentId:guid}", consentId.ToString()).Replace("{mandateId:guid}", _mandateId.ToString());
            var response = await ts.ApiSendAsync(new HttpMethod(method), url, new { });
            Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{method} {route}: {(int)response.StatusCode}");
            Assert.Equal(title, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
            refused++;
        }
        Assert.True(refused >= 8, $"{refused} writes refused");
        Assert.Equal(before, await SnapshotAsync(file));
    }

    /// <summary>Everything a write on the file could have changed, counted.</summary>
    private Task<string> SnapshotAsync(TestCase file) => app.DbAsync(async db =>
    {
        var person = await db.Persons.AsNoTracking().SingleAsync(p => p.Id == file.PersonId);
        var followUp = await db.FollowUps.AsNoTracking().SingleAsync(f => f.Id == file.FollowUpId);
        return string.Join(";",
            person.Version, followUp.Version, followUp.Status,
            await db.Persons.CountAsync(p => p.HouseholdId == person.HouseholdId),
            await db.Interviews.CountAsync(i => i.FollowUpId == file.FollowUpId),
            await db.WorkingNotes.CountAsync(n => n.FollowUpId == file.FollowUpId),
            await db.SharingConsents.CountAsync(c => c.PersonId == file.PersonId && c.WithdrawnOn == null),
            await db.Sharings.CountAsync(s => s.PersonId == file.PersonId),
            await db.Mandates.CountAsync(m => m.PersonId == file.PersonId && m.SignedOn == null && m.RevokedOn == null),
            await db.MandateAuthorisations.CountAsync(a => a.RevokedOn == null && db.Mandates.Any(m => m.Id == a.MandateId && m.PersonId == file.PersonId)));
    });
}
