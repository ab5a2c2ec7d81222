using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Discret.BrowserTests;

/// <summary>
/// axe-core (from the npm registry, see package.json here) injected into the page. The application's CSP forbids
/// injected scripts, so the pages checked must be opened in a context created with BypassCSP.
/// </summary>
public static class Axe
{
    private const string RelativePath = "node_modules/axe-core/axe.min.js";
    private static readonly Lazy<string> Source = new(Load);

    public sealed record Violation(string Id, string Impact, string Help, string[] Targets);

    private static string Load()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "axe.min.js");
        if (File.Exists(copied)) return File.ReadAllText(copied);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Discret.BrowserTests.csproj")) && File.Exists(Path.Combine(dir.FullName, RelativePath)))
                return File.ReadAllText(Path.Combine(dir.FullName, RelativePath));
        }
        throw new FileNotFoundException(
            "axe-core is missing: run `npm ci` in tests/Discret.BrowserTests (it installs axe-core from the npm registry into " +
            RelativePath + "), then run the tests again.");
    }

    /// <summary>Runs axe (WCAG 2.0/2.1 A and AA rules) on the page as it is; returns the serious and critical violations.</summary>
    public static async Task<IReadOnlyList<Violation>> SeriousViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = Source.Value });
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const results = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
              return JSON.stringify(results.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => JSON.stringify(n.target)) })));
            }
            """);
        return JsonSerializer.Deserialize<Violation[]>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];
    }

    /// <summary>Opens nothing: checks the page where it is and adds any violation to the report under its name.</summary>
    public static async Task CheckAsync(IPage page, string name, StringBuilder report)
    {
        foreach (var v in await SeriousViolationsAsync(page))
            report.AppendLine($"{name} ({Ui.PathOf(page)}): [{v.Impact}] {v.Id} — {v.Help} — {string.Join(", ", v.Targets)}");
    }

    public static void AssertClean(StringBuilder report) =>
        Assert.True(report.Length == 0, "Serious or critical accessibility violations (axe-core):\n" + report);
}
