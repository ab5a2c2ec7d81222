using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Shared;

/// <summary>
/// One area of Discret as the host sees it: the services it registers, the policy of each of its pages, the endpoints it
/// maps. <c>Program.cs</c> lists the modules once; <see cref="Modules"/> runs each step over that list.
/// </summary>
public interface IModule
{
    void AddServices(IServiceCollection services, IConfiguration config) { }

    /// <summary>
    /// The policy of every page of the area, by folder or page path under <c>/Features</c> (the pages' own routes do not
    /// count), from <see cref="Policies"/>; the only place a page's policy is declared. A test fails when a path names no
    /// page, and when a page or endpoint has no policy.
    /// </summary>
    void AuthorizePages(PageConventionCollection pages) { }

    /// <summary>Endpoints other than pages: on <paramref name="app"/>, or on <paramref name="api"/> (<c>/api/v1</c>, signed-in
    /// staff, the antiforgery token on writes, a file's state answered as a problem).</summary>
    void MapEndpoints(WebApplication app, RouteGroupBuilder api) { }
}

public static class Modules
{
    public static void AddModules(this IServiceCollection services, IConfiguration config, IReadOnlyList<IModule> modules)
    {
        foreach (var module in modules) module.AddServices(services, config);
        services.AddRazorPages(o =>
        {
            foreach (var module in modules) module.AuthorizePages(o.Conventions);
        });
    }

    public static void MapModules(this WebApplication app, IReadOnlyList<IModule> modules)
    {
        // Every value of every endpoint judged by the input rules (Shared/Input) before its handler runs.
        var api = app.MapGroup("/api/v1").RequireAuthorization(Policies.Staff).AddEndpointFilter<AntiforgeryCheck>()
            .AddEndpointFilterFactory(Input.ApiInput.Filter);
        foreach (var module in modules) module.MapEndpoints(app, api);
    }
}
