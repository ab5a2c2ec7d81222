using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.AideNumerique;

/// <summary>Digital help within a follow-up (je forme, j'accompagne, je fais à la place de). The pages admit any member of
/// staff; the use case decides (the follow-up's team, through <see cref="Catalogue.FieldGroup.DemarchesEnLigne"/>).</summary>
public sealed class AideNumeriqueModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration config) => services.AddScoped<DigitalHelps>();

    public void AuthorizePages(PageConventionCollection pages) => pages.AuthorizeFolder("/AideNumerique", Policies.Staff);

    public void MapEndpoints(WebApplication app, RouteGroupBuilder api) => AideNumeriqueApi.Map(api);
}
