using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.CatalogueDesDonnees;

/// <summary>The data catalogue page: the DPO and heads of circonscription.</summary>
public sealed class CatalogueDesDonneesModule : IModule
{
    public void AuthorizePages(PageConventionCollection pages) => pages.AuthorizeFolder("/CatalogueDesDonnees", Policies.Catalogue);
}
