using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.Registre;

/// <summary>The register of processing, its versions and their comparison: the DPO and heads of circonscription.</summary>
public sealed class RegistreModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration config) => services.AddScoped<RegisterVersions>();

    public void AuthorizePages(PageConventionCollection pages) => pages.AuthorizeFolder("/Registre", Policies.Catalogue);

    public void MapEndpoints(WebApplication app, RouteGroupBuilder api) => RegisterEndpoints.Map(app);
}
