using Discret.Domain.Retention;
using Discret.Web.Features.Journal;
using Discret.Web.Shared;

namespace Discret.Web.Features.Conservation;

/// <summary>
/// A run the DPO asks for (« Lancer maintenant », « Simuler maintenant », a batch's « Supprimer maintenant ») leaves the
/// request: it goes to the background runner and the page answers at once. Refused while a run is asked for or running
/// on this instance (the queue) or running on another one (the database lock, which still elects one run across instances).
/// </summary>
public sealed partial class RetentionRunQueue(JobLock jobLock, BackgroundWork background, ILogger<RetentionRunQueue> logger)
{
    /// <summary>The name of the retention run in the background queue.</summary>
    public const string WorkName = JobLease.Retention;

    /// <summary>A run is asked for or running on this instance.</summary>
    public bool IsPending => background.IsPending(WorkName);

    /// <returns>False when a run is already asked for or running (here or on another instance).</returns>
    public async Task<bool> TryQueueAsync(JournalActor startedBy, bool simulation, CancellationToken ct = default)
    {
        if (await jobLock.IsHeldAsync(JobLease.Retention, ct)) return false;
        return background.TryEnqueue(WorkName, async (services, stopping) =>
        {
            var run = await services.GetRequiredService<RetentionEngine>().RunAsync(RunTrigger.Dpo, simulation, startedBy, stopping);
            if (run is null) LogSkipped(logger);
            else if (run.Outcome == RunOutcome.Interrompue) LogInterrupted(logger);
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention run asked for by the DPO skipped: another instance holds the lock.")]
    private static partial void LogSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention run asked for by the DPO stopped: its lease was lost to another instance.")]
    private static partial void LogInterrupted(ILogger logger);
}
