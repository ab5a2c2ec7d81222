using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.Orientation;

/// <summary>
/// Putting files in front of the right worker: « À orienter » (new files without a follow-up: reception, secretariat,
/// head of circonscription), the circonscription's workers and their absences, and « À réattribuer », the handover of
/// follow-ups whose referent is gone or absent (head of circonscription).
/// </summary>
public sealed class OrientationModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<NewFiles>();
        services.AddScoped<Workers>();
        services.AddScoped<Handover>();
    }

    public void AuthorizePages(PageConventionCollection pages)
    {
        pages.AuthorizePage("/Orientation/NewFiles", Policies.NewFiles);
        pages.AuthorizePage("/Orientation/Reassign", Policies.Handover);
        pages.AuthorizePage("/Orientation/Team", Policies.Handover);
        pages.AuthorizePage("/Orientation/Absence", Policies.Absences);
    }

    public void MapEndpoints(WebApplication app, RouteGroupBuilder api) => OrientationApi.Map(api);
}
