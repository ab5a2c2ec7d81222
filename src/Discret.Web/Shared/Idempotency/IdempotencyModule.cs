using Microsoft.AspNetCore.Mvc;

namespace Discret.Web.Shared.Idempotency;

/// <summary>
/// Creates that happen once: the <c>Idempotency-Key</c> of the API's creates (<see cref="IdempotencyKeyFilter"/>, put on
/// each create endpoint by <see cref="IdempotentEndpoints.Idempotent"/>), the one-time token of the forms that create
/// (<see cref="OnceOnlyFormTagHelper"/>, <see cref="OnceOnlyFormFilter"/>), their one store and its hourly purge.
/// </summary>
public sealed class IdempotencyModule : IModule
{
    public void AddServices(IServiceCollection services, IConfiguration config)
    {
        services.Configure<IdempotencySettings>(config.GetSection("Discret:Idempotency"));
        services.AddSingleton<IdempotencyStore>();
        services.AddScoped<IdempotencyPurge>();
        services.AddHostedService<IdempotencyPurgeService>();
        services.Configure<MvcOptions>(o => o.Filters.Add<OnceOnlyFormFilter>());
    }
}
