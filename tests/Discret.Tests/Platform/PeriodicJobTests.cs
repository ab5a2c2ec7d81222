using Discret.Web.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Discret.Tests.Platform;

/// <summary>
/// The periodic jobs (journal sealing, expired notes) wait for their next due time on the clock: a jump of the clock —
/// a test's two-year advance, a machine waking up — is one run, not one per interval missed (17,544 for an hourly job).
/// </summary>
public sealed class PeriodicJobTests
{
    private sealed class HourlyJob(TimeProvider clock) : PeriodicJob(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
        clock, NullLogger.Instance)
    {
        public int Runs;
        protected override TimeSpan Interval => TimeSpan.FromHours(1);
        protected override string? LeaseName => null; // the beat is under test, not the lease (JobLeaseTests)
        protected override Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
        {
            Interlocked.Increment(ref Runs);
            return Task.CompletedTask;
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 3000 && !condition(); i++) await Task.Delay(10);
        Assert.True(condition());
    }

    [Fact]
    public async Task A_two_year_jump_of_the_clock_runs_an_hourly_job_once_then_it_keeps_its_hourly_beat()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var job = new HourlyJob(clock);
        await job.StartAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, job.Runs);

        clock.Advance(TimeSpan.FromDays(731));
        // On a loaded machine the job may not be waiting yet when the clock jumps: it then waits for the next hour of the
        // new time. An hour more at most, and still one run — never one per interval missed.
        for (var hour = 0; hour < 2 && job.Runs == 0; hour++)
        {
            for (var i = 0; i < 500 && job.Runs == 0; i++) await Task.Delay(10);
            if (job.Runs == 0) clock.Advance(TimeSpan.FromHours(1));
        }
        await WaitForAsync(() => job.Runs == 1);
        await Task.Delay(50);
        Assert.Equal(1, job.Runs);

        // Then hourly again (an hour or two of the clock: the job may still be choosing its next due time when the clock moves).
        for (var hour = 0; hour < 2 && job.Runs < 2; hour++)
        {
            clock.Advance(TimeSpan.FromHours(1));
            for (var i = 0; i < 200 && job.Runs < 2; i++) await Task.Delay(10);
        }
        Assert.Equal(2, job.Runs);
        await job.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void The_next_due_time_skips_the_intervals_already_past_and_stays_on_the_beat()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var hour = TimeSpan.FromHours(1);
        Assert.Equal(start.AddHours(1), PeriodicJob.NextDue(start, start.AddMinutes(5), hour));
        Assert.Equal(start.AddHours(1), PeriodicJob.NextDue(start, start.AddMinutes(59), hour));
        Assert.Equal(start.AddHours(2), PeriodicJob.NextDue(start, start.AddHours(1), hour));
        Assert.Equal(start.AddHours(17_545), PeriodicJob.NextDue(start, start.AddDays(731).AddMinutes(10), hour));
    }
}
