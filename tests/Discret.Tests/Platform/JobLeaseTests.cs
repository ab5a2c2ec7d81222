using System.Net;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Retention;
using Discret.Tests.Support;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Discret.Tests.Accompagnements.FollowUpScenario;

namespace Discret.Tests.Platform;

/// <summary>
/// One instance runs each background job (issue 20 §1): the holder of its lease. Another instance finds it held and
/// skips; a run records which instance ran it, when and how it ended; a run whose lease is taken from it (the instance
/// paused longer than the lease) stops; the DPO's console lists the jobs. The lease used is that of the deactivated
/// accounts' nightly job, which the test installation never schedules.
/// </summary>
[Collection(InstallationCollection.Name)]
public class JobLeaseTests(DiscretFactory app)
{
    private const string Name = JobLease.DeactivatedAccounts;

    private IServiceScopeFactory Scopes => app.Services.GetRequiredService<IServiceScopeFactory>();

    private Task<JobLease> LeaseAsync() => app.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().JobLeases.AsNoTracking().SingleAsync(l => l.Name == Name));

    [Fact]
    public async Task A_job_whose_lease_another_instance_holds_does_not_run_here()
    {
        var other = await app.WithAsync(sp => sp.GetRequiredService<JobLock>().TryTakeAsync(Name, TimeSpan.FromMinutes(5)));
        Assert.NotNull(other);
        try
        {
            var ran = false;
            Assert.False(await LeasedRun.RunAsync(Scopes, TimeProvider.System, Name, TimeSpan.FromMinutes(1), _ => { ran = true; return Task.CompletedTask; }, default));
            Assert.False(ran);
        }
        finally
        {
            await app.WithAsync(async sp => { await sp.GetRequiredService<JobLock>().ReleaseAsync(Name, other!); return 0; });
        }
        // Released, it runs here, and the run is recorded: this instance, start and end, « terminé »; the lease is free again.
        var done = false;
        Assert.True(await LeasedRun.RunAsync(Scopes, TimeProvider.System, Name, TimeSpan.FromMinutes(1), _ => { done = true; return Task.CompletedTask; }, default));
        Assert.True(done);
        var lease = await LeaseAsync();
        Assert.Equal(JobLock.Done, lease.LastOutcome);
        Assert.StartsWith(JobLock.Instance + "/", lease.LastHolder);
        Assert.NotNull(lease.LastStartedAt);
        Assert.True(lease.LastEndedAt >= lease.LastStartedAt);
        Assert.Null(lease.Holder);
    }

    [Fact]
    public async Task A_failed_run_is_recorded_as_failed_and_frees_the_lease()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            LeasedRun.RunAsync(Scopes, TimeProvider.System, Name, TimeSpan.FromMinutes(1), _ => throw new InvalidOperationException("test"), default));
        var lease = await LeaseAsync();
        Assert.Equal(JobLock.Failed, lease.LastOutcome);
        Assert.Null(lease.Holder);
    }

    [Fact]
    public async Task A_run_that_loses_its_lease_stops_and_is_recorded_as_interrupted()
    {
        var stopped = false;
        var lease = TimeSpan.FromMilliseconds(600); // renewed every 200 ms
        var ran = await LeasedRun.RunAsync(Scopes, TimeProvider.System, Name, lease, async ct =>
        {
            // Another instance takes the lease (as if this one had paused longer than the lease).
            await app.WithDbAsync(db => db.JobLeases.Where(l => l.Name == Name)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, "autre-instance/1/x").SetProperty(l => l.Until, DateTime.UtcNow.AddMinutes(5))));
            try { await Task.Delay(TimeSpan.FromSeconds(30), ct); }
            catch (OperationCanceledException) { stopped = true; throw; }
        }, default);
        Assert.True(ran);
        Assert.True(stopped);
        var row = await LeaseAsync();
        Assert.Equal(JobLock.Lost, row.LastOutcome);
        Assert.Equal("autre-instance/1/x", row.Holder); // the other instance keeps its lease
        await app.WithDbAsync(db => db.JobLeases.Where(l => l.Name == Name)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, (string?)null).SetProperty(l => l.Until, (DateTime?)null)));
    }

    [Fact]
    public async Task The_dpo_console_lists_every_job_with_its_last_run()
    {
        await LeasedRun.RunAsync(Scopes, TimeProvider.System, Name, TimeSpan.FromMinutes(1), _ => Task.CompletedTask, default);
        var dpo = await StaffSession.LoginAsync(app, await app.CreateAccountAsync(StaffRole.Dpo));
        var page = await dpo.PageTextAsync("/tracabilite/taches");
        foreach (var name in JobLease.All) Assert.Contains(Discret.Web.Features.Journal.JobsModel.Label(name), page);
        Assert.Matches($@"Effacement des données des comptes désactivés</td>\s*<td>\d\d/\d\d/\d{{4}}[^<]*</td>\s*<td>[^<]+</td>\s*<td>{JobLock.Done}</td>\s*<td>{System.Text.RegularExpressions.Regex.Escape(JobLock.Instance)}</td>", page);
    }
}
