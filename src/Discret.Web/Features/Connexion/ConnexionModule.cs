using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.Connexion;

/// <summary>Signing in (password, second factor or recovery code), activating an account, signing out: before any session.</summary>
public sealed class ConnexionModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration config) => services.AddSingleton<LoginAttempts>();

    public void AuthorizePages(PageConventionCollection pages) => pages.AllowAnonymousToFolder("/Connexion");
}
