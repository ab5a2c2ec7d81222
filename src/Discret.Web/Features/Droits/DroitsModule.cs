using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.Droits;

/// <summary>The rights feature: requests and their register, decisions, the access export, erasure and restriction.</summary>
public sealed class DroitsModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<RequestAccess>();
        services.AddScoped<RequestRegistration>();
        services.AddScoped<RequestDecisions>();
        services.AddScoped<RegisterQueries>();
        services.AddScoped<AccessExport>();
        services.AddScoped<Erasure>();
        services.AddScoped<Restriction>();
    }

    public void AuthorizePages(PageConventionCollection pages)
    {
        // The whole register and its dashboard: the DPO.
        pages.AuthorizePage("/Droits/Index", Policies.RightsRegister);
        // The requests of one's circonscription: heads of circonscription.
        pages.AuthorizePage("/Droits/Circonscription", Policies.RightsCirconscription);
        // One request: the DPO, or the head of its circonscription (RequestAccess decides which).
        pages.AuthorizePage("/Droits/Request", Policies.RightsRequests);
        // Registering a request from the person's file: whoever may write the person's Droits group (RequestRegistration decides).
        pages.AuthorizePage("/Droits/NewRequest", Policies.PersonFiles);
    }

    public void MapEndpoints(WebApplication app, RouteGroupBuilder api) => RightsApi.Map(api);
}
