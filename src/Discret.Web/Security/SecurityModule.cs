using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Web.Features.Connexion;
using Discret.Web.Security.Passwords;
using Discret.Web.Security.Secrets;
using Discret.Web.Security.Sessions;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Security;

/// <summary>
/// Who is signed in and what they may reach: staff accounts (Identity, second factor, lockout), the session, 2FA,
/// antiforgery and temp-data cookies, the keys that protect them, the policies (<see cref="Policies"/>) and the
/// per-person access (<see cref="PersonAccess"/>); the session and CSRF-token endpoints.
/// </summary>
public sealed class SecurityModule(IHostEnvironment environment) : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.Configure<SecuritySettings>(config.GetSection("Discret:Security"));
        var security = config.GetSection("Discret:Security").Get<SecuritySettings>() ?? new SecuritySettings();

        // Keys shared by every instance through the database, so that cookies and antiforgery tokens issued by one
        // instance are accepted by the others behind a load balancer; each key encrypted there by a certificate the
        // database does not hold (Secrets/KeyEncryptionCertificates.cs).
        services.AddDataProtection().SetApplicationName("Discret").PersistKeysToDbContext<DiscretDbContext>()
            .ProtectKeysWithKeyEncryptionCertificate(config, environment);

        var authentication = services.AddAuthentication(IdentityConstants.ApplicationScheme);
        authentication.AddIdentityCookies();
        authentication.AddProConnect(config, environment); // only when configured (Features/Connexion/ProConnect.cs)
        services.AddIdentityCore<StaffAccount>(o =>
            {
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789.-";
                o.User.RequireUniqueEmail = false;
                o.Password.RequiredLength = 1;
                o.Password.RequireDigit = o.Password.RequireLowercase = o.Password.RequireUppercase = o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = security.MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = security.LockoutDuration;
                o.SignIn.RequireConfirmedAccount = true; // "confirmed" means active: see ActiveAccountConfirmation
                o.Stores.SchemaVersion = Discret.Data.DatabaseSetup.IdentitySchema; // passkeys (AspNetUserPasskeys)
            })
            .AddSignInManager()
            .AddUserManager<DiscretUserManager>() // failures counted when several arrive at once
            .AddDefaultTokenProviders()
            .AddEntityFrameworkStores<DiscretDbContext>()
            .AddErrorDescriber<FrenchIdentityErrors>()
            .AddPasswordValidator<CnilPasswordValidator>()
            .AddClaimsPrincipalFactory<DiscretClaimsPrincipalFactory>();
        services.AddSecretsAtRest(); // TOTP seeds sealed, recovery codes hashed, single-use TOTP codes, key ring encrypted
        services.AddScoped<IUserConfirmation<StaffAccount>, ActiveAccountConfirmation>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "discret.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = security.IdleTimeout;
            o.SlidingExpiration = true;
            o.LoginPath = "/connexion";
            o.LogoutPath = "/deconnexion";
            o.AccessDeniedPath = "/introuvable";
            o.ReturnUrlParameter = "retour";
            o.Events.OnRedirectToLogin = ctx =>
            {
                if (!ctx.Request.Path.StartsWithSegments("/api"))
                {
                    ctx.Response.Redirect(ctx.RedirectUri);
                    return Task.CompletedTask;
                }
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Non authentifié",
                    detail: "Connectez-vous à Discret pour utiliser l'API.").ExecuteAsync(ctx.HttpContext);
            };
        });
        services.AddServerSessions();
        services.AddDiscretRateLimits(config);
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = "discret.2fa";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Cookie.HttpOnly = true;
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "discret.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.HeaderName = "X-CSRF-TOKEN";
        });
        services.Configure<CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = "discret.tmp";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddAuthorization(Policies.Register);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, NotFoundWhenForbidden>();
        services.AddScoped<PersonAccess>();
        services.AddScoped<PersonFileContext>();
        services.AddScoped<RunningBreakGlass>();
        services.AddScoped<ReachedFileState>();
    }

    public void AuthorizePages(PageConventionCollection pages) => RateLimits.LimitPages(pages);

    /// <summary>Le jeton anti-falsification de la session, à renvoyer dans l'en-tête indiqué de chaque écriture (POST, PUT, DELETE).</summary>
    /// <param name="Token">Le jeton, lié à la session et au cookie anti-falsification posé par cette réponse.</param>
    /// <param name="Header">Le nom de l'en-tête où l'envoyer : toujours X-CSRF-TOKEN.</param>
    public sealed record CsrfTokenView(string Token, string Header);

    /// <summary>Le compte connecté.</summary>
    /// <param name="Id">Identifiant (UUID) du compte.</param>
    /// <param name="DisplayName">Nom affiché du compte ; absent ou null s'il n'est pas connu de la session.</param>
    /// <param name="Role">Rôle du compte ; null pour un compte sans rôle reconnu.</param>
    public sealed record MeView(Guid Id, string? DisplayName, Discret.Domain.Accounts.StaffRole? Role);

    public void MapEndpoints(WebApplication app, RouteGroupBuilder api)
    {
        // Called by the idle-session warning: any authenticated request renews the sliding session cookie.
        app.MapPost("/session/prolonger", SessionCookie.Prolong)
            .RequireAuthorization(Policies.Staff).AddEndpointFilter<AntiforgeryCheck>().ExcludeFromDescription();

        api.MapGet("/jeton-csrf", (IAntiforgery antiforgery, HttpContext http) =>
                Results.Ok(new CsrfTokenView(antiforgery.GetAndStoreTokens(http).RequestToken!, "X-CSRF-TOKEN")))
            .WithSummary("Jeton anti-falsification à renvoyer dans l'en-tête X-CSRF-TOKEN des requêtes POST, PUT et DELETE.")
            .Produces<CsrfTokenView>();

        api.MapGet("/moi", (HttpContext http) => Results.Ok(new MeView(http.User.AccountId(), http.User.FindFirst(DiscretClaims.DisplayName)?.Value, http.User.Role()))).WithSummary("Le compte connecté.")
            .Produces<MeView>();
    }
}
