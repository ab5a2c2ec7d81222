using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Statistiques;

/// <summary>One indicator for a period: its definition, its table by territory (and by the values of a breakdown), the
/// same table a year before, and a chart of the table with a text summary.</summary>
public sealed class IndicatorModel(StatisticsTables tables) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "code")] public string? Code { get; set; }
    [BindProperty(SupportsGet = true, Name = "periode")] public string? PeriodText { get; set; }
    [BindProperty(SupportsGet = true, Name = "ventilation")] public string? BreakdownCode { get; set; }
    [BindProperty(SupportsGet = true, Name = "territoire")] public string? TerritoryCode { get; set; }

    public StatCatalog Catalog { get; private set; } = null!;
    public StatTable? Table { get; private set; }
    public BarChart? Chart { get; private set; }
    public Territory? ChartTerritory { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var catalog = await tables.CatalogAsync(User, ct);
        if (catalog is null) return NotFound();
        Catalog = catalog;
        Code ??= Indicators.All[0].Code;
        var indicator = Indicators.Find(Code);
        if (indicator is null) return NotFound();
        BreakdownCode ??= indicator.Breakdowns.FirstOrDefault()?.Code;
        PeriodText ??= StatPeriod.OfYear(catalog.Today.Year).Code;
        var result = await tables.TableAsync(User, indicator.Code, PeriodText, null, BreakdownCode, ct);
        if (result.Status == ResultStatus.NotFound) return NotFound();
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors, prefix: "");
            return Page();
        }
        var table = Table = result.Value;
        ChartTerritory = table.Territories.FirstOrDefault(t => t.Code == TerritoryCode) ?? table.Territories[0];
        var column = table.Territories.ToList().IndexOf(ChartTerritory);
        var previous = table.Previous;
        List<BarChart.Row> rows;
        string title;
        if (table.Breakdown is null || indicator.Kind == IndicatorKind.Delay)
        {
            // No breakdown: a bar per territory, for the total (the median for the delay).
            var row = table.KeyRow;
            var before = previous?.Rows.FirstOrDefault(r => r.Value == row.Value);
            rows = table.Territories.Select((t, i) => new BarChart.Row(t.Label, row.Cells[i].Count, row.Cells[i].Display, before?.Cells[i].Count, before?.Cells[i].Display)).ToList();
            title = $"{indicator.Label}{(indicator.Kind == IndicatorKind.Delay ? " (médiane, en jours)" : "")} par territoire, {table.Period.Label}";
        }
        else
        {
            rows = table.Rows.Where(r => !r.IsTotal).Select(r =>
            {
                var before = previous?.Rows.FirstOrDefault(p => p.Value == r.Value)?.Cells[column];
                return new BarChart.Row(r.Label, r.Cells[column].Count, r.Cells[column].Display, before?.Count, before?.Display);
            }).ToList();
            title = $"{indicator.Label} par {table.Breakdown.Label.ToLowerInvariant()}, {ChartTerritory.Label}, {table.Period.Label}";
        }
        Chart = new BarChart(title, BarChart.Describe(title, rows), rows, table.Period.Label, previous?.Period.Label);
        return Page();
    }

}
