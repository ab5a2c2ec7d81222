using System.Text;
using Discret.Catalogue;
using Discret.Domain.Mandates;
using Discret.Domain.Persons;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Discret.BrowserTests;

/// <summary>Digital help in a real browser (issue 19): the worker records, with the keyboard only, a « je forme », a « j'accompagne »
/// (first sent empty: the errors in the summary and next to their fields) and a « je fais à la place de » under a signed
/// mandate naming her; every page axe-core clean (no serious or critical violation), screenshots kept.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DigitalHelpTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_worker_records_a_digital_help_at_each_level_by_keyboard()
    {
        var report = new StringBuilder();
        var (personId, _) = await DemoCases.CreatePersonAsync(fixture.Server, "Numerique", "Camille", new DateOnly(1981, 4, 2), (db, person, worker) =>
        {
            var followUp = new FollowUp(person.Id, worker.CirconscriptionId, worker.Id, [FollowUpMotive.AccesAuxDroits], new DateOnly(2026, 1, 5), Provenance.AProfessional);
            db.FollowUps.Add(followUp);
            var today = ParisTime.Today(TimeProvider.System);
            var mandate = new Mandate(person.Id, followUp.Id, new MandateTerms(today, today.AddMonths(3), ProtectionMeasure.Aucune, null, [worker.Id],
                [MandateDataKind.Ressources], [(ProcedureDomain.Social, [OnlineOrganisation.Caf])]), worker.Id, DateTime.UtcNow);
            mandate.Seal("test-1", "{}");
            mandate.RecordSignature(today, MandateSigner.LaPersonne, worker.Id, DateTime.UtcNow);
            db.Mandates.Add(mandate);
        });

        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var ts = await context.NewPageAsync();
        await Ui.LoginAsAsync(ts, "ts");

        async Task OpenFormAsync(string level)
        {
            await ts.GotoAsync($"/personnes/{personId}");
            await ts.GetByRole(AriaRole.Link, new() { Name = "Enregistrer une aide numérique" }).FocusAsync();
            await ts.Keyboard.PressAsync("Enter");
            await Expect(ts.GetByRole(AriaRole.Heading, new() { Name = "Enregistrer une aide numérique" })).ToBeVisibleAsync();
            await ts.GetByRole(AriaRole.Link, new() { Name = level, Exact = true }).FocusAsync();
            await ts.Keyboard.PressAsync("Enter");
            await Expect(ts.GetByRole(AriaRole.Heading, new() { Name = level, Exact = true })).ToBeVisibleAsync();
        }
        async Task ChooseFirstAsync(string label)
        {
            await ts.GetByLabel(label).FocusAsync();
            await ts.Keyboard.PressAsync("ArrowDown");
        }
        async Task SubmitAsync()
        {
            await ts.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'aide" }).FocusAsync();
            await ts.Keyboard.PressAsync("Enter");
        }
        var backToFile = new System.Text.RegularExpressions.Regex($"/personnes/{personId}");

        await OpenFormAsync("Je forme");
        await Axe.CheckAsync(ts, "Aide numérique : je forme", report);
        await Ui.ScreenshotAsync(ts, "aide-numerique-je-forme");
        await ChooseFirstAsync("Thème de la formation");
        await SubmitAsync();
        await Ui.WaitForUrlAsync(ts, backToFile);

        await OpenFormAsync("J'accompagne");
        await SubmitAsync();
        await Expect(ts.Locator("#Input_Domain-error")).ToContainTextAsync("Choisissez le domaine");
        await Axe.CheckAsync(ts, "Aide numérique : j'accompagne, erreurs", report);
        await Ui.ScreenshotAsync(ts, "aide-numerique-j-accompagne-erreurs");
        await ChooseFirstAsync("Domaine de la démarche");
        await ChooseFirstAsync("Organisme");
        await ChooseFirstAsync("Résultat de la démarche");
        await SubmitAsync();
        await Ui.WaitForUrlAsync(ts, backToFile);

        await OpenFormAsync("Je fais à la place de la personne");
        await Axe.CheckAsync(ts, "Aide numérique : je fais à la place de", report);
        await Ui.ScreenshotAsync(ts, "aide-numerique-a-la-place");
        await ChooseFirstAsync("Mandat sous lequel vous agissez");
        await ChooseFirstAsync("Domaine de la démarche");
        await ChooseFirstAsync("Organisme");
        await ChooseFirstAsync("Démarche faite");
        await ChooseFirstAsync("Résultat de la démarche");
        await SubmitAsync();
        await Ui.WaitForUrlAsync(ts, backToFile);

        var section = ts.Locator("section", new() { Has = ts.GetByRole(AriaRole.Heading, new() { Name = "Aides numériques" }) });
        await Expect(section.Locator("li")).ToHaveCountAsync(3);
        await Axe.CheckAsync(ts, "Dossier avec aides numériques", report);
        Axe.AssertClean(report);
    }
}
