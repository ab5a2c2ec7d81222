using System.Text;
using Discret.Catalogue;
using Discret.Domain.Persons;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Discret.BrowserTests;

/// <summary>« Mes accompagnements » on the social worker's home in a real browser: sorted and filtered through its form,
/// axe-core clean in each state, readable at 1280 px and at 200 % zoom (640 px) without scrolling sideways.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CaseloadTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_worker_sorts_and_filters_her_follow_ups_on_her_home_page()
    {
        var report = new StringBuilder();
        // One file of the demo worker with a neighbour's report a month past its deadline: overdue.
        var (_, late) = await DemoCases.CreatePersonAsync(fixture.Server, "Retard", "Sacha", new DateOnly(1985, 3, 2), (db, person, worker) =>
        {
            var followUp = new FollowUp(person.Id, worker.CirconscriptionId, worker.Id, [FollowUpMotive.Logement], new DateOnly(2026, 1, 5), Provenance.AProfessional);
            db.FollowUps.Add(followUp);
            db.Interviews.Add(new Interview(followUp.Id, worker.Id, new InterviewContent(new DateOnly(2026, 2, 1), InterviewKind.Permanence, [person.Id],
                [FollowUpMotive.Logement], [InterviewAction.DossierLogement], "Courriers de relance rapportés par le voisinage.",
                Provenance.ReportedBy(ThirdPartyCategory.Voisinage)), DateTime.UtcNow));
        });

        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var ts = await context.NewPageAsync();
        await Ui.LoginAsAsync(ts, "ts");
        var caseload = ts.Locator("[data-caseload]");
        await Expect(caseload.GetByRole(AriaRole.Heading, new() { Name = "Mes accompagnements" })).ToBeVisibleAsync();
        await Expect(caseload.GetByRole(AriaRole.Link, new() { Name = late + " Sacha" })).ToBeVisibleAsync();
        await Axe.CheckAsync(ts, "Mes accompagnements", report);
        await Ui.ScreenshotAsync(ts, "mes-accompagnements");

        await ts.SelectOptionAsync("#tri", new[] { "nom" });
        await ts.GetByLabel("Seulement ceux où quelque chose est en retard").CheckAsync();
        await ts.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        await Ui.WaitForUrlAsync(ts, new System.Text.RegularExpressions.Regex(@"/\?tri=nom&retard=1$"));
        await Expect(caseload.GetByRole(AriaRole.Link, new() { Name = late + " Sacha" })).ToBeVisibleAsync();
        await Expect(caseload.Locator("[data-overdue]").First).ToBeVisibleAsync();
        await Expect(ts.GetByLabel("Seulement ceux où quelque chose est en retard")).ToBeCheckedAsync();
        await Axe.CheckAsync(ts, "Mes accompagnements en retard, par nom", report);

        await ts.SetViewportSizeAsync(640, 450);
        var widths = await ts.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1] + 1, $"« Mes accompagnements » scrolls sideways at 640 px ({widths[0]} > {widths[1]}).");
        // Nor does its table, inside its own frame: every column is read without scrolling.
        var table = await caseload.Locator(".table-responsive").EvaluateAsync<int[]>("e => [e.scrollWidth, e.clientWidth]");
        Assert.True(table[0] <= table[1] + 1, $"The table of « Mes accompagnements » scrolls sideways at 640 px ({table[0]} > {table[1]}).");
        await Ui.ScreenshotAsync(ts, "mes-accompagnements-200");
        Axe.AssertClean(report);
    }
}
