using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Discret.Data;

/// <summary>
/// PostgreSQL keeps the journal in one partition per month of its entries' time, UTC (migration
/// JournalMonthlyPartitions): a month wholly past retention is dropped in one statement, and a search over a period
/// reads only its months. SQLite keeps one table: nothing to do there.
/// </summary>
public static class JournalPartitions
{
    private const string Prefix = "journal_entries_";

    /// <summary>A month's partition: its table and the first instant after it.</summary>
    public sealed record Month(string Table, DateTime Start, DateTime End);

    /// <summary>Makes this month's partition and the next one's when missing (the maintenance job, every minute).</summary>
    public static async Task EnsureAsync(DiscretDbContext db, DateTime utcNow, CancellationToken ct = default)
    {
        if (!db.ChainsPendingEntries) return;
        var month = new DateTime(utcNow.Year, utcNow.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        await db.Database.ExecuteSqlAsync($"SELECT discret_journal_partition({month}), discret_journal_partition({month.AddMonths(1)})", ct);
    }

    /// <summary>The monthly partitions, oldest first (the default partition, which keeps entries of months that have none, is not one).</summary>
    public static async Task<IReadOnlyList<Month>> ListAsync(DiscretDbContext db, CancellationToken ct = default)
    {
        if (!db.ChainsPendingEntries) return [];
        var names = await db.Database.SqlQuery<string>($"""
            SELECT c.relname::text AS "Value" FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'journal_entries'::regclass
            """).ToListAsync(ct);
        var months = new List<Month>();
        foreach (var name in names)
            if (DateTime.TryParseExact(name.AsSpan(Prefix.Length), "yyyy_MM", CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var start))
                months.Add(new Month(name, start, start.AddMonths(1)));
        return months.OrderBy(m => m.Start).ToList();
    }

    /// <summary>
    /// Drops a month whose entries all come at or before <paramref name="upTo"/> in the chain (sealed by the caller
    /// first); the number of entries it held, or null when it was left for the row deletes: an entry after
    /// <paramref name="upTo"/>, or the journal busy beyond a few seconds (dropping waits for the searches in progress).
    /// </summary>
    public static async Task<long?> DropAsync(DiscretDbContext db, Month month, long upTo, CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync("SET LOCAL lock_timeout = '5s'", ct);
            var table = $"\"{month.Table}\"";
            var (count, last) = (await db.Database.SqlQueryRaw<Extent>(
                $"SELECT count(*) AS \"Count\", max(\"Seq\") AS \"Last\" FROM {table}").ToListAsync(ct)).Single();
            if (last > upTo) return null;
            await db.Database.ExecuteSqlRawAsync($"DROP TABLE {table}", ct);
            await transaction.CommitAsync(ct);
            return count;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            return null;
        }
    }

    private sealed record Extent(long Count, long? Last);
}
