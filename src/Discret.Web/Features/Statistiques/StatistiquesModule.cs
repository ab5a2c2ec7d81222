using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.Statistiques;

/// <summary>The service's anonymous statistics: the nightly computation of the figures, their masking, the pages, the
/// exports (CSV, xlsx), the API; the masking threshold and the computation on demand for the DPO.</summary>
public sealed class StatistiquesModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.Configure<StatisticsSettings>(config.GetSection("Discret:Statistics"));
        services.AddScoped<StatisticsRollup>();
        services.AddHostedService<StatisticsNightlyService>();
        services.AddSingleton<StatisticsMaskCache>();
        services.AddScoped<StatisticsTables>();
        services.AddScoped<StatisticsExport>();
        services.AddScoped<StatisticsThreshold>();
        services.AddScoped<AnnualReport>();
    }

    public void AuthorizePages(PageConventionCollection pages) => pages.AuthorizeFolder("/Statistiques", Policies.Statistics);

    public void MapEndpoints(WebApplication app, RouteGroupBuilder api) => StatisticsApi.Map(api);
}
