using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Discret.BrowserTests;

/// <summary>
/// The retention console, whose « Simuler maintenant » now queues the run: the DPO asks for a simulation, is sent back at
/// once, and the page (in progress, then done) is axe-clean and fits a 200 % zoom without scrolling sideways.
/// </summary>
[Collection(BrowserCollection.Name)]
public class RetentionConsoleTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_simulation_asked_from_the_console_is_queued_and_the_page_stays_accessible_and_fits_at_200_percent()
    {
        var report = new StringBuilder();
        await using var context = await fixture.NewContextAsync(bypassCsp: true);
        var page = await context.NewPageAsync();
        await Ui.LoginAsAsync(page, "dpo");

        await page.GotoAsync("/conservation/traitements");
        await Axe.CheckAsync(page, "Traitements de conservation", report);
        await page.GetByRole(AriaRole.Button, new() { Name = "Simuler maintenant" }).ClickAsync();
        await Ui.WaitForPathAsync(page, "/conservation/traitements");
        // The run goes on in the background: refresh until the console lists it as done.
        for (var i = 0; i < 60 && await page.Locator("text=Terminé").CountAsync() == 0; i++)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }
        await Expect(page.Locator("text=Terminé").First).ToBeVisibleAsync();
        await Axe.CheckAsync(page, "Traitements de conservation, après une simulation", report);
        await Ui.ScreenshotAsync(page, "conservation-traitements");

        await page.SetViewportSizeAsync(640, 450);
        await page.ReloadAsync();
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"),
            "the retention console scrolls sideways at 200 % zoom");
        await Ui.ScreenshotAsync(page, "conservation-traitements-200");
        Axe.AssertClean(report);
    }
}
