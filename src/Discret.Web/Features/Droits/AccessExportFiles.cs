using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Discret.Web.Features.Tracabilite;
using Discret.Web.Shared.Pdf;

namespace Discret.Web.Features.Droits;

/// <summary>The access export as the two files handed to the person: a readable PDF and a structured JSON file.</summary>
public static class AccessExportFiles
{
    /// <summary>Rows beyond which a section with <see cref="AccessExport.Section.Columns"/> is printed as a table.</summary>
    private const int TableThreshold = 3;

    public static string FileName(AccessExport.Document document, string extension) =>
        $"donnees-personnelles-{document.GeneratedAt:yyyyMMdd}-{document.RequestId.ToString()[..8]}.{extension}";

    public static void WritePdf(AccessExport.Document document, string accentHex, Stream output)
    {
        var pdf = new PdfFlow("Copie de vos données personnelles", $"{document.Departement} — copie de vos données (article 15 du RGPD)", accentHex);
        pdf.Title("Copie de vos données personnelles")
            .Paragraph($"{document.Departement} — service social départemental. Réponse à votre demande d'accès (article 15 du RGPD).")
            .Field("Personne", document.PersonName)
            .Field("Document établi le", ParisTime.ToParis(document.GeneratedAt).ToString("dd/MM/yyyy à HH:mm"))
            .Field("Référence de la demande", document.RequestId.ToString())
            .Paragraph("Ce document contient toutes les informations que le logiciel Discret conserve sur vous, classées par partie du dossier, "
                       + "avec le libellé de chaque information tel que le registre des données le déclare. Une information que quelqu'un d'autre "
                       + $"que vous a signalée est marquée « {AccessExport.ThirdPartyMark} » ; une information transmise par un partenaire est marquée comme telle. "
                       + "Le fichier JSON joint contient les mêmes informations, y compris les identifiants techniques, dans un format lisible par un ordinateur.")
            .Note(AccessExport.StaffStatement);
        foreach (var section in document.Sections)
        {
            pdf.Heading($"{section.Title} ({section.Items.Count})");
            if (section.Introduction is { } intro && intro != AccessExport.StaffStatement) pdf.Note(intro);
            if (section.Columns is { } columns && section.Items.Count > TableThreshold) Table(pdf, section, columns);
            else Blocks(pdf, section);
        }
        pdf.Save(output);
    }

    private static void Blocks(PdfFlow pdf, AccessExport.Section section)
    {
        var n = 0;
        foreach (var item in section.Items)
        {
            if (section.Items.Count > 1) pdf.Subheading($"{section.Title} — {++n} sur {section.Items.Count}");
            if (item.Mark is { } mark) pdf.Paragraph(mark, bold: true);
            foreach (var field in item.Fields) pdf.Field(field.Label, field.Value);
        }
    }

    private static void Table(PdfFlow pdf, AccessExport.Section section, IReadOnlyList<string> columns)
    {
        var labels = section.Items[0].Fields.ToDictionary(f => f.Property, f => Short(f.Label));
        var marked = section.Items.Any(i => i.Mark is not null);
        var headers = columns.Select(c => labels[c]).Concat(marked ? ["Mention"] : []).ToList();
        var weights = columns.Select(c => c is "Summary" or "Detail" ? 2.5 : 1.0).Concat(marked ? [1.2] : []).ToArray();
        var widths = weights.Select(w => w / weights.Sum()).ToArray();
        pdf.Note("Autres informations de chaque ligne (identifiants techniques) : voir le fichier JSON.");
        pdf.Table(headers, widths, section.Items.Select(item =>
        {
            var byProperty = item.Fields.ToDictionary(f => f.Property, f => f.Value ?? "—");
            IReadOnlyList<string> row = columns.Select(c => byProperty[c]).Concat(marked ? [item.Mark ?? ""] : []).ToList();
            return row;
        }));
    }

    /// <summary>The label without its parenthesised precision, for a table header ("Type d'entretien (permanence, …)" → "Type d'entretien").</summary>
    private static string Short(string label) => label.Split(" (")[0];

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static async Task WriteJsonAsync(AccessExport.Document document, Stream output, CancellationToken ct)
    {
        var body = new
        {
            document = "Copie de vos données personnelles (article 15 du RGPD)",
            departement = document.Departement,
            demande = document.RequestId,
            personne = document.PersonId,
            etabliLe = document.GeneratedAt,
            professionnels = AccessExport.StaffStatement,
            sections = document.Sections.Select(s => new
            {
                entite = s.Entity,
                titre = s.Title,
                elements = s.Items.Select(i => new
                {
                    mention = i.Mark,
                    champs = i.Fields.Select(f => new { propriete = f.Property, libelle = f.Label, categorie = f.Category, valeur = f.Value }),
                }),
            }),
        };
        await JsonSerializer.SerializeAsync(output, body, Json, ct);
    }
}
