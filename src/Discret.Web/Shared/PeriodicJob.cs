namespace Discret.Web.Shared;

/// <summary>
/// A job a hosted service runs at each interval, in a fresh scope, on the one instance that holds its lease
/// (<see cref="LeaseName"/>, <see cref="LeasedRun"/>): every instance hosts it, one runs it. A failure is logged by
/// exception type only (its message may quote data) and the job runs again at the next interval.
/// </summary>
/// <remarks>
/// The job waits for its next due time with one one-shot delay, not a <see cref="PeriodicTimer"/>: when the clock jumps
/// (a test's <c>FakeTimeProvider.Advance</c> of two years, a machine waking from sleep) the intervals missed are one
/// run, not one tick per interval — an hourly timer would otherwise fire 17,520 times for a two-year jump.
/// </remarks>
public abstract partial class PeriodicJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>The job's lease (<see cref="Discret.Domain.Retention.JobLease"/>): of several instances, only its holder runs
    /// it; null for a job that needs none (a test's job, a job whose work takes its own lock).</summary>
    protected abstract string? LeaseName { get; }

    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken ct);

    private DateTimeOffset _due;

    /// <summary>The beat starts when the host starts the job (ExecuteAsync itself may start later, on another thread).</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _due = clock.GetUtcNow() + Interval;
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var due = _due;
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = due - clock.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, clock, stoppingToken);
                try
                {
                    await LeasedRun.InScopeAsync(scopes, clock, LeaseName, RunOnceAsync, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailure(logger, GetType().Name, ErrorKinds.Describe(e));
                }
                due = NextDue(due, clock.GetUtcNow(), Interval);
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>The next due time on the job's beat; intervals already past are skipped (run once, not once each).</summary>
    public static DateTimeOffset NextDue(DateTimeOffset previous, DateTimeOffset now, TimeSpan interval)
    {
        var next = previous + interval;
        if (next > now) return next;
        var missed = (now - previous).Ticks / interval.Ticks; // whole intervals elapsed since the previous due time
        return previous + interval * (missed + 1);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Job} failed ({ExceptionType}); it will run again at the next interval.")]
    private static partial void LogFailure(ILogger logger, string job, string exceptionType);
}
