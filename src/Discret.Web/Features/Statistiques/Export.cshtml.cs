using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Statistiques;

/// <summary>A year's statistics as a CSV or xlsx file, or its annual activity report in PDF (masked as on the page, with the method note); a bad year or format
/// is answered on the dashboard with a French message.</summary>
public sealed class ExportModel(StatisticsExport export, AnnualReport report) : PageModel
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
            "pdf" => await report.PdfAsync(User, Year, ct),
            _ => Result.Invalid("format", "Format inconnu : choisissez CSV, xlsx ou le rapport d'activité en PDF."),
        };
        if (result.Status == ResultStatus.NotFound) return NotFound();
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors, prefix: "");
            return Page();
        }
        return Format switch
        {
            "csv" => File(result.Value, "text/csv; charset=utf-8", $"statistiques-{Year}.csv"),
            "pdf" => File(result.Value, "application/pdf", $"rapport-activite-{Year}.pdf"),
            _ => File(result.Value, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"statistiques-{Year}.xlsx"),
        };
    }
}
