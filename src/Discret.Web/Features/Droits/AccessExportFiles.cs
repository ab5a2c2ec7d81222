using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Discret.Web.Features.Journal;
using Discret.Web.Shared.Pdf;

namespace Discret.Web.Features.Droits;

/// <summary>The access export as the two files handed to the person: a readable PDF and a structured JSON file.</summary>
public static class AccessExportFiles
{
    /// <summary>Named after the Paris day it was produced (after 22:00 or 23:00 UTC, already the next day in Paris).</summary>
    public static string FileName(AccessExport.Document document, string extension) =>
        $"donnees-personnelles-{ParisTime.Iso(ParisTime.DayOf(document.GeneratedAt))}-{document.RequestId.ToString()[..8]}.{extension}";

    public static void WritePdf(AccessExport.Document document, string accentHex, Stream output)
    {
        var pdf = new PdfFlow("Copie de vos données personnelles", $"{document.Departement} — copie de vos données (article 15 du RGPD)", accentHex);
        pdf.Title("Copie de vos données personnelles")
            .Paragraph($"{document.Departement} — service social départemental. Réponse à votre demande d'accès (article 15 du RGPD).")
            .Field("Personne", document.PersonName)
            .Field("Document établi le", ParisTime.DayAtTime(document.GeneratedAt))
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
            if (section.Columns is { } columns) Table(pdf, section, columns);
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

    /// <summary>
    /// Many rows as a table of the section's columns. A row's mark (a third party's report, a partner's information) goes in
    /// its provenance cell, and is repeated below the table in full sentences.
    /// </summary>
    private static void Table(PdfFlow pdf, AccessExport.Section section, IReadOnlyList<AccessExport.Column> columns)
    {
        var weights = columns.Select(c => c.Weight).ToArray();
        var widths = weights.Select(w => w / weights.Sum()).ToArray();
        pdf.Note("Autres informations de chaque ligne (identifiants techniques, date de saisie) : voir le fichier JSON.");
        pdf.Table(columns.Select(c => c.Header).ToList(), widths, section.Items.Select(item =>
        {
            var byProperty = item.Fields.ToDictionary(f => f.Property, f => f.Value ?? "—");
            IReadOnlyList<string> row = columns.Select(c => c.Property.StartsWith("Provenance.", StringComparison.Ordinal) && item.Mark is { } mark
                ? mark : byProperty[c.Property]).ToList();
            return row;
        }), size: 8);
        var marked = section.Items.Where(i => i.Mark is not null).ToList();
        if (marked.Count == 0) return;
        pdf.Subheading("Informations qui ne viennent ni de vous ni d'un professionnel du service");
        foreach (var item in marked)
            pdf.Bullet($"{section.Title}, ligne du {item.Fields.First(f => f.Property == columns[0].Property).Value} : {item.Mark}");
    }

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
            etabliLe = ParisTime.Instant(document.GeneratedAt),
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
