using System.Text;
using Discret.Catalogue;
using Discret.Domain.Persons;
using Discret.Domain.Rights;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Discret.BrowserTests;

/// <summary>Letters (Features/Courriers) in a real browser: the administrator's template editor with an error next to the field,
/// a file's letters and the letter's PDF, the print view without menus; axe-core clean, screenshots kept.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LettersTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_administrator_edits_a_template_and_an_unknown_field_is_said_next_to_the_text()
    {
        var report = new StringBuilder();
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var admin = await context.NewPageAsync();
        await Ui.LoginAsAsync(admin, "admin");
        await admin.GotoAsync("/modeles-de-courrier");
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Modèles de courrier" })).ToBeVisibleAsync();
        await Axe.CheckAsync(admin, "Modèles de courrier", report);
        await Ui.ScreenshotAsync(admin, "modeles-de-courrier");

        await admin.GetByRole(AriaRole.Link, new() { Name = "Accusé de réception d'une demande d'exercice des droits" }).ClickAsync();
        var body = admin.GetByLabel("Texte du courrier");
        await Expect(body).ToContainTextAsync("{{demande.numero}}");
        await Axe.CheckAsync(admin, "Modèle : accusé de réception", report);
        await Ui.ScreenshotAsync(admin, "modele-de-courrier");

        await body.FillAsync("Bonjour {{personne.nir}}.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Enregistrer une nouvelle version" }).ClickAsync();
        await Expect(admin.Locator(".invalid-feedback, .is-invalid ~ *").First).ToContainTextAsync("n'est pas un champ de fusion connu");
        await Axe.CheckAsync(admin, "Modèle : champ inconnu", report);
        await Ui.ScreenshotAsync(admin, "modele-de-courrier-erreur");

        await admin.SetViewportSizeAsync(640, 450);
        var widths = await admin.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1] + 1, $"The template editor scrolls sideways at 640 px ({widths[0]} > {widths[1]}).");
        await Ui.ScreenshotAsync(admin, "modele-de-courrier-200");
        Axe.AssertClean(report);
    }

    [Fact]
    public async Task The_worker_prints_the_file_and_produces_a_receipt_as_pdf()
    {
        var report = new StringBuilder();
        var (personId, name) = await DemoCases.CreatePersonAsync(fixture.Server, "Courrier", "Camille", new DateOnly(1979, 11, 3), (db, person, worker) =>
        {
            var followUp = new FollowUp(person.Id, worker.CirconscriptionId, worker.Id, [FollowUpMotive.Logement], new DateOnly(2026, 1, 5), Provenance.AProfessional);
            db.FollowUps.Add(followUp);
            db.Interviews.Add(new Interview(followUp.Id, worker.Id, new InterviewContent(new DateOnly(2026, 2, 1), InterviewKind.Permanence, [person.Id],
                [FollowUpMotive.Logement], [InterviewAction.DossierLogement], "Point sur la demande de logement social.", Provenance.ThePerson), DateTime.UtcNow));
            db.RightsRequests.Add(new RightsRequest(person.Id, worker.CirconscriptionId, RightKind.Acces, RequestChannel.Guichet, IdentityCheck.PersonneConnueDuService,
                new DateOnly(2026, 11, 20), null, worker.Id, DateTime.UtcNow));
        });

        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var ts = await context.NewPageAsync();
        await Ui.LoginAsAsync(ts, "ts");
        await ts.GotoAsync($"/personnes/{personId}");
        await ts.GetByRole(AriaRole.Link, new() { Name = "Version à imprimer du dossier" }).ClickAsync();
        await Expect(ts.GetByRole(AriaRole.Heading, new() { Name = name + " Camille" })).ToBeVisibleAsync();
        await Expect(ts.Locator("[data-print-footer]")).ToContainTextAsync("Document confidentiel — secret professionnel — imprimé le");
        Assert.Equal(0, await ts.Locator("nav, button, header").CountAsync());
        await Axe.CheckAsync(ts, "Version à imprimer", report);
        await Ui.ScreenshotAsync(ts, "dossier-impression");
        await ts.EmulateMediaAsync(new() { Media = Media.Print });
        await Ui.ScreenshotAsync(ts, "dossier-impression-print");
        await ts.EmulateMediaAsync(new() { Media = Media.Screen });

        await ts.GotoAsync($"/personnes/{personId}/courriers");
        await Expect(ts.GetByRole(AriaRole.Heading, new() { Name = "Courriers", Exact = true })).ToBeVisibleAsync();
        await Axe.CheckAsync(ts, "Courriers du dossier", report);
        var receipt = ts.Locator("article", new() { Has = ts.GetByRole(AriaRole.Heading, new() { Name = "Accusé de réception d'une demande d'exercice des droits" }) });
        var download = await ts.RunAndWaitForDownloadAsync(() => receipt.GetByRole(AriaRole.Button, new() { Name = "Produire le courrier (PDF)" }).ClickAsync());
        var folder = Environment.GetEnvironmentVariable("DISCRET_SHOTS") ?? Path.Combine(Path.GetTempPath(), "shots");
        Directory.CreateDirectory(folder);
        await download.SaveAsAsync(Path.Combine(folder, "courrier-accuse-de-reception.pdf"));
        Assert.True(new FileInfo(Path.Combine(folder, "courrier-accuse-de-reception.pdf")).Length > 1000);

        await ts.ReloadAsync();
        await Expect(ts.Locator("[data-letter]").First).ToContainTextAsync("Accusé de réception");
        await Axe.CheckAsync(ts, "Courriers du dossier, un courrier produit", report);
        await Ui.ScreenshotAsync(ts, "dossier-courriers");
        Axe.AssertClean(report);
    }
}
