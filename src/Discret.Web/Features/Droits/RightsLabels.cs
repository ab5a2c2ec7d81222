namespace Discret.Web.Features.Droits;

/// <summary>The answers Discret offers on a rights request, and rectified fields by their labels (the closed lists' labels sit next to them, in Discret.Domain.Rights).</summary>
public static class RightsLabels
{
    /// <summary>A rectified field by its catalogue label (« Nom de naissance », « Téléphone »…).</summary>
    public static string RectifiedField(string property) =>
        Catalogue.DataCatalogue.Fields.FirstOrDefault(f => f.Property == property && f.Entity is nameof(Domain.Persons.Person) or nameof(Domain.Persons.Household))?.Label
        ?? property;

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
