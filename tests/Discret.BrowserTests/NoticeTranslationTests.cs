using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Discret.BrowserTests;

/// <summary>The notice's translations in a real browser: the DPO chooses a language, types a sentence right to left,
/// saves, and reads the translated notice; every page axe-clean.</summary>
[Collection(BrowserCollection.Name)]
public class NoticeTranslationTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_dpo_translates_a_sentence_into_arabic_and_reads_the_notice_right_to_left()
    {
        var report = new StringBuilder();
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var dpo = await context.NewPageAsync();
        await Ui.LoginAsAsync(dpo, "dpo");

        await dpo.GotoAsync("/notice-information");
        await dpo.GetByRole(AriaRole.Link, new() { Name = "Traduire la notice dans d'autres langues" }).ClickAsync();
        await Ui.WaitForPathAsync(dpo, "/notice-information/traductions");
        await Axe.CheckAsync(dpo, "Traductions de la notice", report);
        await dpo.GetByLabel("Langue").SelectOptionAsync(new SelectOptionValue { Label = "Arabe" });
        await dpo.GetByRole(AriaRole.Button, new() { Name = "Traduire" }).ClickAsync();
        await Ui.WaitForPathAsync(dpo, "/notice-information/traductions/ar");
        await Axe.CheckAsync(dpo, "Traduction de la notice : arabe", report);

        var first = dpo.Locator("textarea").First;
        await Expect(first).ToHaveAttributeAsync("dir", "rtl");
        await first.FillAsync("معلوماتك في الخدمة الاجتماعية");
        await dpo.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les traductions" }).ClickAsync();
        await Expect(dpo.GetByText("Les traductions sont enregistrées.")).ToBeVisibleAsync();

        await dpo.GetByRole(AriaRole.Link, new() { Name = "Lire la notice en arabe" }).ClickAsync();
        await Expect(dpo.GetByRole(AriaRole.Heading, new() { Name = "معلوماتك في الخدمة الاجتماعية" })).ToBeVisibleAsync();
        await Expect(dpo.Locator("article[dir=rtl]")).ToBeVisibleAsync();
        await Axe.CheckAsync(dpo, "Notice d'information en arabe", report);
        await Ui.ScreenshotAsync(dpo, "notice-arabe");

        Axe.AssertClean(report);
    }
}
