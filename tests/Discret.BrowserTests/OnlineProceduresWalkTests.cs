using System.Text;
using Discret.Catalogue;
using Discret.Domain.Persons;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Discret.BrowserTests;

/// <summary>
/// Issue 19's walk, end to end in a real browser: the social worker records a « j'accompagne », prepares and prints a
/// mandate for two domains, records its signature and does two procedures in the person's place; the person revokes one
/// authorisation at reception; the next procedure in that domain is no longer offered, and refused when sent anyway.
/// axe-core on every page.
/// </summary>
[Collection(BrowserCollection.Name)]
public class OnlineProceduresWalkTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_worker_accompanies_then_acts_under_a_mandate_until_reception_records_the_revocation_of_one_domain()
    {
        var report = new StringBuilder();
        var (personId, _) = await DemoCases.CreatePersonAsync(fixture.Server, "Demarche", "Lou", new DateOnly(1983, 6, 14), (db, person, ts) =>
            db.FollowUps.Add(new FollowUp(person.Id, ts.CirconscriptionId, ts.Id, [FollowUpMotive.DemarchesAdministratives], new DateOnly(2026, 1, 5), Provenance.AProfessional)));

        await using var tsContext = await fixture.NewContextAsync(bypassCsp: true);
        var ts = await tsContext.NewPageAsync();
        await Ui.LoginAsAsync(ts, "ts");
        var file = $"/personnes/{personId}";
        var backToFile = new System.Text.RegularExpressions.Regex(file);

        async Task OpenDigitalHelpAsync(string level)
        {
            await ts.GotoAsync(file);
            await ts.GetByRole(AriaRole.Link, new() { Name = "Enregistrer une aide numérique" }).ClickAsync();
            await ts.GetByRole(AriaRole.Link, new() { Name = level, Exact = true }).ClickAsync();
            await Expect(ts.GetByRole(AriaRole.Heading, new() { Name = level, Exact = true })).ToBeVisibleAsync();
        }
        Task ChooseAsync(string label, string value) => ts.GetByLabel(label).SelectOptionAsync(new SelectOptionValue { Value = value });

        // 1. « J'accompagne »: the person types her own credentials; only the domain, the organisation and the outcome are kept.
        await OpenDigitalHelpAsync("J'accompagne");
        await ChooseAsync("Domaine de la démarche", "Logement");
        await ChooseAsync("Organisme", "Caf");
        await ChooseAsync("Résultat de la démarche", "Aboutie");
        await ts.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'aide" }).ClickAsync();
        await Ui.WaitForUrlAsync(ts, backToFile);

        // 2. A mandate for « Social, santé » (CAF) and « Logement » (CAF), printed, then its signature recorded.
        await ts.GetByRole(AriaRole.Link, new() { Name = "Préparer un mandat" }).ClickAsync();
        await ts.GetByLabel("Théo Travailleur (référent)").CheckAsync();
        foreach (var domain in new[] { 2, 4 }) // ProcedureDomain.Social, ProcedureDomain.Logement
        {
            await ts.Locator($"#Input_Authorisations_{domain}__Selected").CheckAsync();
            await ts.Locator($"#Input_Authorisations_{domain}__Organisations").First.CheckAsync(); // CAF, the first organisation
        }
        await ts.GetByLabel("Ressources", new() { Exact = true }).CheckAsync();
        await ts.GetByLabel("Dernier jour du mandat").FillAsync(ParisTime.Today(TimeProvider.System).AddMonths(6).ToString("yyyy-MM-dd"));
        await ts.GetByRole(AriaRole.Button, new() { Name = "Préparer le mandat" }).ClickAsync();
        await Expect(ts.Locator("[data-mandate-state]")).ToContainTextAsync("Pas encore signé");
        await Axe.CheckAsync(ts, "Mandat préparé", report);
        var pdfHref = await ts.GetByRole(AriaRole.Link, new() { Name = "Imprimer le mandat (PDF, deux exemplaires)" }).GetAttributeAsync("href");
        var pdf = await ts.APIRequest.GetAsync(pdfHref!);
        Assert.Equal(200, pdf.Status);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString((await pdf.BodyAsync())[..4]));
        await ts.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la signature" }).ClickAsync();
        await Expect(ts.Locator("[data-mandate-state]")).ToContainTextAsync("En vigueur");

        // 3. Two procedures in the person's place, one in each domain.
        foreach (var (domain, procedure) in new[] { ("Social", "DeclarationDeRessources"), ("Logement", "DemandeDePrestation") })
        {
            await OpenDigitalHelpAsync("Je fais à la place de la personne");
            await ts.GetByLabel("Mandat sous lequel vous agissez").SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await ChooseAsync("Domaine de la démarche", domain);
            await ChooseAsync("Organisme", "Caf");
            await ChooseAsync("Démarche faite", procedure);
            await ChooseAsync("Résultat de la démarche", "Aboutie");
            await ts.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'aide" }).ClickAsync();
            await Ui.WaitForUrlAsync(ts, backToFile);
        }
        var helps = ts.Locator("section", new() { Has = ts.GetByRole(AriaRole.Heading, new() { Name = "Aides numériques" }) });
        await Expect(helps.Locator("li")).ToHaveCountAsync(3);
        await Axe.CheckAsync(ts, "Dossier : une aide et deux démarches sous mandat", report);

        // 4. At reception, the person revokes the authorisation « Logement » only.
        await using var receptionContext = await fixture.NewContextAsync(bypassCsp: true);
        var reception = await receptionContext.NewPageAsync();
        await Ui.LoginAsAsync(reception, "accueil");
        await reception.GotoAsync(file);
        await reception.GetByRole(AriaRole.Link, new() { Name = "Enregistrer une révocation" }).ClickAsync();
        await reception.GetByLabel("Ce que la personne révoque").SelectOptionAsync(new SelectOptionValue { Label = "Seulement l'autorisation « Logement »" });
        await reception.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la révocation (aujourd'hui)" }).ClickAsync();
        await Expect(reception.GetByText("Révocation enregistrée")).ToBeVisibleAsync();
        await Axe.CheckAsync(reception, "Révocation d'une autorisation (accueil)", report);

        // 5. The next procedure in « Logement »: no longer offered on the form, and refused when sent anyway.
        await OpenDigitalHelpAsync("Je fais à la place de la personne");
        var offered = await ts.GetByLabel("Domaine de la démarche").Locator("option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        Assert.Contains("Social", offered);
        Assert.DoesNotContain("Logement", offered);
        await Axe.CheckAsync(ts, "Je fais à la place de, après la révocation", report);
        var mandateId = await ts.GetByLabel("Mandat sous lequel vous agissez").Locator("option").Nth(1).GetAttributeAsync("value");
        var action = new System.Text.RegularExpressions.Regex("/accompagnements/([0-9a-f-]+)/").Match(ts.Url).Groups[1].Value;
        var token = (await (await ts.APIRequest.GetAsync("/api/v1/jeton-csrf")).JsonAsync())!.Value.GetProperty("token").GetString()!;
        var refused = await ts.APIRequest.PostAsync($"/api/v1/accompagnements/{action}/aides-numeriques", new()
        {
            Headers = new Dictionary<string, string> { ["X-CSRF-TOKEN"] = token },
            DataObject = new
            {
                level = "JeFaisALaPlaceDe", occurredOn = ParisTime.Today(TimeProvider.System).ToString("yyyy-MM-dd"), mandateId,
                domain = "Logement", organisation = "Caf", procedure = "SuiviDeDossier", outcome = "Aboutie",
            },
        });
        Assert.Equal(400, refused.Status);
        var problem = (await refused.JsonAsync())!.Value;
        Assert.Equal("Démarche refusée", problem.GetProperty("title").GetString());
        Assert.Contains("a révoqué l'autorisation", problem.GetProperty("detail").GetString());
        Axe.AssertClean(report);
    }
}
