using Discret.Domain.Retention;
using Discret.Web.Features.Journal;
using Microsoft.Extensions.Options;

namespace Discret.Web.Features.Conservation;

/// <summary>
/// Runs the retention job every night at <see cref="RetentionJobSettings.NightlyAt"/> (Paris time). Every instance
/// may host it: the database lock lets one run and the others skip. A failure is logged by exception type only and
/// the job runs again the next night; the run's report says it was interrupted.
/// </summary>
public sealed partial class RetentionNightlyService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<RetentionJobSettings> options,
    ILogger<RetentionNightlyService> logger) : Shared.NightlyJob(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.Nightly;
    protected override TimeOnly At => options.Value.NightlyAt;
    protected override string? LeaseName => null; // the engine takes JobLease.Retention itself (also for runs on demand)

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var run = await services.GetRequiredService<RetentionEngine>().RunAsync(RunTrigger.Nuit, simulation: false, ct: ct);
        if (run is null) LogSkipped(logger);
        else if (run.Outcome == RunOutcome.Interrompue) LogInterrupted(logger);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention job skipped: another instance holds the lock.")]
    private static partial void LogSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention job stopped: its lease was lost to another instance; the next run finishes the work.")]
    private static partial void LogInterrupted(ILogger logger);
}
