using Discret.Web.Shared.Documents;
using Discret.Catalogue;
using Discret.Web.Shared.Pdf;

namespace Discret.Web.Features.InformationDesPersonnes;

/// <summary>The notice printed: a leaflet (A4) to hand over, and a poster (A3) for the waiting room.</summary>
public static class NoticePdf
{
    public static PdfFlow Leaflet(PublishedDocuments.Published<NoticeContent> notice, string accent)
    {
        var c = notice.Content;
        var pdf = new PdfFlow($"{NoticeContent.Title} — {c.Departement}", Footer(notice), accent);
        pdf.Title(NoticeContent.Title)
            .Paragraph($"{c.Departement} — notice d'information, version {notice.Number} du {ParisTime.Day(notice.PublishedAt)}", bold: true)
            .Paragraph("Le service social vous accompagne. Pour cela, il enregistre des informations sur vous dans un logiciel, Discret. Cette notice vous dit lesquelles, pourquoi, qui les voit, combien de temps elles sont gardées, et quels sont vos droits.");

        pdf.Heading("Qui est responsable de vos informations ?")
            .Paragraph($"{c.Controller}{(c.ControllerAddress.Length > 0 ? ", " + c.ControllerAddress : "")}.")
            .Paragraph($"Délégué à la protection des données : {c.DpoContact}.");

        pdf.Heading("Pourquoi ?");
        foreach (var p in c.Purposes) pdf.Bullet($"{p.Purpose}. Base légale : {p.LegalBasis}.");

        pdf.Heading("Quelles informations ?");
        foreach (var cat in c.Categories)
        {
            pdf.Subheading(cat.Category);
            pdf.Paragraph(string.Join(" ; ", cat.Items) + ".", size: 9);
            pdf.Note("Ces informations viennent de : " + string.Join(", ", cat.Sources).ToLowerInvariant() + ".");
        }

        pdf.Heading("Qui les voit ?");
        foreach (var r in c.Recipients) pdf.Bullet(r.Describe());
        foreach (var line in c.OtherReaders ?? []) pdf.Bullet(line);
        pdf.Bullet(NoticeContent.NoOneElse);

        pdf.Heading("Combien de temps ?");
        foreach (var r in c.Retention) pdf.Bullet($"{string.Join(", ", r.Categories)} : {r.Rule}.");

        if (c.Mandates is { Count: > 0 } mandates)
        {
            pdf.Heading(NoticeContent.MandatesHeading);
            foreach (var line in mandates) pdf.Bullet(line);
        }

        pdf.Heading("Vos droits");
        foreach (var right in c.Rights) pdf.Bullet(right);

        pdf.Heading("Nos engagements");
        foreach (var line in c.Commitments) pdf.Bullet(line);
        return pdf;
    }

    /// <summary>
    /// One A3 page for the waiting room, read from a few steps away: body at 24 pt (10 pt × 2.4), the essentials only, and
    /// how long each category of data is kept (issue 17 §3).
    /// </summary>
    public static PdfFlow Poster(PublishedDocuments.Published<NoticeContent> notice, string accent)
    {
        // One page always: a département whose names or contact run longer gets slightly smaller letters, never a second page.
        var pdf = Poster(notice, accent, PosterScale);
        for (var scale = PosterScale - 0.2; pdf.PageCount > 1 && scale >= 1.6; scale -= 0.2) pdf = Poster(notice, accent, scale);
        return pdf;
    }

    private static PdfFlow Poster(PublishedDocuments.Published<NoticeContent> notice, string accent, double scale)
    {
        var c = notice.Content;
        var pdf = new PdfFlow($"{NoticeContent.Title} — {c.Departement}", Footer(notice), accent, PdfPageFormat.A3, scale: scale);
        pdf.Title(NoticeContent.Title, size: 14);
        // Who sees them, in one sentence under the title rather than a part of its own: the catalogue grew (online
        // procedures, issue 19) and the poster keeps its 24 pt body on one page.
        pdf.Paragraph("Seuls les professionnels qui en ont besoin les voient ; un partenaire, avec votre accord. Tout est enregistré.");
        pdf.Heading("Combien de temps ?");
        if (c.ShortRetention is { } lines) foreach (var line in lines) pdf.Bullet(line + ".");
        else foreach (var r in c.Retention) pdf.Bullet($"{string.Join(", ", r.Categories)} : {r.Rule}.");
        pdf.Heading("Vos droits");
        pdf.Bullet($"Voir, corriger, effacer, refuser l'informatisation : demandez à l'accueil, ou écrivez à {c.DpoContact}.");
        pdf.Paragraph($"Responsable : {c.Controller}. La notice complète est à l'accueil.", bold: true);
        return pdf;
    }

    /// <summary>The poster's scale: a 10 pt body printed at 24 pt on A3.</summary>
    public const double PosterScale = 2.4;

    /// <summary>
    /// The easy-to-read notice (FALC), A4 in large print (14 pt): a question per part, one sentence per line. Versions
    /// published before it existed have none (null).
    /// </summary>
    public static PdfFlow? EasyRead(PublishedDocuments.Published<NoticeContent> notice, string accent)
    {
        if (notice.Content.EasyRead is not { } parts) return null;
        var pdf = new PdfFlow($"{NoticeContent.Title} — facile à lire", Footer(notice), accent, scale: 1.4);
        pdf.Title(NoticeContent.Title, size: 16).Paragraph("Facile à lire et à comprendre.", bold: true);
        foreach (var part in parts)
        {
            pdf.Heading(part.Question);
            foreach (var sentence in part.Sentences) pdf.Bullet(sentence);
        }
        return pdf;
    }

    private static string Footer(PublishedDocuments.Published<NoticeContent> notice) =>
        $"{notice.Content.Departement} — notice d'information, version {notice.Number} du {ParisTime.Day(notice.PublishedAt)}";
}
