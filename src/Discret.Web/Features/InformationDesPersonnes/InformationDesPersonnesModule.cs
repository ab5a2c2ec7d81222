using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.InformationDesPersonnes;

/// <summary>Informing persons: the notice (and its PDFs) for every member of staff, the record of who was informed (the
/// use cases decide which files), and a referent's list of persons to inform.</summary>
public sealed class InformationDesPersonnesModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<NoticeVersions>();
        services.AddScoped<PersonInformation>();
    }

    public void AuthorizePages(PageConventionCollection pages)
    {
        pages.AuthorizeFolder("/InformationDesPersonnes", Policies.Staff);
        pages.AuthorizePage("/InformationDesPersonnes/ToInform", Policies.Referents);
    }

    public void MapEndpoints(WebApplication app, RouteGroupBuilder api)
    {
        NoticeEndpoints.Map(app);
        InformationApi.Map(api);
    }
}
