using Discret.Web.Cli;
using Discret.Data;
using Discret.Web.Demo;
using Discret.Domain.Accounts;
using Discret.Web.Features;
using Discret.Web.Security;
using Discret.Web.Security.Passwords;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;

var builder = WebApplication.CreateBuilder(args);
var config = builder.Configuration;

builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.Configure<SecuritySettings>(config.GetSection("Discret:Security"));
builder.Services.Configure<DiscretSettings>(config.GetSection("Discret"));
var security = config.GetSection("Discret:Security").Get<SecuritySettings>() ?? new SecuritySettings();

builder.Services.AddDiscretDatabase(config, builder.Environment.ContentRootPath);

// Keys shared by every instance through the database, so that cookies and antiforgery tokens issued by one
// instance are accepted by the others behind a load balancer.
builder.Services.AddDataProtection().SetApplicationName("Discret").PersistKeysToDbContext<DiscretDbContext>();

builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
builder.Services.AddIdentityCore<StaffAccount>(o =>
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
    })
    .AddSignInManager()
    .AddDefaultTokenProviders()
    .AddEntityFrameworkStores<DiscretDbContext>()
    .AddErrorDescriber<FrenchIdentityErrors>()
    .AddPasswordValidator<CnilPasswordValidator>()
    .AddClaimsPrincipalFactory<DiscretClaimsPrincipalFactory>();
builder.Services.AddScoped<IUserConfirmation<StaffAccount>, ActiveAccountConfirmation>();
builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

builder.Services.ConfigureApplicationCookie(o =>
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
builder.Services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
{
    o.Cookie.Name = "discret.2fa";
    o.Cookie.SameSite = SameSiteMode.Strict;
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    o.Cookie.HttpOnly = true;
});
builder.Services.AddAntiforgery(o =>
{
    o.Cookie.Name = "discret.af";
    o.Cookie.SameSite = SameSiteMode.Strict;
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    o.HeaderName = "X-CSRF-TOKEN";
});

builder.Services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o =>
{
    o.Cookie.Name = "discret.tmp";
    o.Cookie.SameSite = SameSiteMode.Strict;
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
});
builder.Services.AddAuthorization(Policies.Register);
builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, NotFoundWhenForbidden>();

builder.Services.AddRazorPages(o =>
    {
        o.RootDirectory = "/Features";
        o.Conventions.AuthorizeFolder("/", Policies.Staff);
        o.Conventions.AuthorizeFolder("/Administration", Policies.Administration);
        o.Conventions.AuthorizeFolder("/Personnes", Policies.PersonFiles);
        o.Conventions.AuthorizeFolder("/Accompagnements", Policies.PersonFiles);
        o.Conventions.AuthorizePage("/CatalogueDesDonnees/Index", Policies.Catalogue);
        o.Conventions.AuthorizeFolder("/Garde", Policies.Catalogue);
        o.Conventions.AuthorizeFolder("/Journal", Policies.Journal);
        o.Conventions.AuthorizeFolder("/AccesExceptionnel", Policies.BreakGlass);
        Discret.Web.Features.Droits.RightsPages.Authorize(o.Conventions);
    })
    .AddRazorOptions(o => o.PageViewLocationFormats.Add("/Shared/Ui/{0}" + Microsoft.AspNetCore.Mvc.Razor.RazorViewEngine.ViewExtension))
    .AddMvcOptions(o => o.ModelBindingMessageProvider.UseFrench());
builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ApiErrors.InFrench);
builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
{
    doc.Info.Title = "Discret — API";
    doc.Info.Description = "API JSON de Discret. Toutes les routes exigent une session authentifiée (mot de passe et second facteur).";
    return Task.CompletedTask;
}));
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
builder.Services.AddScoped<DepartementTheme>();
builder.Services.AddScoped<DemoDataSeeder>();
builder.Services.AddScoped<Discret.Web.Features.Administration.Comptes.AccountCommands>();
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<Discret.Web.Features.Journal.AccessJournal>();
builder.Services.Configure<Discret.Web.Features.Journal.JournalSettings>(config.GetSection("Discret:Journal"));
builder.Services.AddScoped<Discret.Web.Features.Journal.JournalAnchors>();
builder.Services.AddScoped<Discret.Web.Features.Journal.JournalVerifier>();
builder.Services.AddScoped<Discret.Web.Features.Journal.JournalPurge>();
builder.Services.AddHostedService<Discret.Web.Features.Journal.JournalMaintenanceService>();
builder.Services.AddScoped<PersonAccess>();
builder.Services.AddScoped<PersonFileContext>();
builder.Services.AddScoped<RunningBreakGlass>();
builder.Services.AddScoped<ReachedFileState>();
builder.Services.Configure<Discret.Web.Features.AccesExceptionnel.BreakGlassSettings>(config.GetSection("Discret:BreakGlass"));
builder.Services.AddScoped<Discret.Web.Features.AccesExceptionnel.BreakGlass>();
builder.Services.AddScoped<Discret.Web.Features.Notifications.NotificationInbox>();
Discret.Web.Features.Droits.RightsPages.AddRights(builder.Services);
builder.Services.AddScoped<Discret.Web.Features.Personnes.PersonSearch>();
builder.Services.AddScoped<Discret.Web.Shared.Documents.PublishedDocuments>();
builder.Services.AddScoped<Discret.Web.Features.InformationDesPersonnes.NoticeVersions>();
Discret.Web.Features.Conservation.ConservationServices.AddConservation(builder.Services, config);
builder.Services.AddScoped<Discret.Web.Features.InformationDesPersonnes.PersonInformation>();
builder.Services.AddScoped<Discret.Web.Features.Registre.RegisterVersions>();
builder.Services.AddScoped<Discret.Web.Features.Personnes.PersonFile>();
builder.Services.AddScoped<Discret.Web.Features.Personnes.ComputerisationRefusal>();
builder.Services.AddScoped<Discret.Web.Features.Partages.Consents>();
builder.Services.AddScoped<Discret.Web.Features.Partages.SharingDisclosure>();
builder.Services.AddScoped<Discret.Web.Features.Personnes.PersonCreation>();
builder.Services.AddScoped<Discret.Web.Features.Personnes.PersonEditing>();
builder.Services.AddScoped<Discret.Web.Features.Personnes.HouseholdMembers>();
builder.Services.AddScoped<Discret.Web.Features.Accompagnements.FollowUpRules>();
builder.Services.AddScoped<Discret.Web.Features.Accompagnements.FollowUpCommands>();
builder.Services.AddScoped<Discret.Web.Features.Accompagnements.InterviewRecording>();
builder.Services.Configure<Discret.Web.Features.Accompagnements.WorkingNotesSettings>(config.GetSection("Discret:WorkingNotes"));
builder.Services.AddScoped<Discret.Web.Features.Accompagnements.WorkingNotes>();
builder.Services.AddScoped<Discret.Web.Features.Accompagnements.ExpiredNotesPurge>();
builder.Services.AddHostedService<Discret.Web.Features.Accompagnements.ExpiredNotesPurgeService>();
Discret.Web.Features.Journal.DpoConsole.AddDpoConsole(builder.Services, config);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);

var app = builder.Build();

if (args.Length > 0 && CommandLine.IsCommand(args[0]))
    return await CommandLine.RunAsync(app, args);

if (DiscretSettings.From(config).DemoMode)
    await DemoDataSeeder.MigrateAndSeedAsync(app.Services);

if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}
// Behind the TLS reverse proxy (loopback by default; add KnownProxies for another host), so that cookies are Secure.
app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
app.UseDiscretErrorPages();
app.UseSecurityHeaders();
app.UseDiscretRequestLogging();
// The stylesheets and scripts are public: without AllowAnonymous the fallback policy (signed-in staff) would send
// them to the login page, leaving every anonymous page (login, activation, accessibility) unstyled and without site.js.
app.MapStaticAssets().AllowAnonymous();
app.UseRouting();
app.UseAuthentication();
app.UseAccountSetupGate();
app.UseAuthorization();
app.UseAntiforgery();

app.MapRazorPages().WithStaticAssets();
app.MapHealthChecks("/health", HealthEndpoint.Options).AllowAnonymous();
app.MapDiscretEndpoints();

app.Run();
return 0;
