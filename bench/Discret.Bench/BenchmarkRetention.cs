using System.Diagnostics;
using System.Globalization;
using System.Text;
using Discret.Data;
using Discret.Domain.Retention;
using System.Data.Common;
using Discret.Web.Features.Conservation;
using Discret.Web.Features.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Discret.Bench;

/// <summary>
/// f) The nightly retention job (issue 8) on a year's worth of data past retention, against a hand-written SQL delete
/// of the same rows. DESTRUCTIVE: the app's job really deletes, so run <c>--scenarios f</c> last, or on a fresh
/// <c>generate</c>. The SQL baseline runs first, in transactions rolled back, so the rows are still there for the app.
/// </summary>
public sealed partial class Benchmark
{
    /// <summary>Selected only when listed explicitly (<c>--scenarios f</c>), never by default: it deletes data.</summary>
    private bool RunsRetention => scenarios?.Split(',').Contains("f") == true;

    /// <summary>The data set's "now" (see <see cref="Generator.Now"/>), moving forward from the moment the bench starts,
    /// so the job's cut-off dates fall where the generator put the expiring data.</summary>
    private sealed class DataSetClock : TimeProvider
    {
        private readonly TimeSpan _offset = Generator.Now - DateTime.UtcNow;
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
    }

    public sealed record RetentionCounts(long Persons, long FollowUps, long Interviews, long Members, long Households, long Other)
    {
        public long Total => Persons + FollowUps + Interviews + Members + Households + Other;
    }

