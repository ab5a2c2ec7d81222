namespace Discret.Web.Shared;

/// <summary>
/// A job a hosted service runs at each interval, in a fresh scope. A failure is logged by exception type only (its
/// message may quote data) and the job runs again at the next interval.
/// </summary>
public abstract partial class PeriodicJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await RunOnceAsync(scope.ServiceProvider, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailure(logger, GetType().Name, e.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Job} failed ({ExceptionType}); it will run again at the next interval.")]
    private static partial void LogFailure(ILogger logger, string job, string exceptionType);
}
