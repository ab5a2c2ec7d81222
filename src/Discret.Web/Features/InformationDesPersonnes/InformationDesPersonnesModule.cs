using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.InformationDesPersonnes;

/// <summary>Informing persons: the notice (its PDFs and its translations) for every member of staff, the translations entered by the DPO, the record of who was informed (the
/// use cases decide which files), and a referent's list of persons to inform.</summary>
public sealed class InformationDesPersonnesModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<NoticeVersions>();
        services.AddScoped<PersonInformation>();
        services.AddScoped<NoticeTranslations>();
    }

    public void AuthorizePages(PageConventionCollection pages)
    {
        pages.AuthorizeFolder("/InformationDesPersonnes", Policies.Staff);
        pages.AuthorizePage("/InformationDesPersonnes/ToInform", Policies.Referents);
        pages.AuthorizePage("/InformationDesPersonnes/Translations", Policies.NoticeTranslations);
        pages.AuthorizePage("/InformationDesPersonnes/Translation", Policies.NoticeTranslations);
    }

    public void MapEndpoints(WebApplication app, RouteGroupBuilder api)
    {
        NoticeEndpoints.Map(app);
        InformationApi.Map(api);
    }
}
