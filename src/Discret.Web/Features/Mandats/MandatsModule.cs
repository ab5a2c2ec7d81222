using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.Mandats;

/// <summary>Mandates for online procedures (issue 19). The pages admit any member of staff; the use cases decide
/// (<see cref="MandateAccess"/>); « Vérifier un mandat » is open to every member of staff, rate-limited.</summary>
public sealed class MandatsModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<Mandates>();
        services.AddScoped<MandateVerification>();
    }

    public void AuthorizePages(PageConventionCollection pages) => pages.AuthorizeFolder("/Mandats", Policies.Staff);

    public void MapEndpoints(WebApplication app, RouteGroupBuilder api) => MandatsApi.Map(api);
}
