using Discret.Web.Features.Garde;
using Discret.Data;
using Discret.Web.Features.Accompagnements;
using Discret.Web.Features.Administration.Comptes;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features;

/// <summary>Every non-page endpoint, with its authorization rule next to it.</summary>
public static class Endpoints
{
    public static void MapDiscretEndpoints(this WebApplication app)
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

        // Called by the idle-session warning: any authenticated request renews the sliding session cookie.
        app.MapPost("/session/prolonger", () => Results.NoContent())
            .RequireAuthorization(Policies.Staff).AddEndpointFilter<AntiforgeryCheck>().ExcludeFromDescription();

        var api = app.MapGroup("/api/v1").RequireAuthorization(Policies.Staff).AddEndpointFilter<AntiforgeryCheck>().AddEndpointFilter<FileStateAnswer>();
        app.MapOpenApi("/api/v1/openapi.json").RequireAuthorization(Policies.Staff);

        api.MapGet("/jeton-csrf", (IAntiforgery antiforgery, HttpContext http) =>
                Results.Ok(new { jeton = antiforgery.GetAndStoreTokens(http).RequestToken, entete = "X-CSRF-TOKEN" }))
            .WithSummary("Jeton anti-falsification à renvoyer dans l'en-tête X-CSRF-TOKEN des requêtes POST, PUT et DELETE.");

        api.MapGet("/moi", (HttpContext http) => Results.Ok(new
        {
            id = http.User.AccountId(),
            nom = http.User.FindFirst(DiscretClaims.DisplayName)?.Value,
            role = http.User.Role()?.ToString(),
        })).WithSummary("Le compte connecté.");

        AccountsApi.Map(api.MapGroup("/admin").RequireAuthorization(Policies.Administration));
        Personnes.PersonsApi.Map(api);
        FollowUpsApi.Map(api);
        GuardApi.Map(api);
        Journal.JournalApi.Map(api);
        AccesExceptionnel.BreakGlassApi.Map(api);
        InformationDesPersonnes.NoticeEndpoints.Map(app);
        InformationDesPersonnes.InformationApi.Map(api);
        Partages.PartagesApi.Map(api);
        Personnes.ComputerisationApi.Map(api);
        Droits.RightsApi.Map(api);
        Registre.RegisterEndpoints.Map(app);
        Conservation.LegalHoldsApi.Map(api);
    }
}

/// <summary>POST, PUT and DELETE on cookie-authenticated endpoints must carry the antiforgery token.</summary>
public sealed class AntiforgeryCheck(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) return await next(context);
        if (!await antiforgery.IsRequestValidAsync(http))
            return Results.Problem(statusCode: 400, title: "Jeton anti-falsification manquant",
                detail: "Ajoutez l'en-tête X-CSRF-TOKEN obtenu par GET /api/v1/jeton-csrf.");
        return await next(context);
    }
}
