using System.Net;
using System.Text.Json;
using Discret.Domain.Accounts;
using Discret.Domain.Mandates;
using Discret.Tests.Support;

namespace Discret.Tests.AideNumerique;

/// <summary>
/// The statistics count digital helps by level and by domain of the procedure — never by worker or person — with small
/// counts masked as every other indicator. On an application of its own (the statistics count the whole database).
/// </summary>
public sealed class DigitalHelpStatisticsTests : IAsyncLifetime
{
    private readonly DiscretFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;
    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Digital_helps_are_counted_by_level_and_by_domain_and_small_counts_are_masked()
    {
        var worker = await _app.CreateAccountAsync(StaffRole.TravailleurSocial);
        var file = await _app.CreateCaseAsync(0, worker);
        var today = ParisTime.Today(TimeProvider.System);
        var mandate = await MandateFixture.CreateAsync(_app, file, [worker.Id], today, today.AddMonths(1));
        await _app.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var followUp = file.FollowUpId!.Value;
            for (var i = 0; i < 6; i++) db.DigitalHelps.Add(DigitalHelp.Training(followUp, file.PersonId, DigitalTrainingTheme.NaviguerSurInternet, today, worker.Id, now));
            for (var i = 0; i < 5; i++)
            {
                db.DigitalHelps.Add(DigitalHelp.Accompanying(followUp, file.PersonId, ProcedureDomain.Social, OnlineOrganisation.Caf, ProcedureOutcome.Aboutie, today, worker.Id, now));
                db.DigitalHelps.Add(DigitalHelp.Accompanying(followUp, file.PersonId, ProcedureDomain.Logement, OnlineOrganisation.BailleurSocial, ProcedureOutcome.EnCours, today, worker.Id, now));
            }
            for (var i = 0; i < 2; i++)
                db.DigitalHelps.Add(DigitalHelp.Accompanying(followUp, file.PersonId, ProcedureDomain.Justice, OnlineOrganisation.Autre, ProcedureOutcome.Aboutie, today, worker.Id, now));
            var tracked = await db.Mandates.FindAsync(mandate.Id);
            var social = db.Entry(tracked!).Collection(m => m.Authorisations);
            await social.LoadAsync();
            for (var i = 0; i < 5; i++)
                db.MandateActions.Add(new MandateAction(tracked!, tracked!.AuthorisationFor(ProcedureDomain.Social)!, OnlineOrganisation.Caf, OnlineProcedure.DemandeDePrestation,
                    ProcedureOutcome.Aboutie, today, worker.Id, now));
            await db.SaveChangesAsync();
        });
        var dpo = await StaffSession.LoginAsync(_app, await _app.CreateAccountAsync(StaffRole.Dpo));
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var recomputed = await dpo.ApiSendAsync(HttpMethod.Post, "/api/v1/statistiques/recalcul");
            if (recomputed.StatusCode == HttpStatusCode.OK) break;
            Assert.True(DateTime.UtcNow < until, await recomputed.Content.ReadAsStringAsync());
            await Task.Delay(200);
        }

        async Task<Dictionary<string, JsonElement>> RowsAsync(string breakdown)
        {
            var table = JsonDocument.Parse(await dpo.Client.GetStringAsync($"/api/v1/statistiques/aides-numeriques?period={today.Year}&territory=departement&breakdown={breakdown}")).RootElement;
            return table.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("value").GetString()!, r => r.GetProperty("cells")[0]);
        }
        int? Count(JsonElement cell) => cell.GetProperty("count").ValueKind == JsonValueKind.Number ? cell.GetProperty("count").GetInt32() : null;

        var levels = await RowsAsync("niveau");
        Assert.Equal(23, Count(levels[""]));
        Assert.Equal(6, Count(levels["JeForme"]));
        Assert.Equal(12, Count(levels["JAccompagne"]));
        Assert.Equal(5, Count(levels["JeFaisALaPlaceDe"]));
        var domains = await RowsAsync("domaine");
        Assert.True(domains["Justice"].GetProperty("masked").GetBoolean(), domains["Justice"].ToString()); // 2: under the threshold
        Assert.Null(Count(domains["Justice"]));
        Assert.True(Count(domains["Social"]) is null or 10, domains["Social"].ToString());
        Assert.True(Count(domains["Social"]) == 10 || Count(domains["Logement"]) == 5, "one of the two larger domains stays published");
        // No worker, no person: the indicator has no such breakdown.
        var catalog = JsonDocument.Parse(await dpo.Client.GetStringAsync("/api/v1/statistiques")).RootElement;
        var indicator = catalog.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "aides-numeriques");
        Assert.Equal(["niveau", "domaine"], indicator.GetProperty("breakdowns").EnumerateArray().Select(b => b.GetProperty("code").GetString()).ToList());
    }
}
