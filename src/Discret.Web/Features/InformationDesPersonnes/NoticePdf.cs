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

        pdf.Heading("Vos droits");
        foreach (var right in c.Rights) pdf.Bullet(right);

        pdf.Heading("Nos engagements");
        foreach (var line in c.Commitments) pdf.Bullet(line);
        return pdf;
    }

    /// <summary>One A3 page, large letters: the essentials and where to ask for the leaflet.</summary>
    public static PdfFlow Poster(PublishedDocuments.Published<NoticeContent> notice, string accent)
    {
        var c = notice.Content;
        var pdf = new PdfFlow($"{NoticeContent.Title} — {c.Departement}", Footer(notice), accent, PdfPageFormat.A3, scale: 1.6);
        pdf.Title(NoticeContent.Title)
            .Paragraph($"{c.Departement}. Responsable : {c.Controller}.", bold: true, size: 11)
            .Paragraph("Pour vous accompagner, le service social enregistre des informations sur vous dans un logiciel.", size: 11);
        pdf.Heading("Pourquoi ?");
        foreach (var p in c.Purposes) pdf.Bullet(p.Purpose + ".");
        pdf.Heading("Qui les voit ?");
        pdf.Bullet("Seuls les professionnels qui en ont besoin : l'accueil voit votre identité et vos rendez-vous ; le travailleur social qui vous accompagne voit votre dossier.");
        pdf.Bullet("En cas d'urgence, un autre travailleur social, pour 4 heures au plus ; le délégué à la protection des données, pour vos demandes et pour contrôler. Tout est enregistré.");
        pdf.Bullet("Un partenaire (CAF, CCAS, bailleur…) seulement avec votre accord.");
        pdf.Heading("Combien de temps ?");
        var identity = c.Retention.FirstOrDefault(r => r.Categories.Contains(DataCategory.Identite.Label()));
        if (identity is not null) pdf.Bullet($"Votre dossier : {identity.Rule}.");
        pdf.Heading("Vos droits");
        pdf.Bullet("Voir vos informations, les faire corriger, demander leur effacement, vous opposer à leur utilisation.");
        pdf.Bullet("Refuser l'informatisation de votre dossier : vous serez toujours reçu.");
        pdf.Bullet($"Demandez à l'accueil, ou écrivez au délégué à la protection des données : {c.DpoContact}.");
        pdf.Bullet("Réclamation : " + NoticeContent.CnilContact + ".");
        pdf.Space(6).Paragraph("Demandez la notice complète à l'accueil.", bold: true, size: 12);
        return pdf;
    }

    private static string Footer(PublishedDocuments.Published<NoticeContent> notice) =>
        $"{notice.Content.Departement} — notice d'information, version {notice.Number} du {ParisTime.Day(notice.PublishedAt)}";
}
