using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Tests.Support;
using Discret.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Conservation;

/// <summary>
/// A file whose active period is over leaves daily work as soon as the retention job lists it for elimination — like
/// a file moved to the intermediate archive — not weeks later when the archives service's visa lets it be destroyed:
/// 404 on every page and API of the file, out of every search, for every role; the DPO still reaches it (the elimination
/// list counts it, the archive consultation finds and opens it). Its own application: the retention job lists every
/// file of the database that is past its time.
/// </summary>
public sealed class EndOfActivePeriodTests : IClassFixture<ConservationApp>
{
    private readonly ConservationApp _app;

    public EndOfActivePeriodTests(ConservationApp app) => _app = app;

    private const string Justification = "Contentieux en cours devant le tribunal administratif, référence du greffe.";

    private static string UniqueName(string stem) => stem + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());

    private static async Task<List<Guid>> SearchAsync(StaffSession session, string name)
    {
        var response = await session.ApiSendAsync(HttpMethod.Post, "/api/v1/personnes/recherche", new { name });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return json.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetGuid()).ToList();
    }

    [Fact]
    public async Task A_file_listed_for_elimination_leaves_daily_work_at_once_and_the_dpo_still_reaches_it()
    {
        var name = UniqueName("Echeance");
        var worker = await _app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await _app.CreateCaseAsync(0, worker, closed: true, birthName: name);
        var reception = await StaffSession.LoginAsync(_app, await _app.CreateAccountAsync(StaffRole.Accueil));
        var rc = await StaffSession.LoginAsync(_app, await _app.CreateAccountAsync(StaffRole.ResponsableCirconscription));
        var colleague = await StaffSession.LoginAsync(_app, await _app.CreateAccountAsync(StaffRole.TravailleurSocial));
        var dpo = await StaffSession.LoginAsync(_app, await _app.CreateAccountAsync(StaffRole.Dpo));
        Assert.Contains(file.PersonId, await SearchAsync(reception, name));
        Assert.Equal(HttpStatusCode.OK, (await reception.Client.GetAsync($"/personnes/{file.PersonId}")).StatusCode);

        // Last seen more than two years ago, no follow-up open: the job lists the file. No visa yet: nothing is destroyed.
        await _app.SetLastContactAsync(file.PersonId, _app.Today.AddDays(-731));
        await _app.RunRetentionAsync();
        var batchId = await _app.BatchOfAsync(file.PersonId);
        Assert.NotNull(batchId);
        Assert.True(await _app.PersonExistsAsync(file.PersonId));

        string[] urls =
        [
            $"/personnes/{file.PersonId}", $"/api/v1/personnes/{file.PersonId}", $"/personnes/{file.PersonId}/identite",
            $"/personnes/{file.PersonId}/menage", $"/api/v1/personnes/{file.PersonId}/information", $"/accompagnements/{file.FollowUpId}",
            $"/api/v1/accompagnements/{file.FollowUpId}",
        ];
        var reached = new List<string>();
        foreach (var (role, session) in new[] { ("Accueil", reception), ("RC", rc), ("TS référent", await StaffSession.LoginAsync(_app, worker)) })
            foreach (var url in urls)
                if ((await session.Client.GetAsync(url)).StatusCode != HttpStatusCode.NotFound) reached.Add($"{role} {url}");
        Assert.True(reached.Count == 0, "Reached a file listed for elimination: " + string.Join(", ", reached));
        Assert.DoesNotContain(file.PersonId, await SearchAsync(reception, name));
        var breakGlass = await colleague.PostFormAsync("/acces-exceptionnel", new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.BirthDate"] = "1980-05-17",
        });
        Assert.Equal(HttpStatusCode.OK, breakGlass.StatusCode);
        Assert.DoesNotContain(file.PersonId.ToString(), await breakGlass.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.Client.GetAsync($"/acces-exceptionnel/{file.PersonId}")).StatusCode);

        // The DPO: the elimination list counts it; the consultation finds it, says where it is, and opens it read-only.
        var number = await _app.DbAsync(db => db.EliminationBatches.Where(b => b.Id == batchId).Select(b => b.Number).SingleAsync());
        Assert.Contains("Dossiers de personnes", await dpo.PageTextAsync($"/conservation/bordereaux/{number}"));
        var found = await (await dpo.PostFormAsync("/conservation/archives", new Dictionary<string, string>
        {
            ["Input.Reason"] = "Contentieux", ["Input.Justification"] = Justification, ["Input.Name"] = name,
        })).TextAsync();
        Assert.Contains($"/conservation/archives/{file.PersonId}", found);
        Assert.Contains($"Inscrit au bordereau d'élimination n° {number}", found);
        var opened = await (await dpo.PostFormAsync($"/conservation/archives/{file.PersonId}", new Dictionary<string, string>
        {
            ["Input.Reason"] = "Contentieux", ["Input.Justification"] = Justification,
        }, "/conservation/archives")).TextAsync();
        Assert.Contains(name, opened);
        Assert.Contains(TestCase.InterviewSummary, opened);
    }
}
