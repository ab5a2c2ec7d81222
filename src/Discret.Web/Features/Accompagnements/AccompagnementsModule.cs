using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.Accompagnements;

/// <summary>Follow-ups, their team, interviews and the referent's working notes (and their nightly purge).</summary>
public sealed class AccompagnementsModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<FollowUpRules>();
        services.AddScoped<FollowUpCommands>();
        services.AddScoped<InterviewRecording>();
        services.Configure<InterviewSettings>(config.GetSection("Discret:Interviews"));
        services.AddScoped<InterviewCorrection>();
        services.Configure<WorkingNotesSettings>(config.GetSection("Discret:WorkingNotes"));
        services.AddScoped<WorkingNotes>();
        services.AddScoped<ExpiredNotesPurge>();
        services.AddHostedService<ExpiredNotesPurgeService>();
    }

    public void AuthorizePages(PageConventionCollection pages) => pages.AuthorizeFolder("/Accompagnements", Policies.PersonFiles);

    public void MapEndpoints(WebApplication app, RouteGroupBuilder api) => FollowUpsApi.Map(api);
}
