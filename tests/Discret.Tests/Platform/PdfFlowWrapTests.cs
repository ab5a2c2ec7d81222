using Discret.Tests.Support;
using Discret.Web.Shared.Pdf;

namespace Discret.Tests.Platform;

/// <summary>The PDF writer's line wrapping, which every PDF of Discret goes through: lines break between words, never inside one.</summary>
public class PdfFlowWrapTests
{
    private const string Text =
        "Rendez-vous pris avec la conseillère pour le dossier de logement social ; permanence du mardi matin, entretien téléphonique "
        + "et visite à domicile prévus, orientation vers un partenaire, demande d'aide financière exceptionnelle.";

    private static byte[] Pdf(Action<PdfFlow> write)
    {
        var pdf = new PdfFlow("Essai", "Essai", "#1d4e89");
        write(pdf);
        return pdf.ToBytes();
    }

    private static HashSet<string> WordsOf(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();

    [Fact]
    public void Paragraphs_fields_bullets_and_table_cells_break_lines_between_words_only()
    {
        var bytes = Pdf(pdf => pdf
            .Paragraph(Text)
            .Field("Synthèse partagée de l'entretien", Text)
            .Bullet(Text)
            // Columns of about 70 points: each word fits, but no cell's text does on one line.
            .Table(["Date", "Type", "Synthèse"], [0.15, 0.15, 0.7], [["01/02/2026", "Permanence", Text], ["03/02/2026", "Rendez-vous", Text]], size: 8));
        var expected = WordsOf(Text + " Synthèse partagée de l'entretien Date Type 01/02/2026 03/02/2026 Permanence Rendez-vous • Essai page 1 sur");
        var printed = PdfText.Of(bytes).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var broken = printed.Where(w => !expected.Contains(w) && !int.TryParse(w, out _)).Distinct().ToList();
        Assert.True(broken.Count == 0, "printed pieces of words: " + string.Join(" | ", broken));
        Assert.True(PdfText.Continuations(bytes).Count() > 10, "the texts did not wrap");
    }

    /// <summary>The pieces of <paramref name="word"/> printed in a table's first column, top to bottom.</summary>
    private static List<string> Pieces(byte[] bytes, string word) =>
        PdfText.Segments(bytes).Where(s => s.Words is [var w] && w.Length > 1 && word.Contains(w.TrimEnd('-')) && s.Left < 100)
            .OrderByDescending(s => s.Bottom).Select(s => s.Words[0]).ToList();

    [Fact]
    public void A_word_longer_than_its_column_is_cut_with_a_hyphen_at_each_cut()
    {
        const string word = "Anticonstitutionnellement";
        var bytes = Pdf(pdf => pdf.Table(["A", "B"], [0.08, 0.92], [[word, "court"]], size: 10));
        var pieces = Pieces(bytes, word);
        Assert.True(pieces.Count >= 2, "the word was not cut: " + string.Join(" | ", pieces));
        Assert.All(pieces.SkipLast(1), p => Assert.EndsWith("-", p));
        Assert.Equal(word, string.Concat(pieces.Select(p => p.TrimEnd('-'))));
    }

    [Fact]
    public void A_compound_word_longer_than_its_column_is_cut_after_its_own_hyphen()
    {
        // About 45 points of text: « Rendez- » fits, « Rendez-vous » does not.
        var bytes = Pdf(pdf => pdf.Table(["A", "B"], [0.104, 0.896], [["Rendez-vous", "court"]], size: 10));
        Assert.Equal(["Rendez-", "vous"], Pieces(bytes, "Rendez-vous"));
    }
}
