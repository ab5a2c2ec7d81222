using System.Reflection;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Discret.Web.Shared.Pdf;

public enum PdfPageFormat { A4, A3 }

/// <summary>
/// Discret's one way to write a PDF: text flowing down the page, wrapped to the width and broken across pages, with
/// headings, paragraphs, bullets, label–value lines and simple tables. Every document Discret prints (information
/// notice, poster, access export, sharing sheet) is written with it, in DejaVu Sans embedded in the file, so
/// accented French prints the same on every machine. <see cref="Scale"/> enlarges everything (the A3 poster).
/// </summary>
public sealed class PdfFlow
{
    private const string Family = "DejaVu Sans";
    private const double Margin = 50;

    private readonly PdfDocument _document = new();
    private readonly PdfPageFormat _format;
    private readonly string _footer;
    private readonly XColor _accent;
    private PdfPage _page = null!;
    private XGraphics _gfx = null!;
    private double _y;

    static PdfFlow() => FontSetup.Install();

    /// <param name="title">Document title (PDF metadata and first line of the footer).</param>
    /// <param name="footer">Printed at the bottom of every page with the page number.</param>
    /// <param name="accentHex">The département's colour (#rrggbb) for headings and rules.</param>
    public PdfFlow(string title, string footer, string accentHex, PdfPageFormat format = PdfPageFormat.A4, double scale = 1)
    {
        _format = format;
        _footer = footer;
        _accent = XColor.FromArgb(unchecked((int)(0xFF000000 | Convert.ToUInt32(accentHex.TrimStart('#'), 16))));
        Scale = scale;
        _document.Info.Title = title;
        _document.Info.Creator = "Discret";
        _document.Language = "fr-FR";
        NewPage();
    }

    public double Scale { get; }

    /// <summary>How many pages the flow has so far.</summary>
    public int PageCount => _document.PageCount;

    /// <summary>The page's margins grow with the paper, not with the letters: a poster's large print keeps its width.</summary>
    private double PageMargin => _format == PdfPageFormat.A3 ? Margin * 1.2 : Margin;

    private double Width => _page.Width.Point - 2 * PageMargin;
    private double Bottom => _page.Height.Point - (PageMargin + 20 * FooterScale);
    private double FooterScale => Math.Min(Scale, 1.25);

