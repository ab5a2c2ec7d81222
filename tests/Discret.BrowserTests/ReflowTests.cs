using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Discret.BrowserTests;

/// <summary>WCAG 1.4.10: at 200% zoom of a 1280×900 screen (a 640×450 viewport) nothing scrolls sideways.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReflowTests(BrowserFixture fixture)
{
    private static async Task AssertNoHorizontalScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scroll, client) = (widths[0], widths[1]);
        if (scroll <= client + 1) return;
        // Name the widest culprits: elements sticking out of the viewport whose parent does not.
        var culprits = await page.EvaluateAsync<string[]>("""
            () => {
              const w = document.documentElement.clientWidth;
              const out = e => e.getBoundingClientRect().right > w + 1;
              return [...document.querySelectorAll('body *')]
                .filter(e => out(e) && !(e.parentElement && e.parentElement !== document.body && out(e.parentElement)))
                .slice(0, 5)
                .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${[...e.classList].join('.')} (right ${Math.round(e.getBoundingClientRect().right)})`);
            }
            """);
        Assert.Fail($"{Ui.PathOf(page)} scrolls horizontally at 640 px: scrollWidth {scroll} > clientWidth {client}. Sticking out: {string.Join("; ", culprits)}");
    }

    [Fact]
    public async Task At_200_percent_zoom_home_and_navigation_fit_without_horizontal_scrolling()
    {
        await using var context = await fixture.NewContextAsync(width: 640, height: 450);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/connexion");
        await AssertNoHorizontalScrollAsync(page);
        await Ui.LoginAsAsync(page, "direction");
        await AssertNoHorizontalScrollAsync(page);

        await using var adminContext = await fixture.NewContextAsync(width: 640, height: 450);
        var admin = await adminContext.NewPageAsync();
        await Ui.LoginAsAsync(admin, "admin");
        await AssertNoHorizontalScrollAsync(admin);
        await Ui.ScreenshotAsync(admin, "home-admin-640");

        var nav = admin.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" });
        foreach (var name in new[] { "Accueil", "Comptes", "Département" })
        {
            var link = nav.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
            await Expect(link).ToBeVisibleAsync();
            var box = await link.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= 640, $"Menu link '{name}' is outside the 640 px viewport ({box.X} + {box.Width}).");
        }

        await nav.GetByRole(AriaRole.Link, new() { Name = "Comptes", Exact = true }).ClickAsync();
        await Ui.WaitForPathAsync(admin, "/administration/comptes");
        await AssertNoHorizontalScrollAsync(admin);
        await nav.GetByRole(AriaRole.Link, new() { Name = "Département", Exact = true }).ClickAsync();
        await Ui.WaitForPathAsync(admin, "/administration/departement");
        await AssertNoHorizontalScrollAsync(admin);
    }
}
