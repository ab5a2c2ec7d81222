using Discret.Web.Features.Administration.Comptes;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.Administration;

/// <summary>Accounts, roles and the département's settings: the technical administrator only.</summary>
public sealed class AdministrationModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<AccountCommands>();
        services.AddScoped<DeactivatedAccounts>();
        services.AddHostedService<DeactivatedAccountsNightlyService>();
    }

    public void AuthorizePages(PageConventionCollection pages) => pages.AuthorizeFolder("/Administration", Policies.Administration);

    public void MapEndpoints(WebApplication app, RouteGroupBuilder api) =>
        AccountsApi.Map(api.MapGroup("/admin").RequireAuthorization(Policies.Administration));
}
