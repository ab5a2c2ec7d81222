using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.Partages;

/// <summary>Consents to sharing with a partner, and the sharings under them. The pages admit any member of staff; the use
/// cases decide (the assigned social worker).</summary>
public sealed class PartagesModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<Consents>();
        services.AddScoped<SharingDisclosure>();
    }

    public void AuthorizePages(PageConventionCollection pages) => pages.AuthorizeFolder("/Partages", Policies.Staff);

    public void MapEndpoints(WebApplication app, RouteGroupBuilder api) => PartagesApi.Map(api);
}
