using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Discret.Web.Features.Statistiques;

/// <summary>
/// A horizontal bar chart drawn as SVG on the server (no script, no library, nothing fetched): one row per category, a
/// solid bar for the period and, when given, a hatched bar for the same period a year before, each with its number
/// written at its end — the numbers and the hatching carry the meaning, never the colour alone. A masked number draws no
/// bar and writes « < 5 ». The SVG is an image (<c>role="img"</c>) named by its title and described by a text summary;
/// the page puts the chart's data table next to it (RGAA, complex images). The same model draws the annual report's
/// charts (<see cref="Rows"/>).
/// </summary>
public sealed record BarChart(string Title, string Summary, IReadOnlyList<BarChart.Row> Rows, string CurrentLegend, string? PreviousLegend)
{
    public sealed record Row(string Label, int? Value, string Display, int? Previous, string? PreviousDisplay);

    public const string BarColour = "#1d4f7c", HatchColour = "#4a4a4a";
    private const int Width = 800, LabelWidth = 300, ValueWidth = 90, BarHeight = 18, Gap = 12, Top = 34;

    /// <summary>The greatest number drawn (at least 1), which spans the bar area.</summary>
    public int Scale => Math.Max(1, Rows.SelectMany(r => new[] { r.Value ?? 0, r.Previous ?? 0 }).DefaultIfEmpty(0).Max());

    public IHtmlContent Svg(string id)
    {
        var enc = HtmlEncoder.Default;
        var withPrevious = PreviousLegend is not null;
        var rowHeight = (withPrevious ? 2 * BarHeight + 4 : BarHeight) + Gap;
        var height = Top + Rows.Count * rowHeight + 8;
        var area = Width - LabelWidth - ValueWidth;
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"d-chart\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" focusable=\"false\">");
        s.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{enc.Encode(Title)}</title><desc id=\"{id}-desc\">{enc.Encode(Summary)}</desc>");
        s.Append(CultureInfo.InvariantCulture, $"<defs><pattern id=\"{id}-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
            + $"<rect width=\"6\" height=\"6\" fill=\"#ffffff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"{HatchColour}\" stroke-width=\"3\"/></pattern></defs>");
        // Legend: a swatch and its words for each series.
        s.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"6\" width=\"14\" height=\"14\" fill=\"{BarColour}\"/>");
        s.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + 20}\" y=\"18\" font-size=\"13\" fill=\"#1a1a1a\">{enc.Encode(CurrentLegend)}</text>");
        if (withPrevious)
        {
            s.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth + 230}\" y=\"6\" width=\"14\" height=\"14\" fill=\"url(#{id}-hatch)\" stroke=\"{HatchColour}\"/>");
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + 250}\" y=\"18\" font-size=\"13\" fill=\"#1a1a1a\">{enc.Encode(PreviousLegend!)}</text>");
        }
        var y = Top;
        foreach (var row in Rows)
        {
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{y + 13}\" font-size=\"13\" text-anchor=\"end\" fill=\"#1a1a1a\">{enc.Encode(Shorten(row.Label))}</text>");
            Bar(s, enc, y, area, row.Value, row.Display, BarColour, null);
            if (withPrevious) Bar(s, enc, y + BarHeight + 4, area, row.Previous, row.PreviousDisplay ?? "—", null, $"url(#{id}-hatch)");
            y += rowHeight;
        }
        s.Append("</svg>");
        return new HtmlString(s.ToString());
    }

    private void Bar(StringBuilder s, HtmlEncoder enc, int y, int area, int? value, string display, string? fill, string? pattern)
    {
        var length = value is { } v ? (int)Math.Round(area * (double)v / Scale) : 0;
        if (length > 0)
            s.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{length}\" height=\"{BarHeight}\" fill=\"{fill ?? pattern}\"{(pattern is null ? "" : $" stroke=\"{HatchColour}\"")}/>");
        s.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + length + 6}\" y=\"{y + 13}\" font-size=\"13\" fill=\"#1a1a1a\">{enc.Encode(display)}</text>");
    }

    private static string Shorten(string label) => label.Length <= 38 ? label : label[..37] + "…";

    /// <summary>A sentence that says what the chart shows, for those who do not see it: the largest and smallest published
    /// values and how many are masked.</summary>
    public static string Describe(string what, IReadOnlyList<Row> rows)
    {
        var shown = rows.Where(r => r.Value is not null).OrderByDescending(r => r.Value).ToList();
        var masked = rows.Count - shown.Count;
        var text = new StringBuilder($"{what}. ");
        if (shown.Count == 0) text.Append("Tous les nombres sont masqués parce qu'ils sont trop petits.");
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"Le plus élevé : {shown[0].Label} ({shown[0].Display}).");
            if (shown.Count > 1) text.Append(CultureInfo.InvariantCulture, $" Le plus bas publié : {shown[^1].Label} ({shown[^1].Display}).");
            if (masked > 0) text.Append(CultureInfo.InvariantCulture, $" {masked} {(masked == 1 ? "nombre est masqué" : "nombres sont masqués")} parce que trop petit{(masked == 1 ? "" : "s")}.");
        }
        return text.ToString();
    }
}
