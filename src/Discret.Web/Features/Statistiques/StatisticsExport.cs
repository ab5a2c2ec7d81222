using System.Globalization;
using System.Security.Claims;
using System.Text;
using CsvHelper;
using Discret.Domain.Journal;
using Discret.Web.Features.Journal;
using Discret.Web.Shared;
using MiniExcelLibs;

namespace Discret.Web.Features.Statistiques;

/// <summary>
/// A year's statistics for spreadsheets: every indicator, its total and each breakdown's values, for the year, its
/// quarters and its months, in every territory the reader may see — masked exactly as on the page (« < 5 »), with the
/// method note. CSV in UTF-8 with a BOM and « ; » between fields (numbers without thousands separator), or xlsx (a sheet of
/// figures, a sheet for the method). Journaled as an Export naming the year and the format, never a figure.
/// </summary>
public sealed class StatisticsExport(StatisticsTables tables, AccessJournal journal)
{
    public sealed record Line(string Indicateur, string Ventilation, string Valeur, string Periode, string Territoire, string Nombre, string Masque);

    public async Task<Result<List<Line>>> LinesAsync(ClaimsPrincipal user, string? yearText, CancellationToken ct)
    {
        var catalog = await tables.CatalogAsync(user, ct);
        if (catalog is null) return Result.NotFound();
        var asked = StatisticsTables.Year(yearText, catalog.Today);
        if (!asked.Succeeded) return Result.Invalid(asked.Errors);
        var year = asked.Value;
        var lines = new List<Line>();
        foreach (var period in StatPeriod.Of(year.Year).Where(p => p.First <= catalog.Today))
            foreach (var indicator in Indicators.All)
                foreach (var breakdown in indicator.Breakdowns.Cast<Breakdown?>().Prepend(null))
                {
                    var table = await tables.TableAsync(user, indicator.Code, period.Code, null, breakdown?.Code, ct);
                    if (!table.Succeeded) return Result.NotFound();
                    foreach (var row in table.Value.Rows.Where(r => breakdown is null || !r.IsTotal))
                        foreach (var (cell, territory) in row.Cells.Zip(table.Value.Territories))
                            lines.Add(new(indicator.Label, breakdown?.Label ?? "Total", row.Label, period.Label, territory.Label,
                                cell.Count?.ToString(CultureInfo.InvariantCulture) ?? cell.Display, cell.Masked ? "oui" : "non"));
                }
        return Result.Ok(lines);
    }

    public async Task<Result<byte[]>> CsvAsync(ClaimsPrincipal user, string? yearText, CancellationToken ct)
    {
        var lines = await LinesAsync(user, yearText, ct);
        if (!lines.Succeeded) return Failed(lines);
        var threshold = await tables.ThresholdAsync(ct);
        await using var buffer = new MemoryStream();
        // UTF-8 with a BOM and « ; » for French spreadsheets; a field starting with = + - @ is escaped (no formula runs).
        await using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions { Separator = ';', WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            // The method note first, for the person who opens the file; every record has the table's seven fields (RFC 4180).
            foreach (var line in MethodLines(threshold)) await csv.WriteRecordAsync(["Note de méthode", line, "", "", "", "", ""], ct);
            await csv.WriteRecordAsync(Header, ct);
            foreach (var l in lines.Value)
                await csv.WriteRecordAsync([l.Indicateur, l.Ventilation, l.Valeur, l.Periode, l.Territoire, l.Nombre, l.Masque], ct);
        }
        await journal.WriteAsync(JournalAction.Export, detail: $"statistiques {yearText} csv", ct: ct);
        return Result.Ok(buffer.ToArray());
    }

    public async Task<Result<byte[]>> XlsxAsync(ClaimsPrincipal user, string? yearText, CancellationToken ct)
    {
        var lines = await LinesAsync(user, yearText, ct);
        if (!lines.Succeeded) return Failed(lines);
        var threshold = await tables.ThresholdAsync(ct);
        var sheets = new Dictionary<string, object>
        {
            ["Chiffres"] = lines.Value.Select(l => new Dictionary<string, object?>
            {
                [Header[0]] = l.Indicateur, [Header[1]] = l.Ventilation, [Header[2]] = l.Valeur, [Header[3]] = l.Periode, [Header[4]] = l.Territoire,
                [Header[5]] = int.TryParse(l.Nombre, CultureInfo.InvariantCulture, out var n) ? n : l.Nombre,
                [Header[6]] = l.Masque,
            }).ToList(),
            ["Méthode"] = MethodLines(threshold).Select(t => new Dictionary<string, object?> { ["Note de méthode"] = t }).ToList(),
        };
        await using var buffer = new MemoryStream();
        await buffer.SaveAsAsync(sheets, cancellationToken: ct);
        await journal.WriteAsync(JournalAction.Export, detail: $"statistiques {yearText} xlsx", ct: ct);
        return Result.Ok(buffer.ToArray());
    }

    private static Failure Failed(Result result) =>
        result.Status == ResultStatus.NotFound ? Result.NotFound() : Result.Invalid(result.Errors);

    /// <summary>The columns of the exports: territory and period are the only dimensions, no worker, team or referent.</summary>
    public static readonly string[] Header = ["Indicateur", "Ventilation", "Valeur", "Période", "Territoire", "Nombre", "Masqué"];

    public static IReadOnlyList<string> MethodLines(int threshold) =>
    [
        "Statistiques anonymes du service social départemental, produites par Discret.",
        $"Tout nombre inférieur à {threshold} (zéro compris) est masqué et affiché « < {threshold} » ; un nombre masqué pour protéger un petit nombre est affiché « masqué ».",
        "Masquage secondaire : dans chaque somme publiée (un total et ses valeurs, le département et ses circonscriptions, une année et ses trimestres, un trimestre et ses mois, l'évolution des accompagnements en cours), aucun nombre n'est masqué ou au moins deux le sont, pour qu'aucun ne puisse être retrouvé par soustraction.",
        "Aucun chiffre ne porte sur un professionnel, une équipe ou un référent : le territoire et la période sont les seules dimensions.",
        "La dominance (un contributeur qui ferait l'essentiel d'un chiffre) concerne les montants, pas les effectifs : Discret ne publie que des effectifs.",
        "Les chiffres d'une année sont recalculés chaque nuit jusqu'au 31 mars de l'année suivante, puis figés.",
        .. Indicators.All.Select(i => $"{i.Label} : {i.Definition}"),
    ];

}
