using System.Text;
using Discret.Catalogue;
using Discret.Domain.Persons;
using Discret.Domain.Rights;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Discret.BrowserTests;

/// <summary>
/// The limitation of processing (GDPR art. 18) in a real browser: the DPO limits the file from the person's request;
/// the referent's file then shows the banner and offers no action; the DPO lifts it with the day the person was told,
/// and the actions come back. axe-core on each page.
/// </summary>
[Collection(BrowserCollection.Name)]
public class LimitationTests(BrowserFixture fixture)
{
    /// <summary>A person followed by the demo social worker, with an open limitation request.</summary>
    private async Task<(Guid PersonId, Guid RequestId)> CreateCaseAsync()
    {
        var requestId = Guid.Empty;
        var (personId, _) = await DemoCases.CreatePersonAsync(fixture.Server, "Limite", "Camille", new DateOnly(1984, 6, 2), (db, person, ts) =>
        {
            var now = DateTime.UtcNow;
            var today = DateOnly.FromDateTime(now);
            db.FollowUps.Add(new FollowUp(person.Id, ts.CirconscriptionId, ts.Id, [FollowUpMotive.Logement], today, Provenance.AProfessional));
            var request = new RightsRequest(person.Id, ts.CirconscriptionId, RightKind.Limitation, RequestChannel.Guichet,
                IdentityCheck.PersonneConnueDuService, today, null, ts.Id, now);
            db.RightsRequests.Add(request);
            requestId = request.Id;
        });
        return (personId, requestId);
    }

    [Fact]
    public async Task The_dpo_limits_a_file_the_referent_can_only_read_it_until_the_dpo_lifts_the_limitation()
    {
        var report = new StringBuilder();
        var (personId, requestId) = await CreateCaseAsync();

        await using var dpoContext = await fixture.NewContextAsync(bypassCsp: true);
        var dpo = await dpoContext.NewPageAsync();
        await Ui.LoginAsAsync(dpo, "dpo");
        await dpo.GotoAsync($"/droits/demandes/{requestId}");
        await Axe.CheckAsync(dpo, "Demande de limitation (DPO)", report);
        await dpo.GetByRole(AriaRole.Button, new() { Name = "Limiter le traitement du dossier" }).ClickAsync();
        await Expect(dpo.GetByText("Le traitement du dossier est limité : il peut être consulté")).ToBeVisibleAsync();
        await Axe.CheckAsync(dpo, "Demande de limitation, dossier limité (DPO)", report);

        await using var tsContext = await fixture.NewContextAsync(bypassCsp: true);
        var ts = await tsContext.NewPageAsync();
        await Ui.LoginAsAsync(ts, "ts");
        await ts.GotoAsync($"/personnes/{personId}");
        await Expect(ts.Locator("[data-restricted-banner]")).ToBeVisibleAsync();
        await Expect(ts.GetByRole(AriaRole.Link, new() { Name = "Saisir un entretien" })).ToHaveCountAsync(0);
        await Axe.CheckAsync(ts, "Dossier limité (travailleur social)", report);

        // The lifting needs the day the person was told.
        await dpo.GetByRole(AriaRole.Button, new() { Name = "Lever la limitation" }).ClickAsync();
        await Expect(dpo.Locator("[data-error-summary]")).ToBeVisibleAsync();
        await dpo.GetByLabel("Personne prévenue de la levée le").FillAsync(ParisTime.Today(TimeProvider.System).ToString("yyyy-MM-dd"));
        await dpo.GetByRole(AriaRole.Button, new() { Name = "Lever la limitation" }).ClickAsync();
        await Expect(dpo.GetByText("La limitation est levée")).ToBeVisibleAsync();

        await ts.ReloadAsync();
        await Expect(ts.GetByRole(AriaRole.Link, new() { Name = "Saisir un entretien" })).ToBeVisibleAsync();
        await Expect(ts.Locator("[data-restricted-banner]")).ToHaveCountAsync(0);
        Axe.AssertClean(report);
    }
}
