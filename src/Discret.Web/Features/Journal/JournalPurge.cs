using Discret.Data;
using Discret.Domain.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Discret.Web.Features.Journal;

/// <summary>
/// Deletes the entries older than the retention period. The last entry deleted is sealed into an anchor first, so the
/// first entry kept still links to a sealed point and the chain stays verifiable. On PostgreSQL a month wholly past
/// retention is dropped at once (<see cref="JournalPartitions"/>); the rest goes by real DELETEs, as on SQLite.
/// </summary>
public sealed class JournalPurge(DiscretDbContext db, JournalAnchors anchors, AccessJournal journal, IOptions<JournalSettings> settings, TimeProvider clock)
{
    private const int Batch = 10_000;

    /// <returns>How many entries were deleted.</returns>
    public async Task<long> RunAsync(CancellationToken ct = default)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - settings.Value.Retention;
        // The DPO's spot checks judge workers' accesses: they go with the journal's retention (StaffRetention.DureeDuJournal),
        // the whole check once drawn before the cut-off, and any item judging an entry that goes now.
        await db.SpotChecks.Where(c => c.DrawnAt < cutoff).ExecuteDeleteAsync(ct);
        var lastOld = await db.JournalEntries.Where(e => e.At < cutoff).MaxAsync(e => (long?)e.Seq, ct);
        if (lastOld is not { } upTo) return 0;
        await db.SpotCheckItems.Where(i => i.JournalSeq <= upTo).ExecuteDeleteAsync(ct);
        var sealedPoint = await db.JournalEntries.AsNoTracking().Where(e => e.Seq == upTo).Select(e => e.Hash).SingleAsync(ct);
        anchors.Seal(upTo, sealedPoint); // before anything is deleted: without the anchor, nothing goes

        long deleted = 0;
        foreach (var month in await JournalPartitions.ListAsync(db, ct))
            if (month.End <= cutoff && await JournalPartitions.DropAsync(db, month, upTo, ct) is { } dropped)
                deleted += dropped;

        var first = await db.JournalEntries.MinAsync(e => (long?)e.Seq, ct) ?? upTo + 1;
        for (var from = first; from <= upTo; from += Batch)
        {
            var to = Math.Min(from + Batch - 1, upTo);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (db.Database.IsNpgsql())
                // The append-only trigger lets rows go only inside this transaction (README, "Journal").
                await db.Database.ExecuteSqlRawAsync("SET LOCAL discret.journal_purge = 'on'", ct);
            var low = from;
            deleted += await db.JournalEntries.Where(e => e.Seq >= low && e.Seq <= to).ExecuteDeleteAsync(ct);
            await transaction.CommitAsync(ct);
        }
        await journal.WriteAsync(JournalAction.PurgeJournal, detail: $"{deleted} entrées supprimées, jusqu'au n° {upTo}", ct: ct);
        return deleted;
    }
}

/// <summary>
/// Witnesses the head of the chain every minute when the journal grew, makes the journal's partitions of this month and
/// the next (PostgreSQL), seals a lasting anchor every hour, and runs the retention purge (when <see cref="JournalSettings.PurgeInProcess"/>).
/// </summary>
public sealed class JournalMaintenanceService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JournalSettings> settings,
    ILogger<JournalMaintenanceService> logger) : Discret.Web.Shared.PeriodicJob(scopes, clock, logger)
{
    // On the clock, not counted in beats: a jump of the clock is one witness and one seal, and each still comes when due.
    private DateTimeOffset _sealDue = clock.GetUtcNow() + settings.Value.SealInterval;
    private DateTimeOffset _purgeDue = clock.GetUtcNow() + settings.Value.PurgeInterval;

    /// <summary>The beat is the witness's (a minute): the head row is read, and the witness rewritten only when the journal grew.</summary>
    protected override TimeSpan Interval => settings.Value.WitnessInterval;
    protected override string? LeaseName => Discret.Domain.Retention.JobLease.Journal;

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var anchors = services.GetRequiredService<JournalAnchors>();
        await anchors.WitnessHeadAsync(ct);
        var now = clock.GetUtcNow();
        if (now >= _sealDue)
        {
            _sealDue = NextDue(_sealDue, now, settings.Value.SealInterval);
            await anchors.SealAsync(ct);
        }
        await JournalPartitions.EnsureAsync(services.GetRequiredService<DiscretDbContext>(), now.UtcDateTime, ct);
        if (!settings.Value.PurgeInProcess || now < _purgeDue) return;
        _purgeDue = NextDue(_purgeDue, now, settings.Value.PurgeInterval);
        var deleted = await services.GetRequiredService<JournalPurge>().RunAsync(ct);
        if (deleted > 0) logger.LogInformation("Journal entries past retention deleted: {Count}", deleted);
    }
}
