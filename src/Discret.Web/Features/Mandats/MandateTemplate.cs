using System.Text.Encodings.Web;
using System.Text.Json;
using Discret.Domain.Mandates;

namespace Discret.Web.Features.Mandats;

/// <summary>
/// The mandate's template on the CNIL's model, in one place: its version, the fixed text printed around the filled
/// parts, and the commitments. A change of this text is a new <see cref="Version"/>: mandates already printed keep the
/// version (and the commitments) sealed in their document, so that they are re-issued exactly as signed.
/// </summary>
public static class MandateTemplate
{
    public const string Version = "2026-12";

    public const string Title = "Mandat pour réaliser des démarches en ligne";

    public const string Introduction =
        "Par ce mandat, la personne (le mandant) autorise les professionnels nommés ci-dessous (les mandataires) à réaliser en son nom "
        + "les démarches en ligne décrites ci-dessous, pendant la durée indiquée, avec les seules données énumérées. "
        + "Ce mandat est établi en deux exemplaires signés : l'un pour la personne, l'autre pour le service.";

    /// <summary>What the département's service commits to, sealed in each mandate's document.</summary>
    public static readonly IReadOnlyList<string> Commitments =
    [
        "Les mandataires ne conservent aucun identifiant, mot de passe ni code de la personne : elle les saisit elle-même ou les change après la démarche.",
        "Les données de la personne ne sont utilisées que pour les démarches autorisées par ce mandat, et pour aucune autre fin.",
        "La personne est informée de chaque démarche faite en son nom : date, organisme, démarche et résultat.",
        "La personne peut révoquer ce mandat, ou une seule de ses autorisations, à tout moment, sans avoir à se justifier, auprès de son travailleur social ou de l'accueil de sa circonscription.",
        "Les démarches faites sous ce mandat sont enregistrées et conservées cinq ans après la fin du mandat, comme preuve de ce qui a été fait au nom de la personne.",
    ];

    public const string Verification =
        "Pour vérifier ce mandat, flashez le code QR ou saisissez le code du mandat sur la page « Vérifier un mandat » de Discret. "
        + "L'empreinte lie ce document au modèle de mandat et à son contenu : une copie modifiée ne lui correspond plus.";

    /// <summary>Where the person keeps her credentials (CNIL kit for social workers): never in Discret, never at the service.</summary>
    public const string CredentialsKept =
        "La personne garde elle-même ses identifiants et mots de passe : dans un carnet personnel rangé chez elle, un coffre-fort numérique "
        + "ou un gestionnaire de mots de passe. Ne les notez nulle part, ni dans Discret ni sur papier au service ; si elle vous en a dit un "
        + "pour une démarche, proposez-lui de le changer ensuite.";

    public const string PersonCopy = "Exemplaire de la personne";
    public const string ServiceCopy = "Exemplaire du service";

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
    };

    /// <summary>The canonical JSON of a filled mandate: property order is the records' declaration order, lists in the order given.</summary>
    public static string Serialise(MandateDocument document) => JsonSerializer.Serialize(document, Json);

    public static MandateDocument Read(string json) => JsonSerializer.Deserialize<MandateDocument>(json, Json)
        ?? throw new InvalidOperationException("Empty mandate document.");
}

/// <summary>
/// The filled mandate as printed and signed: everything the PDF shows, in words, taken from the file at the moment the
/// mandate was prepared. The PDF is drawn from this record only (plus the code and the fingerprint), never from live data,
/// so a mandate is re-issued identical after the file changed.
/// </summary>
public sealed record MandateDocument(
    string TemplateVersion,
    string Departement,
    string Circonscription,
    MandateDocumentPerson Mandant,
    string Protection,
    string? Representative,
    string Signer,
    IReadOnlyList<string> Mandataires,
    IReadOnlyList<MandateDocumentAuthorisation> Authorisations,
    IReadOnlyList<string> DataKinds,
    DateOnly StartsOn,
    DateOnly EndsOn,
    bool OneDay,
    IReadOnlyList<string> Commitments,
    DateOnly PreparedOn,
    string VerificationAddress);

public sealed record MandateDocumentPerson(string BirthName, string? UsageName, string FirstNames, DateOnly BirthDate);

public sealed record MandateDocumentAuthorisation(ProcedureDomain Domain, string Label, string Examples, IReadOnlyList<string> Organisations);
