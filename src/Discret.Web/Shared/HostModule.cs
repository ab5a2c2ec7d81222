using Discret.Data;
using Discret.Web.Demo;
using Discret.Web.Security;
using Discret.Web.Shared.Documents;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Discret.Web.Shared;

/// <summary>
/// What every area relies on: the clock, the settings, the database, the Razor Pages engine (pages under
/// <c>/Features</c>, components under <c>/Shared/Ui</c>, French binding messages), French problem details, the JSON
/// options, the OpenAPI document, the health check, published documents and the demo data.
/// </summary>
public sealed class HostModule(IWebHostEnvironment environment) : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddLogging(logging => logging
            .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning)
            .AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning)
            .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning));

        services.AddSingleton(TimeProvider.System);
        services.Configure<DiscretSettings>(config.GetSection("Discret"));
        services.AddDiscretDatabase(config, environment.ContentRootPath);
        services.AddHttpContextAccessor();

        services.AddRazorPages(o => o.RootDirectory = "/Features")
            .AddRazorOptions(o => o.PageViewLocationFormats.Add("/Shared/Ui/{0}" + RazorViewEngine.ViewExtension))
            .AddMvcOptions(o => o.ModelBindingMessageProvider.UseFrench());
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ApiErrors.InFrench);
        // Closed lists travel by name only: a number ("role": 99, -1, even a defined 0) is refused as a malformed request,
        // so no undefined value can reach the database (and break a page that shows it).
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(allowIntegerValues: false)));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Discret — API";
            doc.Info.Description = "API JSON de Discret. Toutes les routes exigent une session authentifiée (mot de passe et second facteur).";
            return Task.CompletedTask;
        }));
        services.Configure<Microsoft.AspNetCore.OpenApi.OpenApiOptions>("v1", o => o.CreateSchemaReferenceId = OpenApiSchemaNames.ReferenceId);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        services.AddScoped<PublishedDocuments>();
        services.AddScoped<DemoDataSeeder>();
    }

    public void MapEndpoints(WebApplication app, RouteGroupBuilder api)
    {
        app.MapHealthChecks("/health", HealthEndpoint.Options).AllowAnonymous();
        app.MapOpenApi("/api/v1/openapi.json").RequireAuthorization(Policies.Staff);
    }
}
