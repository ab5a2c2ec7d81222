using Discret.Web.Shared.Documents;
using Discret.Web.Shared.Pdf;

namespace Discret.Web.Features.Registre;

/// <summary>The register printed (A4), any published version.</summary>
public static class RegisterPdf
{
    public static PdfFlow Render(PublishedDocuments.Published<RegisterContent> register, string accent)
    {
        var c = register.Content;
        var footer = $"{c.Departement} — {RegisterContent.Title}, version {register.Number} du {ParisTime.Day(register.PublishedAt)}";
        var pdf = new PdfFlow($"{RegisterContent.Title} — {c.Departement}", footer, accent);
        pdf.Title(RegisterContent.Title)
            .Paragraph($"{c.Departement} — traitement « {c.Processing} » (article 30 du RGPD), version {register.Number} du {ParisTime.Day(register.PublishedAt)}", bold: true)
            .Note("Produit à partir du catalogue des données, des règles de conservation en vigueur et de la configuration de Discret.");
        foreach (var section in c.Sections)
        {
            pdf.Heading(section.Title);
            foreach (var block in section.Blocks)
            {
                if (block.Heading is not null) pdf.Subheading(block.Heading);
                foreach (var line in block.Lines) pdf.Bullet(line, size: 9);
            }
        }
        return pdf;
    }
}
