using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Statistiques;

/// <summary>A year's statistics as a CSV or xlsx file (masked as on the page, with the method note); a bad year or format
/// is answered on the dashboard with a French message.</summary>
public sealed class ExportModel(StatisticsExport export) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "annee")] public string? Year { get; set; }
    [BindProperty(SupportsGet = true, Name = "format")] public string? Format { get; set; }
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var result = Format switch
        {
            "csv" => await export.CsvAsync(User, Year, ct),
            "xlsx" => await export.XlsxAsync(User, Year, ct),
            _ => Result.Invalid("format", "Format inconnu : choisissez CSV ou xlsx."),
        };
        if (result.Status == ResultStatus.NotFound) return NotFound();
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors, prefix: "");
            return Page();
        }
        return Format == "csv"
            ? File(result.Value, "text/csv; charset=utf-8", $"statistiques-{Year}.csv")
            : File(result.Value, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"statistiques-{Year}.xlsx");
    }
}
