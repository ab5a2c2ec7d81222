using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Discret.BrowserTests;

/// <summary>
/// The sobriety guard in a real browser: the worker sees, before submitting, that a NIR will be refused and that a word
/// calls for a second look; the DPO reads the lexicons. axe-core on each page, with the messages shown.
/// </summary>
[Collection(BrowserCollection.Name)]
public class GuardTests(BrowserFixture fixture)
{
    /// <summary>A fictional NIR with a valid key: 13 digits, then 97 − (n mod 97) on two digits.</summary>
    private static string ValidNir()
    {
        const long n = 1840975123456;
        var key = 97 - n % 97;
        var digits = n.ToString() + key.ToString("00");
        return $"{digits[0]} {digits[1..3]} {digits[3..5]} {digits[5..7]} {digits[7..10]} {digits[10..13]} {digits[13..]}";
    }

    [Fact]
    public async Task The_worker_sees_the_guard_findings_while_typing_and_the_dpo_reads_the_lexicons()
    {
        var report = new StringBuilder();
        var name = "Garde" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());

        await using var tsContext = await fixture.NewContextAsync(bypassCsp: true);
        var ts = await tsContext.NewPageAsync();
        await Ui.LoginAsAsync(ts, "ts");
        await ts.GotoAsync("/personnes/nouvelle");
        await ts.FillAsync("#Input_BirthName", name);
        await ts.FillAsync("#Input_FirstNames", "Dominique");
        await ts.FillAsync("#Input_BirthDate", "1984-09-12");
        await ts.GetByLabel("Logement").CheckAsync();
        await ts.GetByRole(AriaRole.Button, new() { Name = "Créer le dossier" }).ClickAsync();
        await Ui.WaitForUrlAsync(ts, new System.Text.RegularExpressions.Regex("/personnes/[0-9a-f-]{36}$"));

        await ts.GetByRole(AriaRole.Link, new() { Name = "Saisir un entretien" }).First.ClickAsync();
        await Expect(ts.GetByRole(AriaRole.Heading, new() { Name = "Saisir un entretien", Level = 1 })).ToBeVisibleAsync();
        var summary = ts.Locator("#Input_Summary");
        var region = ts.Locator("#Input_Summary-guard");
        await Expect(summary).ToHaveAttributeAsync("aria-describedby", new System.Text.RegularExpressions.Regex("Input_Summary-guard"));
        await Expect(region).ToHaveAttributeAsync("aria-live", "polite");

        // A NIR: the refusal shows under the field before anything is submitted.
        await summary.PressSequentiallyAsync($"Dossier retraite : son numéro est le {ValidNir()}.");
        await Expect(region.Locator(".alert-danger")).ToContainTextAsync("Numéro de sécurité sociale (NIR)");
        Assert.EndsWith("/entretiens/nouveau", new Uri(ts.Url).AbsolutePath);
        await Axe.CheckAsync(ts, "Saisir un entretien, NIR signalé", report);
        await Ui.ScreenshotAsync(ts, "guard-nir");

        // A judgement word instead: a warning, and the refusal is gone.
        await summary.FillAsync("");
        await summary.PressSequentiallyAsync("Selon le bailleur, monsieur serait fainéant ; à vérifier avec lui.");
        await Expect(region.Locator(".alert-warning")).ToContainTextAsync("fainéant");
        await Expect(region.Locator(".alert-danger")).ToHaveCountAsync(0);
        await Axe.CheckAsync(ts, "Saisir un entretien, mot à relire", report);

        // The partner-name field is guarded too.
        await Expect(ts.Locator("#Input_PartnerName")).ToHaveAttributeAsync("data-guard", "");

        // The DPO reads the lexicons.
        await using var dpoContext = await fixture.NewContextAsync(bypassCsp: true);
        var dpo = await dpoContext.NewPageAsync();
        await Ui.LoginAsAsync(dpo, "dpo");
        await dpo.GetByRole(AriaRole.Link, new() { Name = "Garde des textes" }).First.ClickAsync();
        await Ui.WaitForPathAsync(dpo, "/garde/lexiques");
        await Expect(dpo.GetByRole(AriaRole.Heading, new() { Name = "Garde des textes", Level = 1 })).ToBeVisibleAsync();
        await Expect(dpo.GetByRole(AriaRole.Cell, new() { Name = "faineant", Exact = true })).ToBeVisibleAsync();
        await Axe.CheckAsync(dpo, "Garde des textes (lexiques)", report);

        Axe.AssertClean(report);
    }
}
