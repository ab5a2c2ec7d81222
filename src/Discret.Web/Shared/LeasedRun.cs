using Discret.Domain.Retention;

namespace Discret.Web.Shared;

/// <summary>
/// One run of a background job on the one instance that holds its lease (<see cref="JobLock"/>): the others skip it.
/// The lease is renewed while the run lasts, from a scope of its own (the run's DbContext is busy); when a renewal finds
/// the lease lost — this instance paused longer than the lease and another took it — the run is cancelled, so two
/// instances never run the same job together for long. The outcome (done, failed, interrupted) is recorded for the console.
/// </summary>
public static class LeasedRun
{
    /// <summary>How long a lease lasts without renewal; renewed every third of it.</summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromMinutes(10);

    /// <summary>
    /// One run of a hosted job's work in a fresh scope: under the job's lease (<see cref="DefaultLease"/>), or directly
    /// when it has none (a job whose work takes its own lock). What <see cref="PeriodicJob"/> and <see cref="NightlyJob"/> do at each beat.
    /// </summary>
    public static Task InScopeAsync(IServiceScopeFactory scopes, TimeProvider clock, string? name,
        Func<IServiceProvider, CancellationToken, Task> work, CancellationToken ct)
    {
        async Task Run(CancellationToken token)
        {
            await using var scope = scopes.CreateAsyncScope();
            await work(scope.ServiceProvider, token);
        }
        return name is null ? Run(ct) : RunAsync(scopes, clock, name, DefaultLease, Run, ct);
    }

    /// <returns>True when this instance ran the job, false when another instance holds its lease.</returns>
    public static async Task<bool> RunAsync(IServiceScopeFactory scopes, TimeProvider clock, string name, TimeSpan lease,
        Func<CancellationToken, Task> work, CancellationToken ct)
    {
        string? holder;
        await using (var scope = scopes.CreateAsyncScope())
            holder = await scope.ServiceProvider.GetRequiredService<JobLock>().TryTakeAsync(name, lease, ct);
        if (holder is null) return false;

        using var run = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var lost = false;
        var renewal = Task.Run(async () =>
        {
            try
            {
                while (!run.IsCancellationRequested)
                {
                    await Task.Delay(lease / 3, clock, run.Token);
                    await using var scope = scopes.CreateAsyncScope();
                    if (await scope.ServiceProvider.GetRequiredService<JobLock>().RenewAsync(name, holder, lease, run.Token)) continue;
                    lost = true;
                    await run.CancelAsync();
                }
            }
            catch (OperationCanceledException) { }
        }, CancellationToken.None);

        var outcome = JobLock.Done;
        try
        {
            await work(run.Token);
        }
        catch (OperationCanceledException) when (lost && !ct.IsCancellationRequested)
        {
            outcome = JobLock.Lost;
        }
        catch
        {
            outcome = JobLock.Failed;
            throw;
        }
        finally
        {
            if (!run.IsCancellationRequested) await run.CancelAsync();
            await renewal;
            await using var scope = scopes.CreateAsyncScope();
            var jobLock = scope.ServiceProvider.GetRequiredService<JobLock>();
            if (lost) await jobLock.RecordLostAsync(name, holder, CancellationToken.None);
            else await jobLock.ReleaseAsync(name, holder, CancellationToken.None, outcome);
        }
        return true;
    }
}
