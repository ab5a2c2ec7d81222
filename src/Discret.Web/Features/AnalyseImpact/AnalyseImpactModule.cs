using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.AnalyseImpact;

/// <summary>The impact assessment (AIPD), its versions, their comparison, its PDF and its PIA file: the DPO.</summary>
public sealed class AnalyseImpactModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration config) => services.AddScoped<ImpactAssessmentVersions>();

    public void AuthorizePages(PageConventionCollection pages) => pages.AuthorizeFolder("/AnalyseImpact", Policies.ImpactAssessment);

    public void MapEndpoints(WebApplication app, RouteGroupBuilder api) => ImpactAssessmentEndpoints.Map(app);
}
