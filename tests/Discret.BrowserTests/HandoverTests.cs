using System.Text;
using System.Text.RegularExpressions;
using Discret.Catalogue;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Discret.BrowserTests;

/// <summary>The head of circonscription's day in a real browser, by keyboard: her home (« À orienter », « À réattribuer »,
/// the team today), a worker declared absent, her follow-up handed over to Théo, who finds it on his home page. axe-core
/// clean on every page; « À réattribuer » readable at 200 % zoom without scrolling sideways.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HandoverTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_head_declares_an_absence_and_hands_the_follow_up_over_to_a_present_worker()
    {
        var report = new StringBuilder();
        var leaving = "Camille Partante " + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(4).ToArray());
        Guid leavingId = default;
        var (_, name) = await DemoCases.CreatePersonAsync(fixture.Server, "Relais", "Noa", new DateOnly(1979, 11, 8), (db, person, worker) =>
        {
            var account = new StaffAccount("relais." + Guid.NewGuid().ToString("N")[..8], leaving, StaffRole.TravailleurSocial, worker.CirconscriptionId, DateTime.UtcNow.AddYears(-1));
            account.ConfirmAccess(DateTime.UtcNow.AddYears(-1));
            db.Users.Add(account);
            leavingId = account.Id;
            db.FollowUps.Add(new FollowUp(person.Id, worker.CirconscriptionId, account.Id, [FollowUpMotive.Logement], new DateOnly(2026, 1, 5), Provenance.AProfessional));
        });

        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var rc = await context.NewPageAsync();
        await Ui.LoginAsAsync(rc, "rc");
        await Expect(rc.GetByRole(AriaRole.Heading, new() { Name = "À orienter" })).ToBeVisibleAsync();
        await Expect(rc.Locator($"[data-home-team] [data-worker='{leavingId}'][data-available='1']")).ToBeVisibleAsync();
        await Axe.CheckAsync(rc, "Accueil du responsable de circonscription", report);
        await Ui.ScreenshotAsync(rc, "accueil-responsable");

        await rc.GotoAsync("/equipe");
        await Axe.CheckAsync(rc, "Équipe de la circonscription", report);
        await Ui.ScreenshotAsync(rc, "equipe");
        await rc.GetByRole(AriaRole.Link, new() { Name = $"Déclarer une absence de {leaving}" }).FocusAsync();
        await rc.Keyboard.PressAsync("Enter");
        await Ui.WaitForPathAsync(rc, $"/equipe/{leavingId}/absence");
        await Axe.CheckAsync(rc, "Absence d'un professionnel", report);
        await rc.GetByLabel("Premier jour d'absence").FillAsync(ParisTime.Today(TimeProvider.System).ToString("yyyy-MM-dd"));
        await rc.GetByLabel("Premier jour d'absence").PressAsync("Enter");
        await Ui.WaitForPathAsync(rc, "/equipe");
        await Expect(rc.Locator($"[data-worker='{leavingId}'][data-available='0']")).ToBeVisibleAsync();

        await rc.GotoAsync("/a-reattribuer");
        var row = rc.GetByLabel($"Réattribuer l'accompagnement de {name} Noa");
        await Expect(row).ToBeVisibleAsync();
        await Axe.CheckAsync(rc, "À réattribuer", report);
        await Ui.ScreenshotAsync(rc, "a-reattribuer");
        await rc.GetByRole(AriaRole.Button, new() { Name = "Réattribuer les accompagnements cochés" }).ClickAsync();
        await Expect(rc.Locator(".discret-error-summary")).ToBeVisibleAsync();
        await Axe.CheckAsync(rc, "À réattribuer, erreurs", report);
        await row.FocusAsync();
        await rc.Keyboard.PressAsync("Space");
        await rc.SelectOptionAsync("#Input_NewReferentId", new SelectOptionValue { Label = "Théo Travailleur (travailleur social)" });
        await rc.SelectOptionAsync("#Input_Reason", new[] { "AbsenceDuReferent" });
        await rc.GetByRole(AriaRole.Button, new() { Name = "Réattribuer les accompagnements cochés" }).FocusAsync();
        await rc.Keyboard.PressAsync("Enter");
        await Expect(rc.GetByText("Un accompagnement a été réattribué.")).ToBeVisibleAsync();
        await Expect(rc.GetByLabel($"Réattribuer l'accompagnement de {name} Noa")).ToHaveCountAsync(0);

        await rc.SetViewportSizeAsync(640, 450);
        var widths = await rc.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1] + 1, $"« À réattribuer » scrolls sideways at 640 px ({widths[0]} > {widths[1]}).");
        await Ui.ScreenshotAsync(rc, "a-reattribuer-200");

        await using var tsContext = await fixture.NewContextAsync(bypassCsp: true);
        var ts = await tsContext.NewPageAsync();
        await Ui.LoginAsAsync(ts, "ts");
        await ts.GotoAsync("/?tri=nom&referente=1");
        await Expect(ts.Locator("[data-caseload]").GetByRole(AriaRole.Link, new() { Name = name + " Noa" })).ToBeVisibleAsync();

        // Leaves the shared demo as it found it: the worker is back.
        using (var scope = fixture.Server.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<DiscretDbContext>().Users.Where(a => a.Id == leavingId)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.IsActive, false));
        Axe.AssertClean(report);
    }
}
