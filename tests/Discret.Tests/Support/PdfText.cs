using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace Discret.Tests.Support;

/// <summary>The text of a PDF as PdfPig reads it: its words, by page and by printed line.</summary>
public static class PdfText
{
    /// <summary>Every word of every page, separated by single spaces (the PDF's own line breaks do not show).</summary>
    public static string Of(byte[] pdf) => string.Join(" ", Pages(pdf));

    /// <summary>The words of each page, separated by single spaces.</summary>
    public static IReadOnlyList<string> Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))).ToList();
    }

    /// <summary>A run of words printed on one baseline without a wide gap: a line of a paragraph, or of one column or cell.</summary>
    public sealed record Segment(int Page, double Left, double Bottom, IReadOnlyList<string> Words);

    /// <summary>The segments of every page: words on one baseline (within a point), split where the gap between two words is wider than 8 points.</summary>
    public static IReadOnlyList<Segment> Segments(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var segments = new List<Segment>();
        foreach (var page in document.GetPages())
        {
            foreach (var line in page.GetWords().GroupBy(w => Math.Round(w.BoundingBox.Bottom)))
            {
                var run = new List<Word>();
                foreach (var word in line.OrderBy(w => w.BoundingBox.Left))
                {
                    if (run.Count > 0 && word.BoundingBox.Left - run[^1].BoundingBox.Right > 8) { segments.Add(Of(page.Number, run)); run = []; }
                    run.Add(word);
                }
                if (run.Count > 0) segments.Add(Of(page.Number, run));
            }
        }
        return segments;

        static Segment Of(int page, List<Word> run) => new(page, run[0].BoundingBox.Left, run[0].BoundingBox.Bottom, run.Select(w => w.Text).ToList());
    }

    /// <summary>
    /// Each segment with the one printed just below it, starting at the same left edge within two points and less than
    /// <paramref name="maxGap"/> points lower: where a wrapped text goes on.
    /// </summary>
    public static IEnumerable<(Segment Line, Segment Next)> Continuations(byte[] pdf, double maxGap = 16)
    {
        var segments = Segments(pdf);
        foreach (var s in segments)
        {
            var next = segments.Where(t => t.Page == s.Page && Math.Abs(t.Left - s.Left) < 2 && t.Bottom < s.Bottom - 1 && s.Bottom - t.Bottom < maxGap)
                .OrderByDescending(t => t.Bottom).FirstOrDefault();
            if (next is not null) yield return (s, next);
        }
    }
}
