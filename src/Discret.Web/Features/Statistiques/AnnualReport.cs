using System.Security.Claims;
using Discret.Domain.Journal;
using Discret.Web.Features.Journal;
using Discret.Web.Shared;
using Discret.Web.Shared.Pdf;

namespace Discret.Web.Features.Statistiques;

/// <summary>
/// The annual activity report, what replaces the paper grids: for a year, every indicator for each territory the reader
/// may see with the year before and the change, each breakdown as a chart (hatched: the year before) and its table, then
/// the method and the masking rule — the same masked figures as the pages. PDF from the one PDF writer; journaled as an
/// Export naming the year, never a figure.
/// </summary>
public sealed class AnnualReport(StatisticsTables tables, DepartementTheme theme, AccessJournal journal)
{
    public async Task<Result<byte[]>> PdfAsync(ClaimsPrincipal user, string? yearText, CancellationToken ct)
    {
        var catalog = await tables.CatalogAsync(user, ct);
        if (catalog is null) return Result.NotFound();
        var asked = StatisticsTables.Year(yearText, catalog.Today);
        if (!asked.Succeeded) return Result.Invalid(asked.Errors);
        var year = asked.Value;
        var look = await theme.GetAsync();
        var title = $"Rapport d'activité {year.Year}";
        var pdf = new PdfFlow($"{title} — {look.Name}", $"{look.Name} — {title}, statistiques anonymes du service social", look.PrimaryColor);
        pdf.Title($"{title} — statistiques anonymes du service social");
        pdf.Paragraph(look.Name, bold: true);
        var current = year.Last >= catalog.Today ? $" (du 1er janvier au {ParisTime.Day(catalog.Today)})" : "";
        pdf.Paragraph($"Les chiffres de l'année {year.Year}{current}, comparés à ceux de {year.Year - 1}, pour "
                      + string.Join(", ", catalog.Territories.Select(t => t.Label)) + ". "
                      + "Ce sont des nombres anonymes par territoire et par période : aucun ne porte sur une personne, un professionnel, une équipe ou un référent. "
                      + $"Tout nombre inférieur à {catalog.Threshold} est masqué (« < {catalog.Threshold} ») ; « masqué » signale un nombre caché pour qu'un petit nombre ne puisse pas être retrouvé par soustraction.");

        // Key figures: each indicator for each territory, the year before and the change.
        pdf.Heading("Chiffres clés");
        var totals = new List<(Indicator Indicator, StatTable Table)>();
        foreach (var indicator in Indicators.All)
        {
            var table = await tables.TableAsync(user, indicator.Code, year.Code, null, null, ct);
            if (!table.Succeeded) return Result.NotFound();
            totals.Add((indicator, table.Value));
        }
        var territory = catalog.Territories[0];
        pdf.Table(["Indicateur", $"{year.Year}", $"{year.Year - 1}", "Évolution"], [0.55, 0.15, 0.15, 0.15],
            totals.Select(t =>
            {
                var row = t.Table.KeyRow;
                var before = t.Table.Previous?.Rows.FirstOrDefault(r => r.Value == row.Value)?.Cells[0];
                return (IReadOnlyList<string>)[t.Indicator.Label + (t.Indicator.Kind == IndicatorKind.Delay ? " (médiane, jours)" : ""),
                    row.Cells[0].Display, before?.Display ?? "—", IndexModel.Change(row.Cells[0])];
            }));
        pdf.Note($"Territoire : {territory.Label}.");

        foreach (var (indicator, table) in totals)
        {
            pdf.Heading(indicator.Label);
            pdf.Note(indicator.Definition);
            var key = table.KeyRow;
            var before = table.Previous?.Rows.FirstOrDefault(r => r.Value == key.Value);
            pdf.Table(["Territoire", $"{year.Year}", $"{year.Year - 1}", "Évolution"], [0.55, 0.15, 0.15, 0.15],
                table.Territories.Select((t, i) => (IReadOnlyList<string>)[t.Label, key.Cells[i].Display, before?.Cells[i].Display ?? "—", IndexModel.Change(key.Cells[i])]));
            foreach (var breakdown in indicator.Breakdowns)
            {
                var detail = await tables.TableAsync(user, indicator.Code, year.Code, territory.Code, breakdown.Code, ct);
                if (!detail.Succeeded) return Result.NotFound();
                var rows = detail.Value.Rows.Where(r => !r.IsTotal).ToList();
                if (rows.Count == 0) continue;
                pdf.Subheading($"{indicator.Label} par {breakdown.Label.ToLowerInvariant()} — {territory.Label}");
                var previous = detail.Value.Previous;
                pdf.Bars(rows.Select(r =>
                {
                    var b = previous?.Rows.FirstOrDefault(p => p.Value == r.Value)?.Cells[0];
                    return (r.Label, r.Cells[0].Count, r.Cells[0].Display, b?.Count, b?.Display);
                }).ToList(), $"{year.Year}", previous is null ? null : $"{year.Year - 1}");
                pdf.Table([breakdown.Label, $"{year.Year}", $"{year.Year - 1}"], [0.6, 0.2, 0.2],
                    rows.Select(r => (IReadOnlyList<string>)[r.Label, r.Cells[0].Display,
                        previous?.Rows.FirstOrDefault(p => p.Value == r.Value)?.Cells[0].Display ?? "—"]));
            }
        }

        pdf.Heading("Note de méthode");
        foreach (var line in StatisticsExport.MethodLines(catalog.Threshold).Take(6)) pdf.Bullet(line);
        await journal.WriteAsync(JournalAction.Export, detail: $"statistiques {year.Year} rapport", ct: ct);
        return Result.Ok(pdf.ToBytes());
    }
}