    private XFont Font(double size, bool bold = false) => new(Family, size * Scale, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

    public PdfFlow Title(string text, double size = 20)
    {
        var font = Font(size, bold: true);
        EnsureRoom(LineHeight(font) * 4);
        Lines(text, font, new XSolidBrush(_accent), PageMargin, Width);
        Rule();
        return this;
    }

    public PdfFlow Heading(string text)
    {
        var font = Font(13, bold: true);
        EnsureRoom(LineHeight(font) * 3);
        Space(8);
        Lines(text, font, new XSolidBrush(_accent), PageMargin, Width);
        Space(2);
        return this;
    }

    /// <param name="keepWithLines">Lines of what follows kept on the same page as the subheading.</param>
    public PdfFlow Subheading(string text, int keepWithLines = 1)
    {
        var font = Font(11, bold: true);
        EnsureRoom(LineHeight(font) * (1 + keepWithLines));
        Space(4);
        Lines(text, font, XBrushes.Black, PageMargin, Width);
        return this;
    }

    public PdfFlow Paragraph(string text, bool bold = false, double size = 10)
    {
        foreach (var part in text.Split('\n'))
            Lines(part, Font(size, bold), XBrushes.Black, PageMargin, Width);
        Space(3);
        return this;
    }

    /// <summary>A quieter line, in grey (provenance, dates, mentions).</summary>
    public PdfFlow Note(string text)
    {
        Lines(text, Font(8.5), XBrushes.DimGray, PageMargin, Width);
        Space(2);
        return this;
    }

    public PdfFlow Bullet(string text, double size = 10)
    {
        var font = Font(size);
        var indent = 14 * Scale;
        EnsureRoom(LineHeight(font));
        _gfx.DrawString("•", font, new XSolidBrush(_accent), PageMargin + 3 * Scale, _y, XStringFormats.TopLeft);
        Lines(text, font, XBrushes.Black, PageMargin + indent, Width - indent);
        return this;
    }

    /// <summary>"Label : value", the label in bold on its own column.</summary>
    public PdfFlow Field(string label, string? value)
    {
        var font = Font(10);
        var bold = Font(10, bold: true);
        var labelWidth = Width * 0.38;
        var labelLines = Wrap(label, bold, labelWidth - 6 * Scale);
        var valueLines = Wrap(string.IsNullOrWhiteSpace(value) ? "—" : value, font, Width - labelWidth);
        var height = Math.Max(labelLines.Count, valueLines.Count) * LineHeight(font);
        if (height > Bottom - PageMargin)
        {
            // Longer than a page: the label above, the value flowing under it.
            DrawLines(labelLines, bold, XBrushes.Black, PageMargin);
            Lines(value ?? "—", font, XBrushes.Black, PageMargin, Width);
            return this;
        }
        EnsureRoom(height);
        var top = _y;
        DrawLines(labelLines, bold, XBrushes.Black, PageMargin);
        _y = top;
        DrawLines(valueLines, font, XBrushes.Black, PageMargin + labelWidth);
        _y = top + height + 2 * Scale;
        return this;
    }

    /// <summary>A table with a header row repeated on each page; cells wrap. <paramref name="widths"/> are fractions of the width.</summary>
    public PdfFlow Table(IReadOnlyList<string> headers, double[] widths, IEnumerable<IReadOnlyList<string>> rows, double size = 9)
    {
        var font = Font(size);
        var bold = Font(size, bold: true);
        var columns = widths.Select(w => w * Width).ToArray();
        DrawRow(headers, bold, columns, header: true);
        foreach (var row in rows)
        {
            var height = RowHeight(row, font, columns);
            if (_y + height > Bottom)
            {
                NewPage();
                DrawRow(headers, bold, columns, header: true);
            }
            DrawRow(row, font, columns, header: false);
        }
        Space(6);
        return this;
    }

    /// <summary>
    /// A horizontal bar chart: a row per category with its label, a solid bar in the accent colour for the value and, when
    /// given, a hatched bar for the value before, each with its number written at its end (the numbers and the hatching
    /// carry the meaning, never the colour alone). A value that is null (masked) draws no bar, only its text.
    /// </summary>
    public PdfFlow Bars(IReadOnlyList<(string Label, int? Value, string Display, int? Before, string? BeforeDisplay)> rows, string legend, string? beforeLegend,
        double size = 9)
    {
        var font = Font(size);
        var bar = 9 * Scale;
        var withBefore = beforeLegend is not null;
        var rowHeight = (withBefore ? 2 * bar + 2 * Scale : bar) + 6 * Scale;
        var labelWidth = Width * 0.38;
        var area = Width - labelWidth - 60 * Scale;
        var scale = Math.Max(1, rows.SelectMany(r => new[] { r.Value ?? 0, r.Before ?? 0 }).DefaultIfEmpty(0).Max());
        var left = PageMargin + labelWidth;
        EnsureRoom(LineHeight(font) + 2 * rowHeight);
        // Legend.
        _gfx.DrawRectangle(new XSolidBrush(_accent), left, _y + 1 * Scale, bar, bar);
        _gfx.DrawString(legend, font, XBrushes.Black, left + bar + 4 * Scale, _y, XStringFormats.TopLeft);
        if (withBefore)
        {
            HatchedBox(left + area / 2, _y + 1 * Scale, bar, bar);
            _gfx.DrawString(beforeLegend!, font, XBrushes.Black, left + area / 2 + bar + 4 * Scale, _y, XStringFormats.TopLeft);
        }
        _y += LineHeight(font) + 4 * Scale;
        foreach (var row in rows)
        {
            EnsureRoom(rowHeight);
            var label = Wrap(row.Label, font, labelWidth - 8 * Scale)[0];
            _gfx.DrawString(label, font, XBrushes.Black, left - 6 * Scale, _y, XStringFormats.TopRight);
            var length = row.Value is { } v ? area * v / scale : 0;
            if (length > 0) _gfx.DrawRectangle(new XSolidBrush(_accent), left, _y, length, bar);
            _gfx.DrawString(row.Display, font, XBrushes.Black, left + length + 4 * Scale, _y, XStringFormats.TopLeft);
            if (withBefore)
            {
                var y = _y + bar + 2 * Scale;
                var before = row.Before is { } b ? area * b / scale : 0;
                if (before > 0) HatchedBox(left, y, before, bar);
                _gfx.DrawString(row.BeforeDisplay ?? "—", font, XBrushes.DimGray, left + before + 4 * Scale, y, XStringFormats.TopLeft);
            }
            _y += rowHeight;
        }
        Space(6);
        return this;
    }

    private void HatchedBox(double x, double y, double width, double height)
    {
        var pen = new XPen(XColors.DimGray, 0.6 * Scale);
        var state = _gfx.Save();
        _gfx.IntersectClip(new XRect(x, y, width, height));
        for (var d = -height; d < width; d += 3 * Scale) _gfx.DrawLine(pen, x + d, y + height, x + d + height, y);
        _gfx.Restore(state);
        _gfx.DrawRectangle(pen, x, y, width, height);
    }

    /// <summary>
    /// Makes the file the same bytes each time it is written from the same content: PDFsharp would otherwise stamp the time
    /// of writing and a random document ID. A document re-issued from stored data (a signed mandate) sets both from that data.
    /// </summary>
    public PdfFlow Deterministic(DateTime createdUtc, string documentId)
    {
        var at = DateTime.SpecifyKind(new DateTime(createdUtc.Ticks - createdUtc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        _document.Info.CreationDate = at;
        _document.Info.ModificationDate = at;
        _documentId = documentId;
        return this;
    }

    private string? _documentId;

    /// <summary>A QR code of <paramref name="payload"/>, drawn as vector squares (no image), <paramref name="size"/> points wide,
    /// with <paramref name="lines"/> written to its right.</summary>
    public PdfFlow QrCode(string payload, double size, IReadOnlyList<string> lines)
    {
        using var data = QRCoder.QRCodeGenerator.GenerateQrCode(payload, QRCoder.QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var count = matrix.Count;
        var module = size * Scale / count;
        EnsureRoom(size * Scale);
        var top = _y;
        for (var row = 0; row < count; row++)
        {
            var col = 0;
            while (col < count)
            {
                if (!matrix[row][col]) { col++; continue; }
                var start = col;
                while (col < count && matrix[row][col]) col++;
                _gfx.DrawRectangle(XBrushes.Black, PageMargin + start * module, top + row * module, (col - start) * module + 0.05, module + 0.05);
            }
        }
        var font = Font(10);
        var bold = Font(10, bold: true);
        var x = PageMargin + size * Scale + 12 * Scale;
        _y = top + 8 * Scale;
        for (var i = 0; i < lines.Count; i++)
            DrawLines(Wrap(lines[i], i % 2 == 0 ? font : bold, Width - size * Scale - 12 * Scale), i % 2 == 0 ? font : bold, XBrushes.Black, x);
        _y = Math.Max(_y, top + size * Scale) + 6 * Scale;
        return this;
    }

    /// <summary>Boxes side by side for handwritten signatures, each with its caption above.</summary>
    public PdfFlow SignatureBoxes(IReadOnlyList<string> captions, double height = 70)
    {
        var font = Font(9, bold: true);
        var gap = 12 * Scale;
        var width = (Width - gap * (captions.Count - 1)) / captions.Count;
        var captionHeight = captions.Max(c => Wrap(c, font, width).Count) * LineHeight(font);
        EnsureRoom(captionHeight + height * Scale + 4 * Scale);
        var top = _y;
        for (var i = 0; i < captions.Count; i++)
        {
            var x = PageMargin + i * (width + gap);
            _y = top;
            DrawLines(Wrap(captions[i], font, width), font, XBrushes.Black, x);
            _gfx.DrawRectangle(new XPen(XColors.DimGray, 0.8), x, top + captionHeight + 2 * Scale, width, height * Scale);
        }
        _y = top + captionHeight + height * Scale + 8 * Scale;
        return this;
    }

    /// <summary>What follows starts on a new page (unless the page is still empty).</summary>
    public PdfFlow PageBreak()
    {
        if (_y > PageMargin) NewPage();
        return this;
    }

    public PdfFlow Space(double points)
    {
        _y += points * Scale;
        return this;
    }

    /// <summary>Writes the document, numbering the pages ("page 2 sur 5").</summary>
    public void Save(Stream output)
    {
        _gfx.Dispose();
        var count = _document.PageCount;
        for (var i = 0; i < count; i++)
        {
            var page = _document.Pages[i];
            using var gfx = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            // the footer stays small on a poster: it is for the archive, not for the waiting room
            var font = new XFont(Family, 8 * FooterScale, XFontStyleEx.Regular);
            var y = page.Height.Point - (Margin - 10) * FooterScale;
            gfx.DrawLine(new XPen(_accent, 0.8 * FooterScale), PageMargin, y - 6 * FooterScale, page.Width.Point - PageMargin, y - 6 * FooterScale);
            gfx.DrawString(_footer, font, XBrushes.DimGray, PageMargin, y, XStringFormats.TopLeft);
            gfx.DrawString($"page {i + 1} sur {count}", font, XBrushes.DimGray, page.Width.Point - PageMargin, y, XStringFormats.TopRight);
        }
        if (_documentId is { } id)
        {
            _document.Internals.FirstDocumentID = id;
            _document.Internals.SecondDocumentID = id;
        }
        _document.Save(output, closeStream: false);
    }

    /// <summary>
    /// The document as an HTTP download. PDFsharp writes synchronously, which ASP.NET Core forbids on the response, so
    /// the file is written to memory first — never to a temporary file, which would leave personal data on disk.
    /// </summary>
    public IResult ToDownload(string fileName) => Results.File(ToBytes(), "application/pdf", fileName);

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        Save(stream);
        var bytes = stream.ToArray();
        if (_documentId is { } id)
        {
            StableFontTags(bytes);
            StableMetadataIds(bytes, id);
        }
        return bytes;
    }

    /// <summary>The XMP metadata's document and instance UUIDs, fresh at each write, replaced in place by ones derived from the document ID.</summary>
    private static void StableMetadataIds(byte[] pdf, string documentId)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(documentId));
        foreach (var (element, offset) in new[] { ("<xmpMM:DocumentID>uuid:", 0), ("<xmpMM:InstanceID>uuid:", 16) })
        {
            var marker = System.Text.Encoding.ASCII.GetBytes(element);
            var at = pdf.AsSpan().IndexOf(marker);
            if (at < 0) continue;
            var uuid = new Guid(hash.AsSpan(offset, 16)).ToString("D");
            System.Text.Encoding.ASCII.GetBytes(uuid).CopyTo(pdf.AsSpan(at + marker.Length, uuid.Length));
        }
    }

    /// <summary>
    /// PDFsharp names each embedded font subset with a random six-letter tag (« /KQXZBA+DejaVuSans »). For a deterministic
    /// document each tag is replaced, in place and at the same length (the cross-reference offsets stay right), by one
    /// numbered in the order the fonts first appear.
    /// </summary>
    private static void StableFontTags(byte[] pdf)
    {
        var family = System.Text.Encoding.ASCII.GetBytes("+" + Family.Split(' ')[0]); // « /KQXZBA+DejaVu#20Sans »
        var tags = new List<string>();
        for (var i = 0; i + 7 + family.Length <= pdf.Length; i++)
        {
            if (pdf[i] != '/' || !pdf.AsSpan(i + 7, family.Length).SequenceEqual(family)) continue;
            var span = pdf.AsSpan(i + 1, 6);
            var isTag = true;
            foreach (var b in span) isTag &= b is >= (byte)'A' and <= (byte)'Z';
            if (!isTag) continue;
            var tag = System.Text.Encoding.ASCII.GetString(span);
            var index = tags.IndexOf(tag);
            if (index < 0) { tags.Add(tag); index = tags.Count - 1; }
            System.Text.Encoding.ASCII.GetBytes($"DISCR{(char)('A' + index % 26)}").CopyTo(span);
        }
    }

    private void NewPage()
    {
        _gfx?.Dispose();
        _page = _document.AddPage();
        _page.Size = _format == PdfPageFormat.A3 ? PageSize.A3 : PageSize.A4;
        _gfx = XGraphics.FromPdfPage(_page);
        _y = PageMargin;
    }

    private void EnsureRoom(double height)
    {
        if (_y + height > Bottom) NewPage();
    }

    private double LineHeight(XFont font) => font.Size * 1.35;

    private void Rule()
    {
        Space(2);
        _gfx.DrawLine(new XPen(_accent, 1.5 * Scale), PageMargin, _y, PageMargin + Width, _y);
        Space(10);
    }

    private void Lines(string text, XFont font, XBrush brush, double x, double width) => DrawLines(Wrap(text, font, width), font, brush, x);

    private void DrawLines(List<string> lines, XFont font, XBrush brush, double x)
    {
        var height = LineHeight(font);
        foreach (var line in lines)
        {
            EnsureRoom(height);
            _gfx.DrawString(line, font, brush, x, _y, XStringFormats.TopLeft);
            _y += height;
        }
    }

    private double RowHeight(IReadOnlyList<string> cells, XFont font, double[] columns) =>
        cells.Select((c, i) => Wrap(c, font, columns[i] - 6 * Scale).Count).DefaultIfEmpty(1).Max() * LineHeight(font) + 4 * Scale;

    private void DrawRow(IReadOnlyList<string> cells, XFont font, double[] columns, bool header)
    {
        var height = RowHeight(cells, font, columns);
        EnsureRoom(height);
        var x = PageMargin;
        if (header) _gfx.DrawRectangle(new XSolidBrush(XColor.FromArgb(40, _accent.R, _accent.G, _accent.B)), x, _y, Width, height);
        for (var i = 0; i < cells.Count && i < columns.Length; i++)
        {
            var y = _y + 2 * Scale;
            foreach (var line in Wrap(cells[i], font, columns[i] - 6 * Scale))
            {
                _gfx.DrawString(line, font, XBrushes.Black, x + 3 * Scale, y, XStringFormats.TopLeft);
                y += LineHeight(font);
            }
            x += columns[i];
        }
        _y += height;
        _gfx.DrawLine(new XPen(XColors.LightGray, 0.5), PageMargin, _y, PageMargin + Width, _y);
    }

    /// <summary>
    /// Greedy word wrap: lines break between words only (spaces; a no-break space holds two words together), so no word is
    /// ever split across lines. Only a single word longer than the whole line is cut — after one of its own hyphens when
    /// one fits, otherwise with a hyphen added at the cut.
    /// </summary>
    private List<string> Wrap(string text, XFont font, double width)
    {
        bool Fits(string s) => _gfx.MeasureString(s, font).Width <= width;
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Replace('\t', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (Fits(candidate)) { current = candidate; continue; }
            if (current.Length > 0) lines.Add(current);
            current = word;
            while (current.Length > 1 && !Fits(current))
            {
                var (line, rest) = Cut(current, Fits);
                lines.Add(line);
                current = rest;
            }
        }
        if (current.Length > 0 || lines.Count == 0) lines.Add(current);
        return lines;
    }

    /// <summary>A word longer than the line: the longest head that fits, ending at one of its hyphens or with a hyphen added.</summary>
    private static (string Line, string Remainder) Cut(string word, Func<string, bool> fits)
    {
        // The longest prefix that fits with a hyphen after it (binary search: the width grows with the length).
        int low = 1, high = word.Length - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (fits(word[..middle] + "-")) low = middle; else high = middle - 1;
        }
        var own = word.LastIndexOf('-', Math.Min(low, word.Length - 2));
        if (own > 0) return (word[..(own + 1)], word[(own + 1)..]);
        return (word[..low] + "-", word[low..]);
    }

    /// <summary>DejaVu Sans, regular and bold, embedded in Discret's assembly: no dependency on the fonts of the OS.</summary>
    private sealed class FontSetup : IFontResolver
    {
        private static readonly Lock Gate = new();
        private static bool _installed;

        public static void Install()
        {
            lock (Gate)
            {
                if (_installed) return;
                if (GlobalFontSettings.FontResolver is null) GlobalFontSettings.FontResolver = new FontSetup();
                _installed = true;
            }
        }

        public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

        public byte[] GetFont(string faceName)
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Discret.Web.Shared.Pdf.Fonts.{faceName}.ttf")
                ?? throw new InvalidOperationException("Embedded font missing.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
