using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.ComptesAConfirmer;

/// <summary>
/// « Comptes à confirmer »: heads of circonscription and the DPO confirm or refuse what the technical administrator
/// asked for an account (which requests each may decide: <see cref="Confirmers"/>; any other answers 404).
/// </summary>
public sealed class ComptesAConfirmerModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration config) => services.AddScoped<AccountConfirmations>();

    public void AuthorizePages(PageConventionCollection pages) => pages.AuthorizeFolder("/ComptesAConfirmer", Policies.AccountConfirmation);

    public void MapEndpoints(WebApplication app, RouteGroupBuilder api) => ConfirmationsApi.Map(api);
}
