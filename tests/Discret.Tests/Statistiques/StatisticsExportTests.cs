using System.Net;
using System.Text;
using Discret.Data;
using Discret.Domain.Journal;
using Discret.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Discret.Tests.Statistiques;

/// <summary>The exports for spreadsheets: the page's figures, masked the same way, with the method note; journaled as an
/// Export that names the year and the format, never a figure.</summary>
public sealed class StatisticsExportTests(GeneratedActivity activity) : IClassFixture<GeneratedActivity>
{
    [Fact]
    public async Task The_csv_is_utf8_with_a_bom_semicolons_the_method_note_and_the_masked_figures_of_the_api()
    {
        var response = await activity.Dpo.Client.GetAsync("/statistiques/export?annee=2026&format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Records(Encoding.UTF8.GetString(bytes[3..]));
        Assert.All(lines, l => Assert.Equal(7, l.Length));
        Assert.Contains(lines, l => l[0] == "Note de méthode" && l[1].Contains("masqué", StringComparison.Ordinal));
        Assert.Contains(lines, l => l[0] == "Note de méthode" && l[1].StartsWith("Entretiens :", StringComparison.Ordinal));
        var header = lines.FindIndex(l => l[0] == "Indicateur");
        Assert.Equal(["Indicateur", "Ventilation", "Valeur", "Période", "Territoire", "Nombre", "Masqué"], lines[header]);
        var rows = lines.Skip(header + 1).ToList();
        // The year's interviews, département: the same as the API.
        var table = await activity.TableAsync("entretiens", "2026");
        var api = table.GetProperty("rows")[0].GetProperty("cells").EnumerateArray().First(c => c.GetProperty("territory").GetString() == "departement");
        var line = rows.Single(l => l[0] == "Entretiens" && l[1] == "Total" && l[3] == "année 2026" && l[4] == "Département");
        Assert.Equal(api.GetProperty("count").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), line[5]);
        // Masked figures are masked here too, and none is written as a number.
        Assert.Contains(rows, l => l[5] == "< 5" && l[6] == "oui");
        Assert.All(rows.Where(l => l[6] == "oui"), l => Assert.False(int.TryParse(l[5], out _), string.Join(";", l)));
        // Every month up to today and every quarter begun, not after.
        Assert.Contains(rows, l => l[3] == "juin 2026");
        Assert.DoesNotContain(rows, l => l[3] == "juillet 2026");
    }

    [Fact]
    public async Task The_annual_report_lists_every_indicator_with_the_year_before_and_the_method()
    {
        var response = await activity.Dpo.Client.GetAsync("/statistiques/export?annee=2025&format=pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var document = UglyToad.PdfPig.PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = string.Join(' ', string.Join(' ', document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))))
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Rapport d'activité 2025", text);
        foreach (var indicator in Discret.Web.Features.Statistiques.Indicators.All) Assert.Contains(indicator.Label, text);
        Assert.Contains("Personnes reçues par âge", text);
        Assert.Contains("Note de méthode", text);
        Assert.Contains("aucun ne porte sur une personne, un professionnel, une équipe ou un référent", text);
        Assert.Contains("< 5", text);
        // The year before is there: 2024 heads the comparison columns.
        Assert.Contains("2024", text);
        var journaled = await activity.App.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AsNoTracking()
            .AnyAsync(e => e.Action == JournalAction.Export && e.Detail == "statistiques 2025 rapport"));
        Assert.True(journaled);
    }

    /// <summary>RFC 4180 records with « ; » between fields (quotes around a field that holds « ; », a quote or a line break).</summary>
    private static List<string[]> Records(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ';') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { fields.Add(field.ToString()); field.Clear(); records.Add([.. fields]); fields.Clear(); i++; }
            else field.Append(c);
        }
        if (field.Length > 0 || fields.Count > 0) { fields.Add(field.ToString()); records.Add([.. fields]); }
        return records;
    }

    [Fact]
    public async Task The_xlsx_has_the_figures_and_the_method_and_each_export_is_journaled_without_figures()
    {
        var response = await activity.Dpo.Client.GetAsync("/statistiques/export?annee=2025&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Chiffres", "Méthode"], MiniExcel.GetSheetNames(stream));
        var figures = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "Chiffres").Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(figures, r => (string)r["Indicateur"] == "Personnes reçues" && (string)r["Période"] == "année 2025" && r["Nombre"] is double);
        Assert.Contains(figures, r => (string)r["Masqué"] == "oui" && (string)r["Nombre"] == "< 5");
        var method = MiniExcel.Query(stream, useHeaderRow: true, sheetName: "Méthode").Cast<IDictionary<string, object>>().ToList();
        Assert.Contains(method, r => ((string)r["Note de méthode"]).Contains("Aucun chiffre ne porte sur un professionnel", StringComparison.Ordinal));

        var exports = await activity.App.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JournalEntries.AsNoTracking()
            .Where(e => e.Action == JournalAction.Export && e.Detail != null && e.Detail.StartsWith("statistiques")).Select(e => new { e.Detail, e.PersonId }).ToListAsync());
        Assert.Contains(exports, e => e.Detail == "statistiques 2025 xlsx");
        Assert.All(exports, e => Assert.Null(e.PersonId));
        Assert.All(exports, e => Assert.Matches(@"^statistiques \d{4} (csv|xlsx)$", e.Detail!));
    }
}
