using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.Accueil;

/// <summary>The home page: every member of staff (its shortcuts follow each one's policies).</summary>
public sealed class AccueilModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration config) => services.AddScoped<Caseload>();

    public void AuthorizePages(PageConventionCollection pages) => pages.AuthorizeFolder("/Accueil", Policies.Staff);
}
