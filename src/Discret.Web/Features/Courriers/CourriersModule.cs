using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.Courriers;

/// <summary>
/// Letters from the département's templates (issue 16 §4) and the print view of a file. Templates: the technical
/// administrator, like the département's other settings. Letters and the print view: the roles that reach files
/// (which files and groups: <see cref="PersonAccess"/>).
/// </summary>
public sealed class CourriersModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<LetterTemplates>();
        services.AddScoped<LetterProduction>();
        services.AddScoped<LettersOfFile>();
    }

    public void AuthorizePages(PageConventionCollection pages)
    {
        pages.AuthorizePage("/Courriers/Templates", Policies.Administration);
        pages.AuthorizePage("/Courriers/Template", Policies.Administration);
        pages.AuthorizePage("/Courriers/TemplateVersion", Policies.Administration);
        pages.AuthorizePage("/Courriers/Letters", Policies.PersonFiles);
        pages.AuthorizePage("/Courriers/Print", Policies.PersonFiles);
    }

    public void MapEndpoints(WebApplication app, RouteGroupBuilder api) => LettersApi.Map(api);
}
