using Discret.Data;
using Discret.Domain.Persons;
using Discret.Domain.Rights;
using Discret.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Discret.Web.Features.Conservation;

/// <summary>
/// Deletes persons' files for real: rows are deleted, not flagged. The person row takes with it, by the database's
/// cascades, its follow-ups (and their team, interviews and working notes), information records, facts brought to
/// knowledge, consents (and their sharings), break-glass accesses, notifications and legal holds; the search keys are
/// columns of the person row and go with it; a household goes once no one is left in it. Rights requests stay (their
/// own rule: evidence of the answer) and name the file by opaque id only, as the journal does. The caller owns the
/// transaction: the retention job deletes a chunk of persons per transaction, an erasure one person; once committed,
/// the caller makes the deletion reach the disk (<see cref="ReachDiskAsync"/>) before it reports it done.
/// </summary>
[AcrossFiles("deletes files for the retention job and an erasure, which reach them without a view")]
public static partial class PersonDeletion
{
    /// <summary>Checkpoint attempts before a busy WAL is reported (each waits twice as long as the one before, from 50 ms).</summary>
    public const int CheckpointAttempts = 6;

    /// <summary>
    /// Makes committed deletions reach the disk, outside any transaction. <b>SQLite</b>: <c>secure_delete</c> (on for every
    /// connection, <see cref="SqliteSecureDelete"/>) zeroes the deleted rows in the pages it writes, but the write-ahead log
    /// (<c>-wal</c> file) still holds the earlier images of those pages — names, notes, interviews — until a checkpoint
    /// copies the pages back and the log is cut: <c>PRAGMA wal_checkpoint(TRUNCATE)</c>, retried while readers hold an
    /// older snapshot (<c>busy</c>), then reported (false, and a warning in the log; the next deletion or retention run
    /// tries again). <b>PostgreSQL</b>, when <paramref name="vacuum"/> (the retention job; README « Production »):
    /// <c>VACUUM (ANALYZE)</c> on <see cref="Tables"/>, which makes the dead rows' space reusable at once instead of
    /// whenever autovacuum comes — it does not zero it on disk, <c>VACUUM FULL</c> would rewrite the tables. VACUUM
    /// cannot run in a transaction block: one statement on its own. Without ownership of the tables (the application's
    /// restricted role) PostgreSQL skips them with a warning, and autovacuum does the work.
    /// </summary>
    /// <returns>False when the SQLite log could not be cut (readers kept it busy after every attempt).</returns>
    public static async Task<bool> ReachDiskAsync(DiscretDbContext db, ILogger logger, bool vacuum, CancellationToken ct = default)
    {
        if (db.Database.IsSqlite())
        {
            // secure_delete zeroes a deleted row where it lies, but a b-tree balance can leave an older copy of a cell in
            // a page's unused space (seen in person_name_words): VACUUM rewrites every page from the live rows only.
            try
            {
                await db.Database.ExecuteSqlRawAsync("VACUUM;", ct);
            }
            catch (Microsoft.Data.Sqlite.SqliteException e)
            {
                LogVacuumFailed(logger, e.SqliteErrorCode);
            }
            for (var attempt = 1; ; attempt++)
            {
                if (await CheckpointAsync(db, ct)) return true;
                if (attempt == CheckpointAttempts)
                {
                    LogCheckpointBusy(logger, attempt);
                    return false;
                }
                // Real time, not the injected clock: a pause for readers to finish, not a date of the domain.
                await Task.Delay(TimeSpan.FromMilliseconds(50 << (attempt - 1)), ct);
            }
        }
        if (vacuum && db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE) " + string.Join(", ", Tables(db).Select(t => $"\"{t}\"")), ct);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SQLite VACUUM after a deletion failed (error {Code}); the next deletion or retention run tries again.")]
    private static partial void LogVacuumFailed(ILogger logger, int code);

    /// <summary>One <c>wal_checkpoint(TRUNCATE)</c>: true when every frame went back to the database and the log was cut.</summary>
    private static async Task<bool> CheckpointAsync(DiscretDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            await using var reader = await command.ExecuteReaderAsync(ct);
            // One row: busy (1 when readers or writers kept it from completing), frames in the log, frames checkpointed.
            return await reader.ReadAsync(ct) && reader.GetInt64(0) == 0;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The tables a deletion takes rows from, read from the model: the persons, every table their deletion cascades to
    /// (follow-ups and their teams, interviews, notes, consents…), the households, and the rights requests the retention
    /// job deletes on their own rule.
    /// </summary>
    public static IReadOnlyList<string> Tables(DiscretDbContext db)
    {
        var found = new List<IEntityType>();
        void Walk(IEntityType type)
        {
            if (found.Contains(type)) return;
            found.Add(type);
            foreach (var key in type.GetReferencingForeignKeys().Where(k => k.DeleteBehavior == DeleteBehavior.Cascade)) Walk(key.DeclaringEntityType);
        }
        Walk(db.Model.FindEntityType(typeof(Person))!);
        Walk(db.Model.FindEntityType(typeof(Household))!);
        Walk(db.Model.FindEntityType(typeof(RightsRequest))!);
        return found.Select(t => t.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleted data may remain in the SQLite write-ahead log: the checkpoint stayed busy after {Attempts} attempts; the next deletion or retention run tries again.")]
    private static partial void LogCheckpointBusy(ILogger logger, int attempts);

    /// <returns>How many persons were deleted.</returns>
    public static async Task<int> DeleteAsync(DiscretDbContext db, IReadOnlyCollection<Guid> personIds, CancellationToken ct = default)
    {
        if (personIds.Count == 0) return 0;
        var ids = personIds.ToList();
        var householdIds = await db.Persons.Where(p => ids.Contains(p.Id)).Select(p => p.HouseholdId).Distinct().ToListAsync(ct);
        // Sharings name the person themselves; the cascade from the consent would take them too, said here for clarity.
        await db.Sharings.Where(s => ids.Contains(s.PersonId)).ExecuteDeleteAsync(ct);
        var deleted = await db.Persons.Where(p => ids.Contains(p.Id)).ExecuteDeleteAsync(ct);
        await db.Households.Where(h => householdIds.Contains(h.Id) && !db.Persons.Any(p => p.HouseholdId == h.Id)).ExecuteDeleteAsync(ct);
        return deleted;
    }
}
