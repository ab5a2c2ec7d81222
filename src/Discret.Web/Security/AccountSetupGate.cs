namespace Discret.Web.Security;

/// <summary>
/// A signed-in account that has not enrolled its second factor, accepted the charter or renewed an expired
/// privileged password reaches only the page of that step (and logout, static files, health).
/// </summary>
public static class AccountSetupGate
{
    public const string EnrolmentPath = "/compte/double-authentification";
    public const string RecoveryCodesPath = "/compte/codes-de-secours";
    public const string CharterPath = "/compte/charte";
    public const string PasswordPath = "/compte/mot-de-passe";

    private static readonly string[] AlwaysOpen = ["/deconnexion", "/lib", "/css", "/js", "/theme.css", "/departement/logo", "/health", "/accessibilite", "/code-source"];

    /// <summary>The page the account must visit first, or null when its set-up is complete.</summary>
    public static string? PendingStep(System.Security.Claims.ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        if (!user.Has(DiscretClaims.SecondFactorEnrolled)) return EnrolmentPath;
        if (!user.Has(DiscretClaims.CharterAccepted)) return CharterPath;
        if (user.Has(DiscretClaims.PasswordRenewalDue)) return PasswordPath;
        return null;
    }

    public static IApplicationBuilder UseAccountSetupGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var step = PendingStep(context.User);
        var path = context.Request.Path;
        if (step is null || path.StartsWithSegments(step) || AlwaysOpen.Any(p => path.StartsWithSegments(p))
            || (step == CharterPath && path.StartsWithSegments(RecoveryCodesPath)))
        {
            await next();
            return;
        }
        if (path.StartsWithSegments("/api"))
        {
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Compte à finaliser",
                detail: "Terminez la configuration de votre compte (double authentification, charte) dans l'application avant d'utiliser l'API.")
                .ExecuteAsync(context);
            return;
        }
        context.Response.Redirect(step);
    });
}
