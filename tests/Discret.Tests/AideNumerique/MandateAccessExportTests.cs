using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Discret.Domain.Accounts;
using Discret.Tests.Droits;
using Discret.Tests.Support;

namespace Discret.Tests.AideNumerique;

/// <summary>
/// The person's right of access covers online procedures: her digital helps, her mandates (dates, who signed, domains,
/// organisations, revocations) and every procedure done in her name, in the JSON file and in the PDF she reads.
/// </summary>
[Collection(RightsCollection.Name)]
public class MandateAccessExportTests(DiscretFactory app)
{
    private static string Words(string text) => string.Join(" ", text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task The_access_export_lists_the_mandates_their_authorisations_and_the_procedures_done_in_the_persons_name()
    {
        var f = await AccessExportFile.CreateAsync(app);
        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));

        var json = await (await AccessExportFile.ExportAsync(dpo, f.RequestId, "Json")).Content.ReadFromJsonAsync<JsonElement>();
        var sections = json.GetProperty("sections").EnumerateArray().ToDictionary(s => s.GetProperty("entite").GetString()!);
        string Value(string entity, string property, int item = 0) =>
            sections[entity].GetProperty("elements")[item].GetProperty("champs").EnumerateArray()
                .Single(c => c.GetProperty("propriete").GetString() == property).GetProperty("valeur").ToString();
        Assert.Equal("LaPersonne", Value("Mandate", "SignedBy"));
        Assert.Equal("Travailleur social", Value("Mandate", "Mandataires"));
        Assert.Equal(2, sections["MandateAuthorisation"].GetProperty("elements").GetArrayLength());
        Assert.Equal("DeclarationDeRessources", Value("MandateAction", "Procedure"));
        Assert.Equal("Travailleur social", Value("MandateAction", "WorkerId"));
        Assert.Equal(2, sections["DigitalHelp"].GetProperty("elements").GetArrayLength());

        var response = await AccessExportFile.ExportAsync(dpo, f.RequestId, "Pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Words(PdfText.Of(await response.Content.ReadAsByteArrayAsync()));
        foreach (var expected in new[] { "Vos démarches en ligne", "Mandat du", "Autorisation : Social, santé", "Autorisation : Travail, formation",
                     "Démarche du", "Déclaration de ressources", "Démarche aboutie", "CAF", "France Travail", "La personne", "Reconnaître les arnaques en ligne",
                     "Aide numérique du", "Bailleur social" })
            Assert.Contains(Words(expected), text);
        Assert.DoesNotContain(f.Referent.Login, text);
    }
}
