using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.Personnes;

/// <summary>Persons' files: search, creation, identity, household, refusal of computerisation. The roles that reach files at
/// all (which files and fields: <see cref="PersonAccess"/>).</summary>
public sealed class PersonnesModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<PersonSearch>();
        services.AddScoped<PersonFile>();
        services.AddScoped<ComputerisationRefusal>();
        services.AddScoped<PersonCreation>();
        services.AddScoped<PersonEditing>();
        services.AddScoped<HouseholdMembers>();
    }

    public void AuthorizePages(PageConventionCollection pages) => pages.AuthorizeFolder("/Personnes", Policies.PersonFiles);

    public void MapEndpoints(WebApplication app, RouteGroupBuilder api)
    {
        PersonsApi.Map(api);
        ComputerisationApi.Map(api);
    }
}
