using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace Discret.Web.Features.Conservation;

/// <summary>The services of retention, in one place: durations in force, the job and its lock, the archive, legal holds,
/// elimination batches and their transfer; its pages and endpoints, the DPO's only.</summary>
public sealed class ConservationModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.AddScoped<RetentionSettings>();
        services.Configure<RetentionJobSettings>(config.GetSection("Discret:Retention"));
        services.AddScoped<JobLock>();
        services.AddScoped<RetentionEngine>();
        services.AddHostedService<RetentionNightlyService>();
        // « Lancer maintenant » and « Supprimer maintenant » run the job in the background.
        Discret.Web.Shared.BackgroundWork.AddTo(services);
        services.AddScoped<RetentionRunQueue>();
        services.AddScoped<ArchiveConsultation>();
        services.AddScoped<LegalHolds>();
        services.AddScoped<EliminationBatches>();
        services.AddScoped<BatchTransfer>();
        // Backups and the erasure ledger replayed after a restore (issue 20 §4).
        services.Configure<BackupSettings>(config.GetSection("Discret:Backups"));
        services.AddScoped<ErasureLedger>();
        services.AddScoped<ErasureReplay>();
        services.AddScoped<DatabaseBackup>();
        services.AddScoped<AfterRestore>();
        services.AddHostedService<ErasureReplayAtStart>();
    }

    public void AuthorizePages(PageConventionCollection pages) => pages.AuthorizeFolder("/Conservation", Policies.Retention);

    public void MapEndpoints(WebApplication app, RouteGroupBuilder api) => LegalHoldsApi.Map(api);
}
