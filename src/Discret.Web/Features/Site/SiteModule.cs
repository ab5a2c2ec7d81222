using Discret.Data;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Site;

/// <summary>What anyone may read without an account: the accessibility statement, the source code, the error pages, and
/// the département's colours and logo.</summary>
public sealed class SiteModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration config) => services.AddScoped<DepartementTheme>();

    public void AuthorizePages(PageConventionCollection pages) => pages.AllowAnonymousToFolder("/Site");

    public void MapEndpoints(WebApplication app, RouteGroupBuilder api)
    {
        app.MapGet("/theme.css", async (DepartementTheme theme, HttpContext http) =>
        {
            var view = await theme.GetAsync();
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(DepartementTheme.Stylesheet(view.PrimaryColor), "text/css; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapGet("/departement/logo", async (DiscretDbContext db, HttpContext http) =>
        {
            var logo = await db.DepartementSettings.AsNoTracking().Where(s => s.Id == Domain.Organisation.DepartementSettings.SingletonId).Select(s => new { s.Logo, s.LogoContentType }).FirstOrDefaultAsync();
            if (logo?.Logo is null || logo.LogoContentType is null) return Results.NotFound();
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.File(logo.Logo, logo.LogoContentType);
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
