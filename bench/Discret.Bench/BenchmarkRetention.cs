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
/// of the same rows. Each side works on its own fresh copy of the data set (<c>CREATE DATABASE … TEMPLATE</c>, so both
/// start from the same cold cache and both commit what they delete), the order alternates from one repetition to the
/// next, and the rows left by each are compared by content (digests of the ids left in every table concerned): a job
/// that deletes other rows than the baseline fails the run. The data set itself is never changed.
/// </summary>
public sealed partial class Benchmark
{
    /// <summary>Selected only when listed explicitly (<c>--scenarios f</c>), never by default: it copies the whole data set.</summary>
    private bool RunsRetention => scenarios?.Split(',').Contains("f") == true;

    /// <summary>How many times each side runs (<c>--f-repeats</c>); the report gives every run and the medians.</summary>
    public int RetentionRepeats { get; init; } = 3;

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

    private sealed record SqlRun(TimeSpan Elapsed, RetentionCounts Rows, string Left, string Steps);

    private sealed record AppRun(TimeSpan Plan, TimeSpan Delete, RetentionCounts Gone, string Left, long Cells, int Batches, RetentionRun? Run1, RetentionRun? Run2,
        string Top1, string Top2)
    {
        public TimeSpan Total => Plan + Delete;
    }

    private async Task<string> RetentionAsync()
    {
        var today = Generator.Today;
        var cutoff = today.AddDays(-Generator.RetentionDays);
        var source = new NpgsqlConnectionStringBuilder(connectionString);
        RetentionCounts before;
        string server;
        await using (var conn = await _ds.OpenConnectionAsync())
        {
            await Generator.Exec(conn, "ANALYZE", timeout: 0);
            before = await CountAllAsync(conn);
            server = $"PostgreSQL {await Generator.Scalar<string>(conn, "SHOW server_version")}, fsync {await Generator.Scalar<string>(conn, "SHOW fsync")}, "
                + $"synchronous_commit {await Generator.Scalar<string>(conn, "SHOW synchronous_commit")}, wal_level {await Generator.Scalar<string>(conn, "SHOW wal_level")}, "
                + $"shared_buffers {await Generator.Scalar<string>(conn, "SHOW shared_buffers")}";
        }
        Console.WriteLine($"f) retention job at {today:yyyy-MM-dd} (cut-off {cutoff:yyyy-MM-dd}): {before.Persons:N0} persons, {before.FollowUps:N0} follow-ups, {before.Interviews:N0} interviews, {before.Households:N0} households; {RetentionRepeats} run(s) of each side");

        var sqlRuns = new List<SqlRun>();
        var appRuns = new List<AppRun>();
        var checks = new List<string>();
        for (var i = 0; i < RetentionRepeats; i++)
        {
            // Alternate which side goes first, so that neither always finds the machine's file cache warmed by the other.
            foreach (var sqlFirst in i % 2 == 0 ? new[] { true, false } : [false, true])
            {
                var copy = await CopyDataSetAsync(source, sqlFirst ? "f_sql" : "f_app");
                try
                {
                    if (sqlFirst)
                    {
                        var run = await SqlRetentionDeleteAsync(copy, today, cutoff);
                        sqlRuns.Add(run);
                        Console.WriteLine($"f) #{i + 1} plain SQL delete (committed): {run.Elapsed.TotalSeconds:F1} s, {run.Rows.Total:N0} rows");
                    }
                    else
                    {
                        var run = await AppRetentionAsync(copy, before, today);
                        appRuns.Add(run);
                        Console.WriteLine($"f) #{i + 1} app job: plan {run.Plan.TotalSeconds:F1} s + delete {run.Delete.TotalSeconds:F1} s, {run.Gone.Total:N0} rows, outcome {run.Run2?.Outcome}");
                    }
                }
                finally { await DropCopyAsync(source, copy); }
            }
            var (sql, app) = (sqlRuns[^1], appRuns[^1]);
            var sameCounts = app.Gone.Persons == sql.Rows.Persons && app.Gone.FollowUps == sql.Rows.FollowUps && app.Gone.Interviews == sql.Rows.Interviews
                && app.Gone.Members == sql.Rows.Members && app.Gone.Households == sql.Rows.Households;
            checks.Add(Verdict($"f) #{i + 1} the job deleted {app.Gone.Persons:N0} persons, {app.Gone.FollowUps:N0} follow-ups, {app.Gone.Interviews:N0} interviews, "
                + $"{app.Gone.Members:N0} team rows, {app.Gone.Households:N0} households — {(sameCounts ? "the same counts as" : "OTHER COUNTS THAN")} the SQL baseline", sameCounts));
            checks.Add(Verdict($"f) #{i + 1} the rows left after the job {(app.Left == sql.Left ? "are the same" : "ARE NOT THE SAME")} as after the SQL delete (ids of persons, "
                + "follow-ups, interviews, team rows, households, notes, information, consents, sharings, holds compared)", app.Left == sql.Left));
        }

        static TimeSpan Median(IEnumerable<TimeSpan> xs) { var o = xs.Order().ToList(); return o.Count % 2 == 1 ? o[o.Count / 2] : (o[o.Count / 2 - 1] + o[o.Count / 2]) / 2; }
        var sqlMedian = Median(sqlRuns.Select(r => r.Elapsed));
        var planMedian = Median(appRuns.Select(r => r.Plan));
        var deleteMedian = Median(appRuns.Select(r => r.Delete));
        var jobMedian = Median(appRuns.Select(r => r.Total));
        var first = appRuns[0];
        var rows = sqlRuns[0].Rows;

        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"## f) retention job — {before.Persons:N0} persons, {before.Interviews:N0} interviews, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Data set day {today:yyyy-MM-dd}, cut-off {cutoff:yyyy-MM-dd} (730 days). {server}.");
        s.AppendLine($"Each side ran {RetentionRepeats} times, each time on a fresh copy of the data set (`CREATE DATABASE … TEMPLATE … STRATEGY FILE_COPY`: "
            + "same cold shared buffers, the copy's files just written), committing what it deleted; the order alternated. The rows left were compared by content every time.");
        s.AppendLine();
        s.AppendLine("| Rows | plain SQL (committed) | app job |");
        s.AppendLine("|---|--:|--:|");
        s.AppendLine(CultureInfo.InvariantCulture, $"| persons | {rows.Persons:N0} | {first.Gone.Persons:N0} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| follow-ups | {rows.FollowUps:N0} | {first.Gone.FollowUps:N0} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| interviews | {rows.Interviews:N0} | {first.Gone.Interviews:N0} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| follow-up team rows | {rows.Members:N0} | {first.Gone.Members:N0} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| households left empty | {rows.Households:N0} | {first.Gone.Households:N0} |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| other rows (notes, information, consents, holds…) | {rows.Other:N0} | (compared by the ids left) |");
        s.AppendLine();
        s.AppendLine("| Run | plain SQL s | app plan + mark s | app statistics + delete s | app total s | ratio |");
        s.AppendLine("|---|--:|--:|--:|--:|--:|");
        for (var i = 0; i < RetentionRepeats; i++)
            s.AppendLine(CultureInfo.InvariantCulture, $"| #{i + 1} ({(i % 2 == 0 ? "SQL first" : "app first")}) | {sqlRuns[i].Elapsed.TotalSeconds:F1} | {appRuns[i].Plan.TotalSeconds:F1} | "
                + $"{appRuns[i].Delete.TotalSeconds:F1} | {appRuns[i].Total.TotalSeconds:F1} | {appRuns[i].Total / sqlRuns[i].Elapsed:F2}× |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| **median** | **{sqlMedian.TotalSeconds:F1}** | {planMedian.TotalSeconds:F1} | {deleteMedian.TotalSeconds:F1} | **{jobMedian.TotalSeconds:F1}** | **{jobMedian / sqlMedian:F2}×** |");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Goal: job < 15 min — {(jobMedian.TotalMinutes < 15 ? "met" : "**not met**")} ({jobMedian.TotalMinutes:F1} min); within 3× of the SQL delete — "
            + $"{(jobMedian / sqlMedian <= 3 ? "met" : "**not met**")} ({jobMedian / sqlMedian:F2}×, medians). The job also writes {first.Cells:N0} anonymous statistic cells, "
            + $"its elimination batch ({first.Batches}) and its journal entries, which the SQL baseline does not.");
        s.AppendLine();
        foreach (var c in checks) s.AppendLine("- " + c);
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Run #1 planned: {first.Run1?.PlannedJson}");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Run #1 done: {first.Run1?.DoneJson}");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Run #2 done: {first.Run2?.DoneJson}");
        s.AppendLine();
        s.AppendLine("### Where the job's plan (run #1 of the first repetition) spends its time (app statements, server + round trip)");
        s.AppendLine();
        s.AppendLine(first.Top1);
        s.AppendLine("### Where its delete (run #2) spends its time");
        s.AppendLine();
        s.AppendLine(first.Top2);
        s.AppendLine("### Plain SQL, statement by statement (first repetition)");
        s.AppendLine();
        s.AppendLine(sqlRuns[0].Steps);
        return s.ToString();
    }

    /// <summary>A fresh copy of the data set, named after it; its connection string. No session may be on the data set
    /// while PostgreSQL copies it: the bench's own idle connections are closed first.</summary>
    private async Task<string> CopyDataSetAsync(NpgsqlConnectionStringBuilder source, string suffix)
    {
        _ds.Clear();
        _serialDs.Clear();
        var name = $"{source.Database}_{suffix}";
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(source.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await admin.OpenAsync();
            await Generator.Exec(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", timeout: 0);
            await Generator.Exec(admin, $"CREATE DATABASE \"{name}\" TEMPLATE \"{source.Database}\" STRATEGY FILE_COPY", timeout: 0);
        }
        return new NpgsqlConnectionStringBuilder(source.ConnectionString) { Database = name }.ConnectionString;
    }

    private static async Task DropCopyAsync(NpgsqlConnectionStringBuilder source, string copy)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(source.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await Generator.Exec(admin, $"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(copy).Database}\" WITH (FORCE)", timeout: 0);
    }

    /// <summary>The app's job on a copy: run #1 plans and marks, the archives service's visa, run #2 deletes the approved batch.</summary>
    private async Task<AppRun> AppRetentionAsync(string copy, RetentionCounts before, DateOnly today)
    {
        var clock = new DataSetClock();
        var timer = new StatementTimer();
        var options = Options(copy, logSql);
        await using var services = EngineServices(options, clock, timer);
        await using (var scope = services.CreateAsyncScope()) // EF's model, built once per process (an app pays it at start-up)
            await scope.ServiceProvider.GetRequiredService<DiscretDbContext>().EliminationBatches.AnyAsync();
        timer.Top(0);
        var sw = Stopwatch.StartNew();
        var run1 = await RunEngineAsync(services);
        var plan = sw.Elapsed;
        await PrintRunAsync(run1);
        var top1 = timer.Top(12);

        int batches;
        await using (var db = new PostgresDiscretDbContext(options))
        {
            var dpo = await db.Users.OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
            var open = await db.EliminationBatches.Where(b => b.Status == BatchStatus.EnPreparation).ToListAsync();
            foreach (var b in open)
            {
                b.Submit("[]", dpo, clock.GetUtcNow().UtcDateTime);
                b.Approve(today, $"Visa bench {b.Number}", dpo);
            }
            await db.SaveChangesAsync();
            batches = open.Count;
        }

        sw.Restart();
        var run2 = await RunEngineAsync(services);
        var delete = sw.Elapsed;
        await PrintRunAsync(run2);
        var top2 = timer.Top(12);

        await using var conn = new NpgsqlConnection(copy);
        await conn.OpenAsync();
        var after = await CountAllAsync(conn);
        var gone = new RetentionCounts(before.Persons - after.Persons, before.FollowUps - after.FollowUps, before.Interviews - after.Interviews,
            before.Members - after.Members, before.Households - after.Households, 0);
        var cells = await Generator.Scalar<long>(conn, "SELECT count(*) FROM statistic_cells");
        return new AppRun(plan, delete, gone, await RowsLeftAsync(conn), cells, batches, run1, run2, top1, top2);
    }

    /// <summary>
    /// What is left in every table the deletion touches, as one comparable text: per table, the number of ids and two sums
    /// of their 64-bit hashes (two seeds). Order-free and built in one pass: the ids' text in order (string_agg) passed
    /// PostgreSQL's 1 GB limit at 3M persons (28.7M interviews).
    /// </summary>
    private static async Task<string> RowsLeftAsync(NpgsqlConnection conn)
    {
        var s = new StringBuilder();
        foreach (var (table, key) in new[]
        {
            ("persons", "\"Id\"::text"), ("follow_ups", "\"Id\"::text"), ("interviews", "\"Id\"::text"), ("follow_up_members", "\"FollowUpId\"::text || \"StaffAccountId\"::text"),
            ("households", "\"Id\"::text"), ("working_notes", "\"Id\"::text"), ("information_records", "\"Id\"::text"), ("fact_disclosures", "\"Id\"::text"),
            ("sharing_consents", "\"Id\"::text"), ("sharings", "\"Id\"::text"), ("legal_holds", "\"Id\"::text"), ("break_glass_accesses", "\"Id\"::text"),
        })
        {
            await using var cmd = new NpgsqlCommand(
                $"SELECT count(*) || '/' || coalesce(sum(hashtextextended(k, 0)), 0) || '/' || coalesce(sum(hashtextextended(k, 1)), 0) FROM (SELECT {key} AS k FROM {table}) t", conn)
                { CommandTimeout = 0 };
            s.Append(CultureInfo.InvariantCulture, $"{table}:{await cmd.ExecuteScalarAsync()};");
        }
        return s.ToString();
    }

    /// <summary>
    /// The app's engine from a service collection that mirrors the app's registrations (its modules): the engine's own
    /// (<see cref="ConservationModule.AddServices"/>, default settings: chunks of 2,000 files), the journal, the retention
    /// settings in force, the DbContext (with the statement timer) and the data set's clock. One scope per run, as the
    /// nightly service does.
    /// </summary>
    private static ServiceProvider EngineServices(DbContextOptions<PostgresDiscretDbContext> baseOptions, TimeProvider clock, StatementTimer timer)
    {
        var services = new ServiceCollection();
        // The journal's seals and the erasure ledger (written by the engine's deletions since 2026-12-05) in a folder of
        // the run's own, never beside the repository.
        var root = Directory.CreateTempSubdirectory("discret-bench-f-").FullName;
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discret:Journal:AnchorDirectory"] = Path.Combine(root, "anchors"),
            ["Discret:Journal:AnchorKeyFile"] = Path.Combine(root, "anchor.key"),
        }).Build();
        // The app's context has Npgsql's default command timeout (30 s); since 1bbab01 the engine sets its own
        // (RetentionJobSettings.CommandTimeout, 15 min). The 2026-11-25 runs predate it and lifted it here instead.
        var options = new DbContextOptionsBuilder<PostgresDiscretDbContext>(baseOptions).AddInterceptors(timer).Options;
        services.AddSingleton(clock);
        services.AddLogging();
        services.AddScoped<DiscretDbContext>(_ => new PostgresDiscretDbContext(options));
        services.AddHttpContextAccessor();
        services.AddScoped<AccessJournal>();
        services.AddSingleton<IConfiguration>(config);
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new AppVerifier.Env(root));
        services.AddScoped<JournalAnchors>();
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
    /// The hand-written delete of what the job deletes, in one transaction committed on a copy of the data set: the
    /// persons past retention (last contact before the cut-off, no open follow-up, not archived, no legal hold in force)
    /// with everything that hangs off them, the households left empty, and the closed follow-ups past retention of the
    /// other persons (closed before the cut-off, no hold in force). Children first, set-based (the cascades then find
    /// nothing left to delete, but still check).
    /// </summary>
    private async Task<SqlRun> SqlRetentionDeleteAsync(string copy, DateOnly today, DateOnly cutoff)
    {
        await using var conn = new NpgsqlConnection(copy);
        await conn.OpenAsync();
        var steps = new StringBuilder().AppendLine("| s | rows | statement (start) |").AppendLine("|--:|--:|---|");
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
        await tx.CommitAsync();
        var elapsed = sw.Elapsed;
        return new SqlRun(elapsed, new RetentionCounts(persons, followUps, interviews, members, households, other), await RowsLeftAsync(conn), steps.ToString());
    }
}
