using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Discret.Web.Security;

/// <summary>A signed-in account refused by a policy gets 404, exactly as if the page or resource did not exist.</summary>
public sealed class NotFoundWhenForbidden : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            if (context.Request.Path.StartsWithSegments("/api"))
                await ApiProblems.NotFound().ExecuteAsync(context);
            return;
        }
        await _default.HandleAsync(next, context, policy, result);
    }
}
