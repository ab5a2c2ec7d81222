using Microsoft.AspNetCore.Antiforgery;

namespace Discret.Web.Security;

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
