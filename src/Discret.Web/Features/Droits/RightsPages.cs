using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.Droits;

/// <summary>The rights feature's services and the policy of each of its pages, in one place.</summary>
public static class RightsPages
{
    public static void AddRights(IServiceCollection services)
    {
        services.AddScoped<RequestAccess>();
        services.AddScoped<RequestRegistration>();
        services.AddScoped<RequestDecisions>();
        services.AddScoped<RegisterQueries>();
        services.AddScoped<AccessExport>();
        services.AddScoped<Erasure>();
        services.AddScoped<Restriction>();
    }

    public static void Authorize(PageConventionCollection conventions)
    {
        // The whole register and its dashboard: the DPO.
        conventions.AuthorizePage("/Droits/Index", Policies.RightsRegister);
        // The requests of one's circonscription: heads of circonscription.
        conventions.AuthorizePage("/Droits/Circonscription", Policies.RightsCirconscription);
        // One request: the DPO, or the head of its circonscription (RequestAccess decides which).
        conventions.AuthorizePage("/Droits/Request", Policies.RightsRequests);
        // Registering a request from the person's file: whoever may write the person's Droits group (RequestRegistration decides).
        conventions.AuthorizePage("/Droits/NewRequest", Policies.PersonFiles);
    }
}
