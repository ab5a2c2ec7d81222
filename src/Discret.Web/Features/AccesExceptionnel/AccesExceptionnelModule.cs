using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.AccesExceptionnel;

/// <summary>The break-glass access ("accès exceptionnel"): social workers only.</summary>
public sealed class AccesExceptionnelModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.Configure<BreakGlassSettings>(config.GetSection("Discret:BreakGlass"));
        services.AddScoped<BreakGlass>();
    }

    public void AuthorizePages(PageConventionCollection pages) => pages.AuthorizeFolder("/AccesExceptionnel", Policies.BreakGlass);

    public void MapEndpoints(WebApplication app, RouteGroupBuilder api) => BreakGlassApi.Map(api);
}