    private async Task<string> RetentionAsync(NpgsqlConnection conn)
    {
        var today = Generator.Today;
        var cutoff = today.AddDays(-Generator.RetentionDays);
        await Generator.Exec(conn, "ANALYZE", timeout: 0);
        var before = await CountAllAsync(conn);
        Console.WriteLine($"f) retention job at {today:yyyy-MM-dd} (cut-off {cutoff:yyyy-MM-dd}): {before.Persons:N0} persons, {before.FollowUps:N0} follow-ups, {before.Interviews:N0} interviews, {before.Households:N0} households");

        // Baseline: the hand-written delete, twice (warm-up, then timed), each rolled back.
        var (warm, _) = await SqlRetentionDeleteAsync(today, cutoff);
        Console.WriteLine($"f) plain SQL delete, warm-up (rolled back): {warm.TotalSeconds:F1} s");
        var (sqlTime, sql) = await SqlRetentionDeleteAsync(today, cutoff);
        Console.WriteLine($"f) plain SQL delete, timed (rolled back): {sqlTime.TotalSeconds:F1} s — {sql.Persons:N0} persons, {sql.FollowUps:N0} follow-ups, "
            + $"{sql.Interviews:N0} interviews, {sql.Members:N0} team rows, {sql.Households:N0} households, {sql.Other:N0} other rows; {sql.Total:N0} rows");

        // The app: run #1 plans and marks, the archives service's visa, run #2 deletes the approved batch.
        var clock = new DataSetClock();
        var timer = new StatementTimer();
        await using var services = EngineServices(clock, timer);
        await using (var scope = services.CreateAsyncScope()) // EF's model, built once per process (an app pays it at start-up)
            await scope.ServiceProvider.GetRequiredService<DiscretDbContext>().EliminationBatches.AnyAsync();
        timer.Top(0);
        var sw = Stopwatch.StartNew();
        var run1 = await RunEngineAsync(services);
        var t1 = sw.Elapsed;
        Console.WriteLine($"f) app run #1 (plan + mark): {t1.TotalSeconds:F1} s, outcome {run1?.Outcome}");
        await PrintRunAsync(run1);
        var top1 = timer.Top(12);
        Console.WriteLine(top1);

        int batches;
        await using (var db = new PostgresDiscretDbContext(_options))
        {
            var dpo = await Generator.Scalar<Guid>(conn, "SELECT \"Id\" FROM staff_accounts ORDER BY \"Id\" LIMIT 1");
            var open = await db.EliminationBatches.Where(b => b.Status == BatchStatus.EnPreparation).ToListAsync();
            foreach (var b in open)
            {
                b.Submit("[]", dpo, clock.GetUtcNow().UtcDateTime);
                b.Approve(today, $"Visa bench {b.Number}", dpo);
            }
            await db.SaveChangesAsync();
            batches = open.Count;
            Console.WriteLine($"f) {batches} batch(es) submitted and approved: {string.Join(", ", open.Select(b => b.Number))}");
        }

        sw.Restart();
        var run2 = await RunEngineAsync(services);
        var t2 = sw.Elapsed;
        Console.WriteLine($"f) app run #2 (delete): {t2.TotalSeconds:F1} s, outcome {run2?.Outcome}");
        await PrintRunAsync(run2);
        var top2 = timer.Top(12);
        Console.WriteLine(top2);

        var after = await CountAllAsync(conn);
        var gone = new RetentionCounts(before.Persons - after.Persons, before.FollowUps - after.FollowUps, before.Interviews - after.Interviews,
            before.Members - after.Members, before.Households - after.Households, 0);
        var cells = await Generator.Scalar<long>(conn, "SELECT count(*) FROM statistic_cells");
        var same = gone.Persons == sql.Persons && gone.FollowUps == sql.FollowUps && gone.Interviews == sql.Interviews && gone.Households == sql.Households;
        Verdict($"f) gone after the job: {gone.Persons:N0} persons, {gone.FollowUps:N0} follow-ups, {gone.Interviews:N0} interviews, {gone.Members:N0} team rows, "
            + $"{gone.Households:N0} households; {cells:N0} statistic cells — {(same ? "same as" : "DIFFERENT FROM")} the SQL baseline", same);

        var job = t1 + t2;
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"## f) retention job — {before.Persons:N0} persons, {before.Interviews:N0} interviews, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Data set day {today:yyyy-MM-dd}, cut-off {cutoff:yyyy-MM-dd} (730 days). PostgreSQL {await Generator.Scalar<string>(conn, "SHOW server_version")}, "
            + $"fsync {await Generator.Scalar<string>(conn, "SHOW fsync")}, synchronous_commit {await Generator.Scalar<string>(conn, "SHOW synchronous_commit")}, "
            + $"wal_level {await Generator.Scalar<string>(conn, "SHOW wal_level")}, shared_buffers {await Generator.Scalar<string>(conn, "SHOW shared_buffers")}.");
        s.AppendLine();
        s.AppendLine("| Rows | plain SQL (rolled back) | app job (deleted) |");
        s.AppendLine("|---|--:|--:|");
        s.AppendLine(CultureInfo.InvariantCulture, $"| persons | {sql.Persons:N0} | {gone.Persons:N0} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| follow-ups | {sql.FollowUps:N0} | {gone.FollowUps:N0} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| interviews | {sql.Interviews:N0} | {gone.Interviews:N0} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| follow-up team rows | {sql.Members:N0} | {gone.Members:N0} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| households left empty | {sql.Households:N0} | {gone.Households:N0} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| other rows (notes, information, consents, holds…) | {sql.Other:N0} | — |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| **total** | {sql.Total:N0} | {gone.Total:N0} |");
        s.AppendLine();
        s.AppendLine("| Step | seconds | rows/s | ratio to SQL |");
        s.AppendLine("|---|--:|--:|--:|");
        s.AppendLine(CultureInfo.InvariantCulture, $"| plain SQL delete, warm-up (rolled back) | {warm.TotalSeconds:F1} | {sql.Total / warm.TotalSeconds:N0} | |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| plain SQL delete, timed (rolled back) — baseline | {sqlTime.TotalSeconds:F1} | {sql.Total / sqlTime.TotalSeconds:N0} | 1 |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| app run #1: dry-run report + mark ({batches} batch) | {t1.TotalSeconds:F1} | | {t1 / sqlTime:F2}× |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| app run #2: statistics + delete the approved batch | {t2.TotalSeconds:F1} | {gone.Total / t2.TotalSeconds:N0} | {t2 / sqlTime:F2}× |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| **app job total (#1 + #2)** | **{job.TotalSeconds:F1}** | {gone.Total / job.TotalSeconds:N0} | **{job / sqlTime:F2}×** |");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Goal: job < 15 min — {(job.TotalMinutes < 15 ? "met" : "**not met**")} ({job.TotalMinutes:F1} min); within 3× of the SQL delete — "
            + $"{(job / sqlTime <= 3 ? "met" : "**not met**")} ({job / sqlTime:F2}×). Same persons / follow-ups / interviews / households gone as the SQL counted: {(same ? "yes" : "**no**")}. "
            + $"{cells:N0} anonymous statistic cells kept.");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Run #1 planned: {run1?.PlannedJson}");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Run #1 done: {run1?.DoneJson}");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Run #2 done: {run2?.DoneJson}");
        s.AppendLine();
        s.AppendLine("### Where run #1 spends its time (app statements, server + round trip)");
        s.AppendLine();
        s.AppendLine(top1);
        s.AppendLine("### Where run #2 spends its time");
        s.AppendLine();
        s.AppendLine(top2);
        s.AppendLine("### Plain SQL, statement by statement (timed run)");
        s.AppendLine();
        s.AppendLine(_sqlSteps.ToString());
        return s.ToString();
    }

    /// <summary>
    /// The app's engine from a service collection that mirrors the app's registrations (its modules): the engine's own
    /// (<see cref="ConservationModule.AddServices"/>, default settings: chunks of 2,000 files), the journal, the retention
    /// settings in force, the DbContext (with the statement timer) and the data set's clock. One scope per run, as the
    /// nightly service does.
    /// </summary>
    private ServiceProvider EngineServices(TimeProvider clock, StatementTimer timer)
    {
        var services = new ServiceCollection();
        var config = new ConfigurationBuilder().Build();
        // The app's context has Npgsql's default command timeout (30 s); since 1bbab01 the engine sets its own
        // (RetentionJobSettings.CommandTimeout, 15 min). The 2026-11-25 runs predate it and lifted it here instead.
        var options = new DbContextOptionsBuilder<PostgresDiscretDbContext>(_options).AddInterceptors(timer).Options;
        services.AddSingleton(clock);
        services.AddScoped<DiscretDbContext>(_ => new PostgresDiscretDbContext(options));
        services.AddHttpContextAccessor();
        services.AddScoped<AccessJournal>();
        services.Configure<JournalSettings>(config.GetSection("Discret:Journal"));
        services.Configure<Discret.Web.Features.Accompagnements.WorkingNotesSettings>(config.GetSection("Discret:WorkingNotes"));
        new ConservationModule().AddServices(services, config);
        return services.BuildServiceProvider();
    }

    private static async Task<RetentionRun?> RunEngineAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionEngine>().RunAsync(RunTrigger.Nuit, simulation: false);
    }

    /// <summary>Sums the server time of the app's statements by statement (first 160 characters), to show where a run spends it.</summary>
    private sealed class StatementTimer : DbCommandInterceptor
    {
        private readonly Dictionary<string, (int Count, double Ms, long Rows)> _byStatement = [];

        private void Add(DbCommand command, TimeSpan duration, long rows)
        {
            var text = string.Join(' ', command.CommandText.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
            var key = text.Length > 160 ? text[..160] : text;
            lock (_byStatement)
            {
                _byStatement.TryGetValue(key, out var v);
                _byStatement[key] = (v.Count + 1, v.Ms + duration.TotalMilliseconds, v.Rows + Math.Max(0, rows));
            }
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        { Add(command, eventData.Duration, -1); return ValueTask.FromResult(result); }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        { Add(command, eventData.Duration, result); return ValueTask.FromResult(result); }

        public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
        { Add(command, eventData.Duration, -1); return ValueTask.FromResult(result); }

        /// <summary>The statements that took the most time since the last call, then resets.</summary>
        public string Top(int n)
        {
            lock (_byStatement)
            {
                var total = _byStatement.Values.Sum(v => v.Ms);
                var s = new StringBuilder();
                s.AppendLine(CultureInfo.InvariantCulture, $"statements: {_byStatement.Values.Sum(v => v.Count):N0} executions, {total / 1000:F1} s in all (time to the first row for readers)");
                s.AppendLine();
                s.AppendLine("| s | × | rows | statement (start) |");
                s.AppendLine("|--:|--:|--:|---|");
                foreach (var (k, v) in _byStatement.OrderByDescending(x => x.Value.Ms).Take(n))
                    s.AppendLine(CultureInfo.InvariantCulture, $"| {v.Ms / 1000:F1} | {v.Count:N0} | {(v.Rows > 0 ? v.Rows.ToString("N0", CultureInfo.InvariantCulture) : "")} | `{k.Replace("|", "\\|")}` |");
                _byStatement.Clear();
                return s.ToString();
            }
        }
    }

    private static async Task PrintRunAsync(RetentionRun? run)
    {
        if (run is null) { Console.WriteLine("   (no run: the lease is held)"); return; }
        Console.WriteLine($"   planned: {run.PlannedJson}");
        Console.WriteLine($"   done:    {run.DoneJson}");
        await Task.CompletedTask;
    }

    private static async Task<RetentionCounts> CountAllAsync(NpgsqlConnection conn)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM persons), (SELECT count(*) FROM follow_ups), (SELECT count(*) FROM interviews),
                   (SELECT count(*) FROM follow_up_members), (SELECT count(*) FROM households)
            """, conn) { CommandTimeout = 0 };
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return new RetentionCounts(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), 0);
    }

    /// <summary>
    /// The hand-written delete of what the job deletes, in one transaction rolled back at the end: the persons past
    /// retention (last contact before the cut-off, no open follow-up, not archived, no legal hold in force) with
    /// everything that hangs off them, the households left empty, and the closed follow-ups past retention of the
    /// other persons (closed before the cut-off, no hold in force). Children first, set-based (the cascades then find
    /// nothing left to delete, but still check).
    /// </summary>
    private readonly StringBuilder _sqlSteps = new();

    private async Task<(TimeSpan Elapsed, RetentionCounts Rows)> SqlRetentionDeleteAsync(DateOnly today, DateOnly cutoff)
    {
        await using var conn = await _ds.OpenConnectionAsync();
        var steps = _sqlSteps.Clear().AppendLine("| s | rows | statement (start) |").AppendLine("|--:|--:|---|");
        var sw = Stopwatch.StartNew();
        await using var tx = await conn.BeginTransactionAsync();
        async Task<long> Run(string sql)
        {
            await using var cmd = new NpgsqlCommand(sql, conn, tx) { CommandTimeout = 0 };
            cmd.Parameters.AddWithValue("c", cutoff);
            cmd.Parameters.AddWithValue("today", today);
            var step = Stopwatch.StartNew();
            var n = await cmd.ExecuteNonQueryAsync();
            var line = $"| {step.Elapsed.TotalSeconds:F1} | {(n >= 0 ? n.ToString("N0", CultureInfo.InvariantCulture) : "")} | `{sql.Split('\n')[0].Trim()}` |";
            steps.AppendLine(line);
            if (logSql) Console.WriteLine("   " + line);
            return n;
        }
        const string hold = """h."LiftedOn" IS NULL AND h."From" <= @today AND h."Until" >= @today""";
        await Run($"""
            CREATE TEMP TABLE doomed_persons ON COMMIT DROP AS
            SELECT p."Id", p."HouseholdId" FROM persons p
            WHERE p."ArchivedOn" IS NULL AND p."LastContactOn" < @c
              AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f."PersonId" = p."Id" AND f."Status" = 'Ouvert')
              AND NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h."PersonId" = p."Id" AND {hold})
            """);
        await Run("""ANALYZE doomed_persons""");
        await Run($"""
            CREATE TEMP TABLE doomed_follow_ups ON COMMIT DROP AS
            SELECT f."Id" FROM follow_ups f JOIN doomed_persons d ON d."Id" = f."PersonId"
            UNION ALL
            SELECT f."Id" FROM follow_ups f
            WHERE f."Status" = 'Clos' AND f."ClosedOn" < @c
              AND NOT EXISTS (SELECT 1 FROM doomed_persons d WHERE d."Id" = f."PersonId")
              AND NOT EXISTS (SELECT 1 FROM legal_holds h WHERE h."PersonId" = f."PersonId" AND {hold})
            """);
        await Run("""ANALYZE doomed_follow_ups""");
        var interviews = await Run("""DELETE FROM interviews i USING doomed_follow_ups d WHERE i."FollowUpId" = d."Id" """);
        var members = await Run("""DELETE FROM follow_up_members m USING doomed_follow_ups d WHERE m."FollowUpId" = d."Id" """);
        var other = await Run("""DELETE FROM working_notes w USING doomed_follow_ups d WHERE w."FollowUpId" = d."Id" """);
        var followUps = await Run("""DELETE FROM follow_ups f USING doomed_follow_ups d WHERE f."Id" = d."Id" """);
        foreach (var table in new[] { "sharings", "sharing_consents", "information_records", "fact_disclosures", "break_glass_accesses", "notifications", "legal_holds" })
            other += await Run($"""DELETE FROM {table} x USING doomed_persons d WHERE x."PersonId" = d."Id" """);
        var persons = await Run("""DELETE FROM persons p USING doomed_persons d WHERE p."Id" = d."Id" """);
        var households = await Run("""
            DELETE FROM households h USING (SELECT DISTINCT "HouseholdId" FROM doomed_persons WHERE "HouseholdId" IS NOT NULL) d
            WHERE h."Id" = d."HouseholdId" AND NOT EXISTS (SELECT 1 FROM persons p WHERE p."HouseholdId" = h."Id")
            """);
        var elapsed = sw.Elapsed;
        await tx.RollbackAsync();
        return (elapsed, new RetentionCounts(persons, followUps, interviews, members, households, other));
    }
}
