using Discret.Web.Cli;
using Discret.Web.Demo;
using Discret.Web.Features.AccesExceptionnel;
using Discret.Web.Features.Accompagnements;
using Discret.Web.Features.Accueil;
using Discret.Web.Features.AnalyseImpact;
using Discret.Web.Features.Administration;
using Discret.Web.Features.CatalogueDesDonnees;
using Discret.Web.Features.Compte;
using Discret.Web.Features.ComptesAConfirmer;
using Discret.Web.Features.Connexion;
using Discret.Web.Features.Conservation;
using Discret.Web.Features.Courriers;
using Discret.Web.Features.Droits;
using Discret.Web.Features.Garde;
using Discret.Web.Features.InformationDesPersonnes;
using Discret.Web.Features.Journal;
using Discret.Web.Features.Notifications;
using Discret.Web.Features.Orientation;
using Discret.Web.Features.Partages;
using Discret.Web.Features.Personnes;
using Discret.Web.Features.Registre;
using Discret.Web.Features.Site;
using Discret.Web.Security;
using Discret.Web.Shared;
using Discret.Web.Shared.Idempotency;
using Microsoft.AspNetCore.HttpOverrides;

var builder = WebApplication.CreateBuilder(args);

// Each module registers its services, declares the policy of each of its pages and maps its endpoints.
IModule[] modules =
[
    new HostModule(builder.Environment),
    new SecurityModule(builder.Environment),
    new IdempotencyModule(),
    new SiteModule(),
    new ConnexionModule(),
    new CompteModule(),
    new AccueilModule(),
    new AdministrationModule(),
    new ComptesAConfirmerModule(),
    new JournalModule(),
    new CatalogueDesDonneesModule(),
    new GardeModule(),
    new RegistreModule(),
    new AnalyseImpactModule(),
    new PersonnesModule(),
    new AccompagnementsModule(),
    new OrientationModule(),
    new PartagesModule(),
    new Discret.Web.Features.Mandats.MandatsModule(),
    new InformationDesPersonnesModule(),
    new DroitsModule(),
    new ConservationModule(),
    new AccesExceptionnelModule(),
    new NotificationsModule(),
    // Letters from templates and the print view of a file (issue 16 §4).
    new CourriersModule(),
    new Discret.Web.Features.Taches.TachesModule(),
    // Agenda (issue 16 §2)
    new Discret.Web.Features.Agenda.AgendaModule(),
    new Discret.Web.Features.Statistiques.StatistiquesModule(),
    // Digital help within a follow-up (issue 19).
    new Discret.Web.Features.AideNumerique.AideNumeriqueModule(),
    new Discret.Web.Features.ReferenceApi.ReferenceApiModule(),
];
builder.Services.AddModules(builder.Configuration, modules);

var app = builder.Build();

if (args.Length > 0 && CommandLine.IsCommand(args[0]))
    return await CommandLine.RunAsync(app, args);

if (DiscretSettings.From(app.Configuration).DemoMode)
    await DemoDataSeeder.MigrateAndSeedAsync(app.Services);

if (!app.Environment.IsDevelopment())
    app.UseHsts();
// Behind the TLS reverse proxy (loopback by default; add KnownProxies for another host), so that cookies are Secure.
app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
app.UseDiscretRequestLogging(); // first: it logs the status the error pages wrote
app.UseDiscretErrorPages();
app.UseSecurityHeaders();
// The stylesheets and scripts are public: without AllowAnonymous the fallback policy (signed-in staff) would send
// them to the login page, leaving every anonymous page (login, activation, accessibility) unstyled and without site.js.
app.MapStaticAssets().AllowAnonymous();
app.UseRouting();
app.UseAuthentication();
app.UseAccountSetupGate();
app.UseAuthorization();
app.UseDiscretRateLimits();
app.UseAntiforgery();

app.MapRazorPages().WithStaticAssets();
app.MapModules(modules);

app.Run();
return 0;
