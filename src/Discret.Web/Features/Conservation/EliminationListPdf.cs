using Discret.Domain.Retention;
using Discret.Web.Features.Droits;
using Discret.Web.Features.Journal;
using Discret.Web.Shared.Pdf;

namespace Discret.Web.Features.Conservation;

/// <summary>The elimination list (bordereau d'élimination) printed for the archives service: counts, never names, and room for the visa.</summary>
public static class EliminationListPdf
{
    public const string LegalBasis =
        "Les dossiers du service social départemental sont des archives publiques (Code du patrimoine, article L.211-4). "
        + "Leur élimination ne peut intervenir qu'avec le visa du directeur des archives départementales (articles L.212-2 et R.212-14) : "
        + "aucune donnée de ce bordereau n'est détruite avant que ce visa soit enregistré dans Discret.";

    public static string FileName(EliminationBatch batch) => $"bordereau-elimination-{batch.Number}.pdf";

    public static PdfFlow Render(EliminationBatches.Detail detail, string accent)
    {
        var b = detail.Batch;
        var title = $"Bordereau d'élimination n° {b.Number}";
        var pdf = new PdfFlow($"{title} — {detail.Departement}", $"{detail.Departement} — {title}", accent);
        pdf.Title(title)
            .Paragraph($"{detail.Departement} — service social départemental, traitement « Suivi social départemental » (logiciel Discret).", bold: true)
            .Field("Responsable du traitement", detail.Controller)
            .Field("Bordereau", $"n° {b.Number}")
            .Field("Ouvert le", ParisTime.Day(b.CreatedAt))
            .Field("Soumis au service des archives le", b.SubmittedAt is { } s ? ParisTime.Day(s) : "pas encore soumis")
            .Field("État", b.Status.Label())
            .Paragraph(LegalBasis)
            .Note(detail.Live
                ? "Liste provisoire, calculée à la date d'impression : le bordereau est encore en préparation."
                : "Liste arrêtée à la soumission du bordereau : c'est elle que le visa approuve.");

        pdf.Heading("Données proposées à l'élimination");
        pdf.Note("Nombres par catégorie, circonscription et année ; aucun nom ni identifiant de personne. Les dossiers sont comptés par année du dernier contact, "
                 + "les accompagnements clos et les demandes par année de clôture.");
        if (detail.Lines.Count == 0) pdf.Paragraph("Le bordereau est vide.");
        else
        {
            pdf.Table(["Catégorie", "Circonscription", "Année", "Nombre"], [0.42, 0.32, 0.12, 0.14],
                detail.Lines.Select(l => (IReadOnlyList<string>)[EliminationBatches.Label(l.Category), l.Circonscription, l.Year.ToString(), l.Count.ToString()]));
            pdf.Subheading("Totaux");
            foreach (var total in detail.Lines.GroupBy(l => l.Category))
                pdf.Field(EliminationBatches.TotalLabel(total.Key), total.Sum(l => l.Count).ToString());
        }

        pdf.Heading("Visa du directeur des archives");
        pdf.Paragraph("Le directeur des archives départementales autorise l'élimination des données énumérées ci-dessus.");
        pdf.Field("Date", b.VisaDate is { } v ? ParisTime.Day(v) : "____ / ____ / ________");
        pdf.Field("Référence", b.VisaReference ?? "________________________________________");
        pdf.Field("Nom, qualité et signature", "________________________________________");
        pdf.Space(60);
        return pdf;
    }
}
