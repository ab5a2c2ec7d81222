using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Discret.BrowserTests;

/// <summary>
/// The person's voice in a real browser: reception creates the file and records that the person was given the
/// notice; the person asks for a copy of their data; a referent is assigned; the person refuses computerisation;
/// the DPO answers the access request with the export. axe-core on every page met on the way.
/// </summary>
[Collection(BrowserCollection.Name)]
public class PersonsVoiceTests(BrowserFixture fixture)
{
    /// <summary>The file's address, with or without the section it scrolls to.</summary>
    private static System.Text.RegularExpressions.Regex OnFile(string fileUrl) => new(System.Text.RegularExpressions.Regex.Escape(fileUrl) + "(#[a-z]+)?$");

    [Fact]
    public async Task A_person_is_informed_refuses_computerisation_and_gets_the_access_export()
    {
        var report = new StringBuilder();
        var name = "Voix" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");

        // Reception: the file, then the notice handed over.
        await using var receptionContext = await fixture.NewContextAsync(bypassCsp: true);
        var reception = await receptionContext.NewPageAsync();
        await Ui.LoginAsAsync(reception, "accueil");
        await reception.GetByRole(AriaRole.Link, new() { Name = "Notice d'information" }).First.ClickAsync();
        await Expect(reception.GetByRole(AriaRole.Heading, new() { Name = "Notice d'information des personnes", Level = 1 })).ToBeVisibleAsync();
        await Axe.CheckAsync(reception, "Notice d'information", report);

        await reception.GotoAsync("/personnes/nouvelle");
        await reception.FillAsync("#Input_BirthName", name);
        await reception.FillAsync("#Input_FirstNames", "Dominique");
        await reception.FillAsync("#Input_BirthDate", "1979-03-21");
        await reception.FillAsync("#Input_Phone", "06 11 22 33 44");
        await reception.GetByRole(AriaRole.Button, new() { Name = "Créer le dossier" }).ClickAsync();
        await Ui.WaitForUrlAsync(reception, new System.Text.RegularExpressions.Regex("/personnes/[0-9a-f-]{36}$"));
        var fileUrl = new Uri(reception.Url).AbsolutePath;
        await Expect(reception.GetByText("La personne n'a pas encore été informée")).ToBeVisibleAsync();
        await Axe.CheckAsync(reception, "Dossier sans information (accueil)", report);

        await reception.GetByRole(AriaRole.Link, new() { Name = "Enregistrer une information donnée à la personne" }).ClickAsync();
        await Ui.WaitForPathAsync(reception, fileUrl + "/information");
        await reception.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'information" }).ClickAsync();
        await Expect(reception.Locator("[data-error-summary]")).ToBeVisibleAsync();
        await Axe.CheckAsync(reception, "Information de la personne, erreur", report);
        await reception.SelectOptionAsync("#Input_Method", "RemiseEnMain");
        await reception.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'information" }).ClickAsync();
        await Expect(reception).ToHaveURLAsync(OnFile(fileUrl));
        await Expect(reception.GetByText("La personne n'a pas encore été informée")).ToHaveCountAsync(0);
        await Expect(reception.GetByText("notice remise en main propre", new() { Exact = false })).ToBeVisibleAsync();

        // The person asks for a copy of everything held on them.
        await reception.GetByRole(AriaRole.Link, new() { Name = "Enregistrer une demande" }).ClickAsync();
        await Expect(reception.GetByRole(AriaRole.Heading, new() { Name = "Enregistrer une demande d'exercice des droits" })).ToBeVisibleAsync();
        await Axe.CheckAsync(reception, "Nouvelle demande de droits", report);
        await reception.SelectOptionAsync("#Input_Kind", "Acces");
        await reception.FillAsync("#Input_ReceivedOn", today);
        await reception.SelectOptionAsync("#Input_Channel", "Guichet");
        await reception.SelectOptionAsync("#Input_IdentityCheck", "PieceDIdentitePresentee");
        await reception.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la demande" }).ClickAsync();
        await Expect(reception).ToHaveURLAsync(OnFile(fileUrl));
        await Expect(reception.GetByRole(AriaRole.Heading, new() { Name = "Demandes d'exercice des droits" })).ToBeVisibleAsync();
        await Axe.CheckAsync(reception, "Dossier avec une demande (accueil)", report);

        // The head of circonscription assigns a referent.
        await using var rcContext = await fixture.NewContextAsync(bypassCsp: true);
        var rc = await rcContext.NewPageAsync();
        await Ui.LoginAsAsync(rc, "rc");
        await rc.GotoAsync(fileUrl + "/accompagnements/nouveau");
        await rc.SelectOptionAsync("#Input_ReferentId", new SelectOptionValue { Label = "Théo Travailleur (travailleur social)" });
        await rc.GetByLabel("Logement").CheckAsync();
        await rc.SelectOptionAsync("#Input_Source", new[] { "Personne" });
        await rc.GetByRole(AriaRole.Button, new() { Name = "Ouvrir l'accompagnement" }).ClickAsync();
        await Expect(rc).ToHaveURLAsync(OnFile(fileUrl));

        // The referent records the person's refusal of computerisation.
        await using var tsContext = await fixture.NewContextAsync(bypassCsp: true);
        var ts = await tsContext.NewPageAsync();
        await Ui.LoginAsAsync(ts, "ts");
        await ts.GotoAsync(fileUrl);
        await Expect(ts.GetByText("06 11 22 33 44")).ToBeVisibleAsync();
        await ts.GetByRole(AriaRole.Link, new() { Name = "La personne refuse l'informatisation de son dossier" }).ClickAsync();
        await Expect(ts.GetByRole(AriaRole.Heading, new() { Name = "La personne refuse l'informatisation", Level = 1 })).ToBeVisibleAsync();
        await Axe.CheckAsync(ts, "Refus de l'informatisation", report);
        await ts.GetByRole(AriaRole.Button, new() { Name = "Confirmer le refus" }).ClickAsync();
        await Expect(ts.Locator("[data-error-summary]")).ToBeVisibleAsync(); // the confirmation box is required
        await ts.GetByLabel("La personne refuse l'informatisation de son dossier : je confirme la suppression").CheckAsync();
        await ts.GetByRole(AriaRole.Button, new() { Name = "Confirmer le refus" }).ClickAsync();
        await Expect(ts).ToHaveURLAsync(OnFile(fileUrl));
        await Expect(ts.Locator("[data-paper-only-banner]")).ToBeVisibleAsync();
        await Expect(ts.GetByText("06 11 22 33 44")).ToHaveCountAsync(0);
        await Expect(ts.GetByRole(AriaRole.Link, new() { Name = "Saisir un entretien" })).ToHaveCountAsync(0);
        await Axe.CheckAsync(ts, "Dossier papier (travailleur social)", report);
        await Ui.ScreenshotAsync(ts, "person-file-paper-only");

        // The DPO answers the access request with the export.
        await using var dpoContext = await fixture.NewContextAsync(bypassCsp: true);
        var dpo = await dpoContext.NewPageAsync();
        await Ui.LoginAsAsync(dpo, "dpo");
        foreach (var (title, address) in new[] { ("Registre des traitements", "/registre"), ("Durées de conservation", "/conservation"),
                     ("Modifier une durée de conservation", "/conservation/deux-ans-cloture"), ("Gels de la suppression", "/conservation/gels"),
                     ("Geler la suppression des données", "/conservation/gels/nouveau"), ("Bordereaux d'élimination", "/conservation/bordereaux"),
                     ("Traitements de conservation", "/conservation/traitements"), ("Statistiques anonymes", "/conservation/statistiques") })
        {
            await dpo.GotoAsync(address);
            await Expect(dpo.Locator("h1")).ToBeVisibleAsync();
            await Axe.CheckAsync(dpo, title, report);
        }
        // The intermediate archive: a reason and its justification, then a name, then the file read-only (demo: « Aubert » is archived).
        await dpo.GotoAsync("/conservation/archives");
        await Axe.CheckAsync(dpo, "Archive intermédiaire", report);
        await dpo.GetByLabel("Motif (obligatoire)", new() { Exact = true }).SelectOptionAsync("Contentieux");
        await dpo.GetByLabel("Justification (obligatoire)", new() { Exact = true }).FillAsync("Contentieux en cours devant le tribunal administratif.");
        await dpo.GetByLabel("Nom (de naissance ou d'usage)").FillAsync("Aubert");
        await dpo.GetByRole(AriaRole.Button, new() { Name = "Rechercher dans l'archive" }).ClickAsync();
        await Expect(dpo.GetByRole(AriaRole.Table)).ToBeVisibleAsync();
        await Axe.CheckAsync(dpo, "Archive intermédiaire : résultats", report);
        await dpo.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Consulter") }).First.ClickAsync();
        await Expect(dpo.GetByText("Dossier archivé, en lecture seule")).ToBeVisibleAsync();
        await Axe.CheckAsync(dpo, "Dossier archivé (DPO)", report);
        await dpo.GotoAsync("/droits");
        await Axe.CheckAsync(dpo, "Registre des demandes", report);
        Assert.DoesNotContain(name, await dpo.ContentAsync()); // the register lists no names
        await dpo.SelectOptionAsync("#Kind", "Acces");
        await dpo.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        var requests = dpo.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Demande ") });
        var found = false;
        for (var i = 0; i < await requests.CountAsync() && !found; i++)
        {
            await requests.Nth(i).ClickAsync();
            found = (await dpo.ContentAsync()).Contains(name);
            if (!found) await dpo.GoBackAsync();
        }
        Assert.True(found, "The access request of the person is in the DPO's register.");
        await Axe.CheckAsync(dpo, "Demande d'accès (DPO)", report);

        var download = await dpo.RunAndWaitForDownloadAsync(() => dpo.GetByRole(AriaRole.Button, new() { Name = "Télécharger le PDF" }).ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(path);
        try
        {
            var bytes = await File.ReadAllBytesAsync(path);
            Assert.True(bytes.Length > 1000);
            Assert.Equal("%PDF", Encoding.ASCII.GetString(bytes, 0, 4));
        }
        finally
        {
            File.Delete(path);
        }

        var json = await dpo.RunAndWaitForDownloadAsync(() => dpo.GetByRole(AriaRole.Button, new() { Name = "Télécharger le JSON" }).ClickAsync());
        var jsonPath = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.json");
        await json.SaveAsAsync(jsonPath);
        try
        {
            var text = await File.ReadAllTextAsync(jsonPath);
            Assert.Contains(name, text);
            Assert.Contains("Consultations", text, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            File.Delete(jsonPath);
        }

        Axe.AssertClean(report);
    }
}
