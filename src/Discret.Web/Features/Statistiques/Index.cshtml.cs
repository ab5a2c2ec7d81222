using Discret.Domain.Accounts;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Statistiques;

/// <summary>The dashboard: every indicator for a period and a territory, the same period a year before, and the persons
/// received month by month (chart and its table). The DPO also sets the threshold and computes the figures on demand.</summary>
public sealed class IndexModel(StatisticsTables tables, StatisticsRollup rollup, StatisticsThreshold thresholds, IAuthorizationService authorization)
    : PageModel
{
    public sealed record Line(Indicator Indicator, StatRow Row, StatCell Cell, StatCell? Before);

    [BindProperty(SupportsGet = true, Name = "periode")] public string? PeriodText { get; set; }
    [BindProperty(SupportsGet = true, Name = "territoire")] public string? TerritoryCode { get; set; }
    [BindProperty] public int? Threshold { get; set; }
    [TempData] public string? Message { get; set; }

    public StatCatalog Catalog { get; private set; } = null!;
    public StatPeriod Period { get; private set; }
    public Territory Territory { get; private set; } = null!;
    public IReadOnlyList<Line> Lines { get; private set; } = [];
    public BarChart? Monthly { get; private set; }
    public bool IsDpo { get; private set; }
    public string? PeriodError { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostThresholdAsync()
    {
        if (!await DpoAsync()) return NotFound();
        var result = await thresholds.SetAsync(Threshold, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors, prefix: "");
            return await LoadAsync() ? Page() : NotFound();
        }
        Message = $"Le seuil de masquage est maintenant de {Threshold}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostComputeAsync()
    {
        if (!await DpoAsync()) return NotFound();
        var report = await rollup.RunAsync(HttpContext.RequestAborted);
        Message = report is null
            ? "Les statistiques sont déjà en cours de calcul. Réessayez dans quelques minutes."
            : $"Statistiques recalculées ({string.Join(", ", report.Years)}).";
        return RedirectToPage();
    }

    private async Task<bool> DpoAsync() => (await authorization.AuthorizeAsync(User, Policies.StatisticsControl)).Succeeded;

    private async Task<bool> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var catalog = await tables.CatalogAsync(User, ct);
        if (catalog is null) return false;
        Catalog = catalog;
        IsDpo = await DpoAsync();
        Period = StatPeriod.OfYear(catalog.Today.Year);
        if (!string.IsNullOrWhiteSpace(PeriodText))
        {
            if (StatPeriod.Parse(PeriodText) is { } p && p.First <= catalog.Today) Period = p;
            else PeriodError = "Cette période n'est pas reconnue ou n'a pas commencé : voici l'année en cours.";
        }
        var territory = catalog.Territories.FirstOrDefault(t => t.Code == TerritoryCode);
        if (!string.IsNullOrWhiteSpace(TerritoryCode) && territory is null) return false; // a territory the reader may not see: as if absent
        Territory = territory ?? catalog.Territories[0];

        var lines = new List<Line>();
        foreach (var indicator in Indicators.All)
        {
            var table = await tables.TableAsync(User, indicator.Code, Period.Code, Territory.Code, null, ct);
            if (!table.Succeeded) return false;
            var row = table.Value.KeyRow;
            lines.Add(new(indicator, row, row.Cells[0], table.Value.Previous?.Rows.FirstOrDefault(r => r.Value == row.Value)?.Cells[0]));
        }
        Lines = lines;

        var months = new List<BarChart.Row>();
        foreach (var month in StatPeriod.Of(Period.Year).Where(p => p.IsMonth && p.First <= catalog.Today))
        {
            var table = await tables.TableAsync(User, "personnes-recues", month.Code, Territory.Code, null, ct);
            if (!table.Succeeded) return false;
            var now = table.Value.Rows[0].Cells[0];
            var before = table.Value.Previous?.Rows[0].Cells[0];
            months.Add(new(month.Label, now.Count, now.Display, before?.Count, before?.Display));
        }
        var withPrevious = catalog.Years.Contains(Period.Year - 1);
        Monthly = new BarChart($"Personnes reçues chaque mois, {Territory.Label}, {Period.Year}",
            BarChart.Describe($"Personnes reçues chaque mois de {Period.Year}, {Territory.Label}", months), months,
            $"{Period.Year}", withPrevious ? $"{Period.Year - 1}" : null);
        return true;
    }

    /// <summary>The periods offered: each computed year, its quarters and its months up to today, the newest first.</summary>
    public IEnumerable<StatPeriod> Choices() =>
        Catalog.Years.SelectMany(y => StatPeriod.Of(y).Where(p => p.First <= Catalog.Today));

    public static string Change(StatCell cell) => cell.Change is { } c ? (c > 0 ? "+" : c < 0 ? "−" : "") + Math.Abs(c).ToString("0.#", System.Globalization.CultureInfo.GetCultureInfo("fr-FR")) + " %" : "—";
}
