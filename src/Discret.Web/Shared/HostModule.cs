using Discret.Data;
using Discret.Web.Demo;
using Discret.Web.Security;
using Discret.Web.Shared.Documents;
using Discret.Web.Shared.Input;
using Microsoft.AspNetCore.OpenApi;
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
            .AddMvcOptions(o =>
            {
                o.ModelBindingMessageProvider.UseFrench();
                // Texts, dates and closed lists judged as every form binds them (Shared/Input).
                o.ModelBinderProviders.Insert(0, new FormInput(o.ModelBinderProviders));
                o.Filters.Add(new RefusedFormFilter());
            });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ApiErrors.InFrench);
        // Closed lists travel by a member's name only: a number ("role": 99, -1, even a defined 0), a combination ("Dpo, Accueil")
        // or an unknown name is refused as a malformed request, so no undefined value can reach the database (and break a page
        // that shows it); a stored value that is no member is written "Inconnu" (Shared/Input/ClosedListJson).
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new ClosedListJson()));
        services.AddHostedService<UnknownValuesLog>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer((doc, _, _) =>
            {
                doc.Info.Title = "Discret — API";
                doc.Info.Description = "API JSON de Discret. Toutes les routes exigent une session authentifiée (mot de passe et second facteur).";
                return Task.CompletedTask;
            });
            // Each body its own schema: the use cases' « Request » records are told apart by their class (« WorkingNotesRequest »).
            o.CreateSchemaReferenceId = type => OpenApiOptions.CreateDefaultSchemaReferenceId(type) is { } id && type.Type.DeclaringType is { } owner
                ? owner.Name + id : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            // The closed lists as the API reads them: a string, one of the members' names.
            o.AddDocumentTransformer((doc, _, _) => ClosedListJson.Describe(doc));
        });
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
