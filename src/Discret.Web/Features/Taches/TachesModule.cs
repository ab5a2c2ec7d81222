using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.Taches;

/// <summary>Tasks (« Mes tâches ») and the system reminders (« rappels ») derived from the files.</summary>
public sealed class TachesModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<WorkTasks>();
        services.Configure<ReminderSettings>(config.GetSection("Discret:Reminders"));
        services.AddScoped<Reminders>();
    }

    public void AuthorizePages(PageConventionCollection pages) => pages.AuthorizeFolder("/Taches", Policies.PersonFiles);

    public void MapEndpoints(WebApplication app, RouteGroupBuilder api) => TasksApi.Map(api);
}
