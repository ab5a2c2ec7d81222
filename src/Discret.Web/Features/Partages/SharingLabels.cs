using Discret.Catalogue;
using Discret.Domain.Rights;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Features.Partages;

/// <summary>The choices of the consent forms (labels: next to the lists, in Discret.Domain.Rights), and the categories of data a file holds that may be shared.</summary>
public static class SharingLabels
{
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
