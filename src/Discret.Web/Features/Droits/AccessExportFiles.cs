using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Discret.Web.Features.Droits;

/// <summary>The access export as the two files handed to the person: a readable PDF and a structured JSON file (the machine form, unchanged).</summary>
public static class AccessExportFiles
{
    /// <summary>Named after the Paris day it was produced (after 22:00 or 23:00 UTC, already the next day in Paris).</summary>
    public static string FileName(AccessExport.Document document, string extension) =>
        $"donnees-personnelles-{ParisTime.Iso(ParisTime.DayOf(document.GeneratedAt))}-{document.RequestId.ToString()[..8]}.{extension}";

    /// <summary>The PDF the person reads (<see cref="AccessExportPdf"/>).</summary>
    public static void WritePdf(AccessExport.Document document, string accentHex, Stream output) => AccessExportPdf.Write(document, accentHex, output);

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
