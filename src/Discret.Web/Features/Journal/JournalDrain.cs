using Discret.Data;

namespace Discret.Web.Features.Journal;

/// <summary>
/// PostgreSQL: chains the journal entries left pending — by a request whose drain failed after its commit (the database
/// gone an instant), or by an instance killed between the two. Every instance runs it, every few seconds: the drain takes
/// its own lock and a call that finds nothing pending costs one read. On wall-clock time, not the application's clock
/// (a test's frozen clock must not stop it).
/// </summary>
public sealed class JournalDrain(IServiceScopeFactory scopes, ILogger<JournalDrain> logger)
    : Discret.Web.Shared.PeriodicJob(scopes, TimeProvider.System, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(2);
    protected override string? LeaseName => null;

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct) =>
        JournalChain.DrainAsync(services.GetRequiredService<DiscretDbContext>(), ct);
}
