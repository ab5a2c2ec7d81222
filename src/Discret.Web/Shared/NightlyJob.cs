namespace Discret.Web.Shared;

/// <summary>
/// A job a hosted service runs every night at a Paris time (<see cref="ParisTime.UntilNext"/>), in a fresh scope. Every
/// instance may host it; one runs it: the holder of its lease (<see cref="LeaseName"/>, <see cref="LeasedRun"/>), or, for
/// a job that can also be started on demand and so takes its lock itself (retention, statistics), its own lock. A failure
/// is logged by exception type only (its message may quote data) and the job runs again the next night. The periodic
/// twin is <see cref="PeriodicJob"/>.
/// </summary>
public abstract partial class NightlyJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>Whether this instance runs the job at all.</summary>
    protected abstract bool Enabled { get; }

    /// <summary>The Paris time of the nightly run.</summary>
    protected abstract TimeOnly At { get; }

    /// <summary>The job's lease, taken around each run; null for a job whose work takes its own lock.</summary>
    protected abstract string? LeaseName { get; }

    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled) return;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(clock.UntilNext(At), clock, stoppingToken);
                try
                {
                    await LeasedRun.InScopeAsync(scopes, clock, LeaseName, RunOnceAsync, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailure(logger, GetType().Name, ErrorKinds.Describe(e));
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Job} failed ({ExceptionType}); it runs again the next night.")]
    private static partial void LogFailure(ILogger logger, string job, string exceptionType);
}
