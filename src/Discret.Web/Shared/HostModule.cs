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
        services.AddLogging(logging =>
        {
            logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning)
                .AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning)
                .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.Warning);
            // Outside Development, EF Core's own error lines (the failed SQL text with its parameters, stack traces) are
            // silenced: the error pages and the jobs log a database error by type and code (ErrorKinds), with the request's reference.
            if (!environment.IsDevelopment())
                logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None)
                    .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None)
                    .AddFilter("Microsoft.EntityFrameworkCore.Migrations", LogLevel.Information);
        });

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
            // The introduction, the problem types, the path parameters bound from the file's context, examples (Shared/ApiDocument).
            // The closed lists as the API reads them: a string, one of the members' names.
            o.AddDocumentTransformer((doc, _, _) => ClosedListJson.Describe(doc));
            o.AddDocumentTransformer(ApiDocument.DescribeAsync);
            o.AddSchemaTransformer(ApiDocument.ExampleAsync);
            // Each body its own schema: the use cases' « Request » records are told apart by their class (« WorkingNotesRequest »).
            o.CreateSchemaReferenceId = OpenApiSchemaNames.ReferenceId;
        });
        // Sent outside Development (Program.cs): a year, subdomains included (ASVS 5.0 3.4.1; the framework's default is 30 days).
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [HealthEndpoint.Ready])
            .AddCheck<JournalWritableHealthCheck>("journal", tags: [HealthEndpoint.Ready]);

        services.AddScoped<PublishedDocuments>();
        services.AddScoped<DemoDataSeeder>();
    }

    public void MapEndpoints(WebApplication app, RouteGroupBuilder api)
    {
        app.MapHealthChecks("/health", HealthEndpoint.ReadyOptions).AllowAnonymous();
        app.MapHealthChecks("/health/ready", HealthEndpoint.ReadyOptions).AllowAnonymous();
        app.MapHealthChecks("/health/live", HealthEndpoint.LiveOptions).AllowAnonymous();
        app.MapOpenApi("/api/v1/openapi.json").RequireAuthorization(Policies.Staff);
    }
}
