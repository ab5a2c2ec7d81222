using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.Garde;

/// <summary>The guard on free text: its analysis for every member of staff, its lexicons for the DPO and heads of
/// circonscription (like the data catalogue).</summary>
public sealed class GardeModule : IModule
{
    public void AuthorizePages(PageConventionCollection pages) => pages.AuthorizeFolder("/Garde", Policies.Catalogue);

    public void MapEndpoints(WebApplication app, RouteGroupBuilder api) => GuardApi.Map(api);
}
