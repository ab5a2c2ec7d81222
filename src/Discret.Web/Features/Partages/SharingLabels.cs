using Discret.Catalogue;
using Discret.Domain.Rights;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Features.Partages;

/// <summary>The closed lists of a consent to sharing, in French, and the categories of data a file holds that may be shared.</summary>
public static class SharingLabels
{
    public static string Label(this PartnerKind k) => k switch
    {
        PartnerKind.Caf => "CAF (caisse d'allocations familiales)",
        PartnerKind.Cpam => "CPAM (assurance maladie)",
        PartnerKind.Ccas => "CCAS (centre communal d'action sociale)",
        PartnerKind.Bailleur => "Bailleur",
        PartnerKind.FranceTravail => "France Travail",
        PartnerKind.Hopital => "Hôpital",
        PartnerKind.Association => "Association",
        PartnerKind.Autre => "Autre partenaire",
        _ => k.ToString(),
    };

    /// <summary>The kind of partner without the expansion of its acronym, after a partner's name: « CAF de Valmont (CAF) ».</summary>
    public static string ShortLabel(this PartnerKind k) => k switch
    {
        PartnerKind.Caf => "CAF",
        PartnerKind.Cpam => "CPAM",
        PartnerKind.Ccas => "CCAS",
        _ => k.Label(),
    };

    public static string Label(this SharingPurpose p) => p switch
    {
        SharingPurpose.OuvertureDeDroits => "Ouverture ou maintien de droits",
        SharingPurpose.AccesAuLogement => "Accès ou maintien dans le logement",
        SharingPurpose.InsertionProfessionnelle => "Insertion professionnelle",
        SharingPurpose.SoinsEtSante => "Accès aux soins",
        SharingPurpose.AideFinanciere => "Demande d'aide financière",
        SharingPurpose.ProtectionDesMajeurs => "Mesure de protection d'un majeur",
        _ => p.ToString(),
    };

    public static string Label(this ConsentForm f) => f == ConsentForm.Ecrit ? "Écrit (signé par la personne)" : "Oral (recueilli en entretien)";

    public static string ShortLabel(this ConsentForm f) => f == ConsentForm.Ecrit ? "écrit" : "oral";

    /// <summary>
    /// The categories of data a person's file holds and that a consent may cover: those of the catalogue's fields of the
    /// file itself — never the working notes, the journal, the information records or the consents themselves.
    /// </summary>
    public static readonly IReadOnlyList<DataCategory> Shareable = DataCatalogue.Fields
        .Where(f => f.Group is not (FieldGroup.NotesPersonnelles or FieldGroup.Tracabilite or FieldGroup.Information or FieldGroup.Partages or FieldGroup.Droits))
        .Select(f => f.Category)
        .Where(c => c is not (DataCategory.Tracabilite or DataCategory.InformationEtDroits or DataCategory.Partages))
        .Distinct().Order().ToList();

    /// <summary>What each category holds, as the forms explain it to the worker and the person.</summary>
    public static string Contents(this DataCategory c) => c switch
    {
        DataCategory.Identite => "noms, prénoms, date de naissance",
        DataCategory.Coordonnees => "téléphone, adresse électronique, adresse du ménage",
        DataCategory.CompositionMenage => "liens et dates de naissance des membres du ménage, sans leurs noms",
        DataCategory.MotifsAccompagnement => "motifs de l'accompagnement (liste fermée)",
        DataCategory.Interventions => "entretiens : dates, types, actions décidées, synthèses partagées",
        DataCategory.Organisation => "circonscription, référent, date d'ouverture de l'accompagnement",
        _ => c.Label(),
    };

    public static IEnumerable<SelectListItem> Partners =>
        Enum.GetValues<PartnerKind>().Select(k => new SelectListItem(k.Label(), k.ToString())).Prepend(new SelectListItem("Choisissez le type de partenaire", ""));

    public static IEnumerable<SelectListItem> Purposes =>
        Enum.GetValues<SharingPurpose>().Select(p => new SelectListItem(p.Label(), p.ToString())).Prepend(new SelectListItem("Choisissez l'objet du partage", ""));

    public static IEnumerable<SelectListItem> Forms =>
        Enum.GetValues<ConsentForm>().Select(f => new SelectListItem(f.Label(), f.ToString())).Prepend(new SelectListItem("Choisissez la forme de l'accord", ""));

    public static IEnumerable<SelectListItem> Categories(IEnumerable<DataCategory> among) =>
        among.Select(c => new SelectListItem($"{c.Label()} — {c.Contents()}", c.ToString()));
}
