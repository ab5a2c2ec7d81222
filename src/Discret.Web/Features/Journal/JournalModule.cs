using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.Journal;

/// <summary>
/// The access journal (its chain, anchors, verification, purge and their nightly maintenance), written by every area,
/// and the DPO console that reads it (search, alerts, spot checks, breach support): the console is the DPO's only.
/// </summary>
public sealed class JournalModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<AccessJournal>();
        services.Configure<JournalSettings>(config.GetSection("Discret:Journal"));
        services.AddScoped<JournalAnchors>();
        services.AddScoped<JournalVerifier>();
        services.AddScoped<JournalPurge>();
        // Before anything is served: the anchor key exists, and outside Development sits apart from the database, private.
        services.AddHostedService<AnchorKeyCheck>();
        services.AddHostedService<JournalMaintenanceService>();
        services.AddHostedService<JournalDrain>(); // PostgreSQL only: on SQLite a drain does nothing

        services.Configure<JournalAlertSettings>(config.GetSection("Discret:Journal:Alerts"));
        services.Configure<SpotCheckSettings>(config.GetSection("Discret:Journal:SpotChecks"));
        services.AddScoped<JournalSearch>();
        services.AddScoped<JournalAlerts>();
        services.AddScoped<SpotChecks>();
        services.AddScoped<JournalAccounts>();
    }

    public void AuthorizePages(PageConventionCollection pages) => pages.AuthorizeFolder("/Journal", Policies.Journal);

    public void MapEndpoints(WebApplication app, RouteGroupBuilder api) => JournalApi.Map(api);
}
