using Discret.Domain.Input;
using Discret.Domain.Mandates;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Features.AideNumerique;

/// <summary>The choices of the digital-help form (labels: next to the lists, in Discret.Domain.Mandates).</summary>
public static class DigitalHelpChoices
{
    /// <summary>The level as the address of the form names it (<c>?niveau=je-forme</c>).</summary>
    public static string Slug(DigitalHelpLevel level) => level switch
    {
        DigitalHelpLevel.JeForme => "je-forme",
        DigitalHelpLevel.JAccompagne => "j-accompagne",
        DigitalHelpLevel.JeFaisALaPlaceDe => "je-fais-a-la-place",
        _ => ClosedList.Unknown(level),
    };

    public static DigitalHelpLevel? FromSlug(string? slug) =>
        Enum.GetValues<DigitalHelpLevel>().Where(l => Slug(l) == slug).Select(l => (DigitalHelpLevel?)l).FirstOrDefault();

    /// <summary>What each level means, in a sentence, on the choice of level.</summary>
    public static string Explanation(DigitalHelpLevel level) => level switch
    {
        DigitalHelpLevel.JeForme => "Vous apprenez à la personne à se servir du numérique. Seuls la date et le thème sont enregistrés.",
        DigitalHelpLevel.JAccompagne => "La personne fait sa démarche elle-même, à côté de vous : elle saisit ses propres identifiants.",
        DigitalHelpLevel.JeFaisALaPlaceDe => "Vous faites la démarche en son nom, seulement sous un mandat qu'elle a signé et qui vous nomme.",
        _ => ClosedList.Unknown(level),
    };

    private static IEnumerable<SelectListItem> List<T>(IEnumerable<T> values, Func<T, string> label, string prompt) where T : struct, Enum =>
        values.Select(v => new SelectListItem(label(v), v.ToString())).Prepend(new SelectListItem(prompt, ""));

    public static IEnumerable<SelectListItem> Themes =>
        List(Enum.GetValues<DigitalTrainingTheme>(), t => t.Label(), "Choisissez le thème");

    public static IEnumerable<SelectListItem> Domains(IEnumerable<ProcedureDomain>? among = null) =>
        List(among ?? Enum.GetValues<ProcedureDomain>(), d => $"{d.Label()} ({d.Examples()})", "Choisissez le domaine");

    public static IEnumerable<SelectListItem> Organisations(IEnumerable<OnlineOrganisation>? among = null) =>
        List(among ?? Enum.GetValues<OnlineOrganisation>(), o => o.Label(), "Choisissez l'organisme");

    public static IEnumerable<SelectListItem> Outcomes =>
        List(Enum.GetValues<ProcedureOutcome>(), o => o.Label(), "Choisissez le résultat");

    public static IEnumerable<SelectListItem> Procedures =>
        List(Enum.GetValues<OnlineProcedure>(), p => p.Label(), "Choisissez la démarche");

    public static IEnumerable<SelectListItem> Mandates(IEnumerable<DigitalHelps.MandateChoice> mandates) =>
        mandates.Select(m => new SelectListItem(Describe(m), m.Id.ToString())).Prepend(new SelectListItem("Choisissez le mandat", ""));

    public static string Describe(DigitalHelps.MandateChoice m) =>
        (m.StartsOn == m.EndsOn ? $"Mandat du {ParisTime.Day(m.StartsOn)} (un jour)" : $"Mandat du {ParisTime.Day(m.StartsOn)} au {ParisTime.Day(m.EndsOn)}")
        + " — " + string.Join(", ", m.Domains.Select(d => d.Domain.Label()));

    /// <summary>One line of the list: what was done, in the words of its level.</summary>
    public static string Describe(DigitalHelps.HelpLine h) => h.Level switch
    {
        DigitalHelpLevel.JeForme => $"Formation : {h.Theme?.Label()}",
        DigitalHelpLevel.JAccompagne => $"Démarche accompagnée : {h.Domain?.Label()} — {h.Organisation?.Label()} — {h.Outcome?.Label()}",
        _ => $"Démarche faite sous mandat : {h.Procedure?.Label()} — {h.Organisation?.Label()} ({h.Domain?.Label()}) — {h.Outcome?.Label()}",
    };
}
