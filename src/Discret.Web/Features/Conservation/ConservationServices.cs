using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Discret.Web.Features.Conservation;

/// <summary>The services of the retention pages (legal holds, elimination batches, run console), in one place.</summary>
public static class ConservationServices
{
    public static void AddConservation(IServiceCollection services)
    {
        services.AddScoped<LegalHolds>();
        services.AddScoped<EliminationBatches>();
        services.AddScoped<BatchTransfer>();
        services.TryAddScoped<RetentionEngine>();
    }
}
