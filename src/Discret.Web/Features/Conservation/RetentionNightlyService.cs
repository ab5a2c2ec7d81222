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
    ILogger<RetentionNightlyService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Nightly) return;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(clock.UntilNext(options.Value.NightlyAt), clock, stoppingToken);
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var run = await scope.ServiceProvider.GetRequiredService<RetentionEngine>().RunAsync(RunTrigger.Nuit, simulation: false, ct: stoppingToken);
                    if (run is null) LogSkipped(logger);
                    else if (run.Outcome == RunOutcome.Interrompue) LogInterrupted(logger);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailure(logger, Shared.ErrorKinds.Describe(e));
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention job skipped: another instance holds the lock.")]
    private static partial void LogSkipped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention job stopped: its lease was lost to another instance; the next run finishes the work.")]
    private static partial void LogInterrupted(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention job failed ({ExceptionType}); the next run finishes the work.")]
    private static partial void LogFailure(ILogger logger, string exceptionType);
}
