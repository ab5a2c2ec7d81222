using Discret.Catalogue;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Shared.Ui;

/// <summary>The choices of the provenance inputs every fact form carries (see Shared/_ProvenanceFields.cshtml).</summary>
public static class ProvenanceChoices
{
    public static IEnumerable<SelectListItem> Sources =>
        Enum.GetValues<DataSource>().Select(s => new SelectListItem(s.Label(), s.ToString())).Prepend(new SelectListItem("Choisissez d'où vient l'information", ""));

    public static IEnumerable<SelectListItem> ThirdParties =>
        Enum.GetValues<ThirdPartyCategory>().Select(c => new SelectListItem(c.Label(), c.ToString())).Prepend(new SelectListItem("Sans objet (pas un tiers)", ""));
}
