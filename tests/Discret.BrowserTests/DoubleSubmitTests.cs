using Discret.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Discret.BrowserTests;

/// <summary>A form is sent once: a double click on « Créer le dossier » sends one request and creates one file (js/forms.js).</summary>
[Collection(BrowserCollection.Name)]
public class DoubleSubmitTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_double_click_on_a_form_sends_it_once_and_creates_one_file()
    {
        var name = "Doubleclic" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await Ui.LoginAsAsync(page, "accueil");
        await page.GotoAsync("/personnes/nouvelle");
        await page.FillAsync("#Input_BirthName", name);
        await page.FillAsync("#Input_FirstNames", "Sacha");
        await page.FillAsync("#Input_BirthDate", "1987-06-05");
        var posts = 0;
        // The answer is held back a second, as on a slow network: the second click comes while the first is on its way.
        await page.RouteAsync("**/personnes/nouvelle", async route =>
        {
            if (route.Request.Method == "POST")
            {
                Interlocked.Increment(ref posts);
                await Task.Delay(1_000);
            }
            try { await route.ContinueAsync(); } catch (PlaywrightException) { /* a request the browser abandoned */ }
        });
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Créer le dossier" });

        // A user's double click: two clicks of the mouse 150 ms apart (the mouse does not wait for the page, unlike ClickAsync);
        // the second one comes while the first request is on its way, the button already disabled.
        await button.ScrollIntoViewIfNeededAsync();
        var box = (await button.BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await page.WaitForTimeoutAsync(150);
        await page.Mouse.ClickAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        await Ui.WaitForUrlAsync(page, new System.Text.RegularExpressions.Regex("/personnes/[0-9a-f-]{36}$"));

        Assert.Equal(1, posts);
        using var scope = fixture.Server.Services.CreateScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<DiscretDbContext>().Persons.CountAsync(p => p.BirthName == name));
    }
}
