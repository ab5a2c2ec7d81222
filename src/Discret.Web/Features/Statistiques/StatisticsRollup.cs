using Discret.Web.Shared;
using Discret.Data;
using Discret.Domain.Retention;
using Discret.Domain.Statistics;
using Discret.Web.Features.Conservation;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Discret.Web.Features.Statistiques;

public sealed class StatisticsSettings
{
    /// <summary>Whether this instance computes the figures every night (several may: the database lock elects one).</summary>
    public bool Nightly { get; set; } = true;
    /// <summary>Paris time of the nightly computation (after the retention job's).</summary>
    public TimeOnly NightlyAt { get; set; } = new(3, 30);
    /// <summary>How long the lock holds without renewal (renewed after each year).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(30);
}

/// <summary>
/// Keeps the table of figures up to date: every year not yet frozen is computed again from the live data and replaces
/// its previous figures in one transaction; a year is frozen once computed after 31 March of the next year, so that
/// files deleted later at the end of their retention never change it. The first run computes every year that has data.
/// One instance at a time, under the database lock « statistiques ».
/// </summary>
[AcrossFiles("anonymous counts over every file of the département; no person is named or kept")]
public sealed class StatisticsRollup(DiscretDbContext db, JobLock jobLock, TimeProvider clock, IOptions<StatisticsSettings> options)
{
    public sealed record Report(IReadOnlyList<int> Years, int Figures);

    /// <summary>The day after which a year's figures never change.</summary>
    public static DateOnly FrozenAfter(int year) => new(year + 1, 3, 31);

    /// <returns>What was computed, or null when another instance holds the lock.</returns>
    public async Task<Report?> RunAsync(CancellationToken ct = default)
    {
        var holder = await jobLock.TryTakeAsync(JobLease.Statistics, options.Value.Lease, ct);
        if (holder is null) return null;
        try
        {
            var today = ParisTime.Today(clock);
            var known = await db.StatYears.AsNoTracking().ToDictionaryAsync(y => y.Year, ct);
            var from = known.Count > 0 ? known.Keys.Min() : await FirstYearWithDataAsync(today, ct);
            var done = new List<int>();
            var figures = 0;
            for (var year = from; year <= today.Year; year++)
            {
                if (known.TryGetValue(year, out var k) && k.Frozen) continue;
                figures += await ComputeAsync(year, today, ct);
                done.Add(year);
                if (!await jobLock.RenewAsync(JobLease.Statistics, holder, options.Value.Lease, ct)) break;
            }
            return new(done, figures);
        }
        finally
        {
            await jobLock.ReleaseAsync(JobLease.Statistics, holder, CancellationToken.None);
        }
    }

    private async Task<int> ComputeAsync(int year, DateOnly today, CancellationToken ct)
    {
        var figures = await StatisticsComputation.ComputeYearAsync(db, year, today, ct);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.StatFigures.Where(f => f.Year == year).ExecuteDeleteAsync(ct);
            db.StatFigures.AddRange(figures);
            var now = clock.GetUtcNow().UtcDateTime;
            var frozen = today > FrozenAfter(year);
            var row = await db.StatYears.SingleOrDefaultAsync(y => y.Year == year, ct);
            if (row is null) db.StatYears.Add(new StatYear(year, now, frozen));
            else row.Computed(now, frozen);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
        });
        return figures.Count;
    }

    private async Task<int> FirstYearWithDataAsync(DateOnly today, CancellationToken ct)
    {
        var years = new List<int?>
        {
            (await db.Interviews.MinAsync(i => (DateOnly?)i.OccurredOn, ct))?.Year,
            (await db.FollowUps.MinAsync(f => (DateOnly?)f.OpenedOn, ct))?.Year,
            (await db.Persons.MinAsync(p => (DateTime?)p.CreatedAt, ct))?.Year,
            await db.StatisticCells.MinAsync(c => (int?)c.Year, ct),
        };
        return years.Where(y => y is not null).Select(y => y!.Value).DefaultIfEmpty(today.Year).Min();
    }
}

/// <summary>Computes the figures every night at <see cref="StatisticsSettings.NightlyAt"/> (Paris time), then their masks.</summary>
public sealed partial class StatisticsNightlyService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<StatisticsSettings> options,
    ILogger<StatisticsNightlyService> logger) : Shared.NightlyJob(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.Nightly;
    protected override TimeOnly At => options.Value.NightlyAt;
    protected override string? LeaseName => null; // the rollup takes JobLease.Statistics itself (also for runs on demand)

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        if (await services.GetRequiredService<StatisticsRollup>().RunAsync(ct) is null) LogSkipped(logger);
        // The masks of the new figures are computed now (seconds at a département's scale), not by the morning's first reader.
        await services.GetRequiredService<StatisticsMaskCache>().GetAsync(services.GetRequiredService<DiscretDbContext>(), ParisTime.Today(clock), ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Statistics skipped: another instance holds the lock.")]
    private static partial void LogSkipped(ILogger logger);
}
