using Discret.Web.Shared.Documents;
using Discret.Web.Shared.Pdf;

namespace Discret.Web.Features.AnalyseImpact;

/// <summary>The impact assessment printed (A4), any published version: the pre-filled answers, and the places to complete
/// left open with ruled space to write on.</summary>
public static class ImpactAssessmentPdf
{
    public static PdfFlow Render(PublishedDocuments.Published<ImpactAssessmentContent> assessment, string accent)
    {
        var c = assessment.Content;
        var day = ParisTime.Day(assessment.PublishedAt);
        var pdf = new PdfFlow($"{ImpactAssessmentContent.Title} — {c.Departement}", $"{c.Departement} — AIPD, version {assessment.Number} du {day}", accent);
        pdf.Title(ImpactAssessmentContent.Title)
            .Paragraph($"{c.Departement} — traitement « {c.Processing} » (article 35 du RGPD), version {assessment.Number} du {day}", bold: true)
            .Note($"Pré-remplie selon la méthode de la CNIL à partir du catalogue des données, des règles de conservation en vigueur, de la configuration de Discret, du registre des traitements (version {c.RegisterVersion}) et de la notice d'information (version {c.NoticeVersion}). Les passages « {ImpactAssessmentContent.ToComplete} » appellent le jugement du responsable du traitement, l'avis du délégué et celui des personnes concernées.");
        foreach (var item in c.Items)
        {
            pdf.Heading($"{item.Number} {item.Title}");
            foreach (var question in item.Questions)
            {
                pdf.Subheading(question.Title);
                foreach (var line in question.Answer) pdf.Bullet(line, size: 9);
            }
        }
        return pdf;
    }
}
