using Discret.Web.Catalogue;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Features;

/// <summary>
/// The choices of the three provenance inputs every fact form carries (source, partner name, third-party category):
/// <code>
/// &lt;d-field for="Input.Source" type="select" label="Source de l'information" items="ProvenanceChoices.Sources" /&gt;
/// &lt;d-field for="Input.PartnerName" label="Nom du partenaire (si un partenaire l'a transmise)" /&gt;
/// &lt;d-field for="Input.ThirdParty" type="select" label="Type de tiers (si un tiers l'a signalée ; jamais son nom)" items="ProvenanceChoices.ThirdParties" /&gt;
/// </code>
/// </summary>
public static class ProvenanceChoices
{
    public static IEnumerable<SelectListItem> Sources => Enum.GetValues<DataSource>().Select(s => new SelectListItem(s switch
    {
        DataSource.Personne => "La personne elle-même (ses propos)",
        DataSource.Professionnel => "Un professionnel du service (observation)",
        DataSource.Partenaire => "Un partenaire (nommez l'institution)",
        _ => "Un tiers (signalement non vérifié)",
    }, s.ToString()));

    public static IEnumerable<SelectListItem> ThirdParties =>
        new[] { new SelectListItem("— Sans objet —", "") }.Concat(Enum.GetValues<ThirdPartyCategory>().Select(c => new SelectListItem(c.Label(), c.ToString())));
}
