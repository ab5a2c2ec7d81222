using System.Text;
using Discret.Catalogue;
using Discret.Domain.Persons;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Discret.BrowserTests;

/// <summary>Tasks in a real browser (issue 16 §3): the worker adds a task from her follow-up with the keyboard only, finds it
/// in « Mes tâches » on her home page and marks it done; every page axe-core clean, screenshots kept.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TasksTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_worker_creates_a_task_from_her_follow_up_by_keyboard_and_finds_it_on_her_home_page()
    {
        var report = new StringBuilder();
        var (personId, _) = await DemoCases.CreatePersonAsync(fixture.Server, "Tache", "Camille", new DateOnly(1979, 6, 12), (db, person, worker) =>
            db.FollowUps.Add(new FollowUp(person.Id, worker.CirconscriptionId, worker.Id, [FollowUpMotive.Logement], new DateOnly(2026, 1, 5), Provenance.AProfessional)));
        var title = "Envoyer le dossier FSL au bailleur";

        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var ts = await context.NewPageAsync();
        await Ui.LoginAsAsync(ts, "ts");
        await ts.GotoAsync($"/personnes/{personId}");
        var add = ts.GetByRole(AriaRole.Link, new() { Name = "Ajouter une tâche" });
        await add.FocusAsync();
        await ts.Keyboard.PressAsync("Enter");
        await Expect(ts.GetByRole(AriaRole.Heading, new() { Name = "Nouvelle tâche" })).ToBeVisibleAsync();
        await Axe.CheckAsync(ts, "Nouvelle tâche", report);
        await Ui.ScreenshotAsync(ts, "nouvelle-tache");

        // A judgement in the title: refused, the message next to the field, focus reachable from the error summary.
        await ts.GetByLabel("Intitulé").FocusAsync();
        await ts.Keyboard.TypeAsync("Recadrer Madame, paresseuse");
        await ts.Keyboard.PressAsync("Enter");
        await Expect(ts.Locator("#Input_Title-error")).ToContainTextAsync("Jugement");
        await Axe.CheckAsync(ts, "Nouvelle tâche refusée", report);
        await Ui.ScreenshotAsync(ts, "nouvelle-tache-refusee");

        await ts.GetByLabel("Intitulé").FocusAsync();
        await ts.Keyboard.PressAsync("Control+A");
        await ts.Keyboard.TypeAsync(title);
        await ts.Keyboard.PressAsync("Enter");
        await Ui.WaitForUrlAsync(ts, new System.Text.RegularExpressions.Regex($"/personnes/{personId}$"));

        await ts.GotoAsync("/");
        var mine = ts.Locator("[data-my-tasks]");
        await Expect(mine.GetByRole(AriaRole.Cell, new() { Name = title, Exact = true })).ToBeVisibleAsync();
        await Axe.CheckAsync(ts, "Accueil avec Mes tâches", report);
        await Ui.ScreenshotAsync(ts, "accueil-mes-taches");

        await ts.GotoAsync("/taches");
        await Axe.CheckAsync(ts, "Mes tâches", report);
        await Ui.ScreenshotAsync(ts, "mes-taches");
        await ts.GetByRole(AriaRole.Button, new() { Name = "Marquer faite : " + title }).FocusAsync();
        await ts.Keyboard.PressAsync("Enter");
        await Ui.WaitForUrlAsync(ts, new System.Text.RegularExpressions.Regex("/taches$"));
        await ts.GotoAsync("/taches?statut=faites");
        await Expect(ts.GetByRole(AriaRole.Cell, new() { Name = title, Exact = true })).ToBeVisibleAsync();
        await Axe.CheckAsync(ts, "Mes tâches faites", report);
        Axe.AssertClean(report);
    }
}
