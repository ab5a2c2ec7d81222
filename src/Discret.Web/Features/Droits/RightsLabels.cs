using System.Globalization;
using Discret.Domain.Rights;

namespace Discret.Web.Features.Droits;

/// <summary>What users read for the register's codes.</summary>
public static class RightsLabels
{
    public static string Label(this RightKind kind) => kind switch
    {
        RightKind.Acces => "Accès",
        RightKind.Rectification => "Rectification",
        RightKind.Effacement => "Effacement",
        RightKind.Limitation => "Limitation",
        RightKind.Opposition => "Opposition",
        RightKind.Portabilite => "Portabilité",
        _ => kind.ToString(),
    };

    /// <summary>"Demande d'accès", "Demande de rectification"…</summary>
    public static string RequestTitle(this RightKind kind) => kind switch
    {
        RightKind.Acces => "Demande d'accès",
        RightKind.Rectification => "Demande de rectification",
        RightKind.Effacement => "Demande d'effacement",
        RightKind.Limitation => "Demande de limitation",
        RightKind.Opposition => "Opposition",
        RightKind.Portabilite => "Demande de portabilité",
        _ => kind.ToString(),
    };

    /// <summary>The GDPR article of each right, for the answers and the register.</summary>
    public static string Article(this RightKind kind) => kind switch
    {
        RightKind.Acces => "art. 15",
        RightKind.Rectification => "art. 16",
        RightKind.Effacement => "art. 17",
        RightKind.Limitation => "art. 18",
        RightKind.Opposition => "art. 21",
        RightKind.Portabilite => "art. 20",
        _ => "",
    };

    public static string Label(this RequestChannel channel) => channel switch
    {
        RequestChannel.Guichet => "Au guichet",
        RequestChannel.Courrier => "Par courrier",
        RequestChannel.Courriel => "Par courriel",
        RequestChannel.Telephone => "Par téléphone",
        _ => channel.ToString(),
    };

    public static string Label(this IdentityCheck check) => check switch
    {
        IdentityCheck.PieceDIdentitePresentee => "Pièce d'identité présentée",
        IdentityCheck.PersonneConnueDuService => "Personne connue du service",
        IdentityCheck.CourrierSigneAvecCopieDePiece => "Courrier signé avec copie d'une pièce d'identité",
        _ => check.ToString(),
    };

    public static string Label(this RequestStatus status) => status switch
    {
        RequestStatus.EnCours => "En cours",
        RequestStatus.Traitee => "Traitée",
        RequestStatus.Refusee => "Refusée",
        _ => status.ToString(),
    };

    /// <summary>A rectified field by its catalogue label (« Nom de naissance », « Téléphone »…).</summary>
    public static string RectifiedField(string property) =>
        Catalogue.DataCatalogue.Fields.FirstOrDefault(f => f.Property == property && f.Entity is nameof(Domain.Persons.Person) or nameof(Domain.Persons.Household))?.Label
        ?? property;

    public static string Day(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
    public static string Day(DateOnly? day) => day is { } d ? Day(d) : "—";

    /// <summary>A date typed in a form or sent to the API: "2026-03-05" (date field, JSON) or "05/03/2026".</summary>
    public static DateOnly? ParseDay(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : null;

    /// <summary>The answer offered to close a portability request (GDPR art. 20.3).</summary>
    public const string PortabilityAnswer =
        "Le droit à la portabilité ne s'applique pas à ce traitement : il est nécessaire à l'exécution d'une mission d'intérêt public "
        + "(action sociale du Département), cas que l'article 20.3 du RGPD exclut. Vous pouvez demander une copie de vos données "
        + "au titre du droit d'accès (article 15).";

    /// <summary>The reason an erasure is refused while a follow-up is open (GDPR art. 17.3.b).</summary>
    public const string ErasureRefusedAnswer =
        "Effacement refusé : un accompagnement social est en cours. Les données restent nécessaires à l'exécution de la mission "
        + "d'intérêt public dont le Département est chargé (action sociale), cas prévu par l'article 17.3.b du RGPD. "
        + "Vous pouvez renouveler votre demande à la fin de l'accompagnement.";

    public const string ErasureDoneAnswer = "Votre dossier a été effacé : il ne reste que la trace de votre demande dans le registre.";
}
