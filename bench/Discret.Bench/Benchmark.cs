using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using Discret.Data;
using Discret.Domain.Persons;
using Discret.Web.Features.Personnes;
using Discret.Web.Features.Journal;
using Discret.Web.Security;
using Discret.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Discret.Bench;

/// <summary>
/// Single-client latency of the app's real code paths (EF Core, a fresh DbContext per operation as in a request)
/// against a hand-written plain-SQL query returning the same data, interleaved operation by operation.
/// </summary>
public sealed partial class Benchmark(string connectionString, double seconds, int seed, bool logSql, string? resultsDir, string? scenarios = null)
{
    private readonly DbContextOptions<PostgresDiscretDbContext> _options = Options(connectionString, logSql);
    private readonly NpgsqlDataSource _ds = NpgsqlDataSource.Create(connectionString);
    /// <summary>The name search's baseline: sessions without parallel plans, as the app runs its search (PersonSearch.SerialAsync),
    /// set once per connection, so the baseline pays no extra round trip.</summary>
    private readonly NpgsqlDataSource _serialDs = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { Options = "-c max_parallel_workers_per_gather=0" }.ConnectionString);
    private readonly Random _r = new(seed);

    private static DbContextOptions<PostgresDiscretDbContext> Options(string cs, bool log)
    {
        var b = new DbContextOptionsBuilder<PostgresDiscretDbContext>().UseApplicationServiceProvider(DatabaseSetup.DesignTimeServices()).UseNpgsql(cs);
        if (log) b.LogTo(Console.WriteLine, [DbLoggerCategory.Database.Command.Name], LogLevel.Information);
        return b.Options;
    }

    private sealed record Account(Guid Id, Guid Circonscription, string Role)
    {
        public ClaimsPrincipal Principal { get; } = new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, Id.ToString()),
            new Claim(ClaimTypes.Role, Role),
            new Claim(DiscretClaims.Circonscription, Circonscription.ToString()),
        ], "bench"));
    }

    /// <summary>The journal as a request would have it: the signed-in account, the client's address.</summary>
    private static AccessJournal Journal(DiscretDbContext db, Account who) => new(db, new RequestOf(who.Principal), TimeProvider.System);

    private sealed class RequestOf : IHttpContextAccessor
    {
        public RequestOf(ClaimsPrincipal user)
        {
            HttpContext = new DefaultHttpContext { User = user };
            HttpContext.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
        }
        public HttpContext? HttpContext { get; set; }
    }

    public sealed record Row(string Scenario, string Variant, int N, double P50, double P95, double P99, double Throughput, bool Baseline);

    /// <summary>Scenarios to run: all by default, or those listed by <c>--scenarios</c> (letters, e.g. "c,d,e").</summary>
    private bool Runs(string letter) => scenarios is null || scenarios.Split(',').Contains(letter);

    private readonly List<string> _failures = [];

    /// <summary>The equivalence checks that failed: the run exits 1 when there is one (Program).</summary>
    public IReadOnlyList<string> Failures => _failures;

    /// <summary>Every equivalence check ends here: printed, kept for the report, and a failed one fails the run.</summary>
    private string Verdict(string text, bool passed)
    {
        var line = passed ? text : "FAILED: " + text;
        Console.WriteLine(line);
        if (!passed) _failures.Add(text);
        return line;
    }

    public async Task RunAsync()
    {
        await using var conn = await _ds.OpenConnectionAsync();
        var persons = await Generator.Scalar<long>(conn, "SELECT count(*) FROM persons");
        var interviews = await Generator.Scalar<long>(conn, "SELECT reltuples::bigint FROM pg_class WHERE relname = 'interviews'");
        var workers = await Accounts(conn, "TravailleurSocial", 500);
        var reception = await Accounts(conn, "Accueil", 500);
        var files = await AssignedPairs(conn, 2000);
        var terms = Enumerable.Range(0, 2000).Select(_ => SearchTerm()).ToArray();
        Console.WriteLine($"data set: {persons:N0} persons, ~{interviews:N0} interviews; {workers.Count} social workers and {reception.Count} reception agents sampled");

        var rows = new List<Row>();
        var checks = new List<string>();
        var ti = 0;
        (Account, string) NextSearch(List<Account> who) => (who[_r.Next(who.Count)], terms[ti++ % terms.Length]);

        if (Runs("a"))
        {
            checks.Add(await CheckSearch("a) search, social worker", workers, terms));
            rows.AddRange(await Measure("a) name search, social worker", () => NextSearch(workers),
                (App, x => EfSearch(x.Item1, x.Item2)), (Sql, x => SqlSearchAssigned(x.Item1, x.Item2))));
        }
        if (Runs("b"))
        {
            checks.Add(await CheckSearch("b) search, reception", reception, terms));
            rows.AddRange(await Measure("b) name search, reception (circonscription)", () => NextSearch(reception),
                (App, x => EfSearch(x.Item1, x.Item2)), (Sql, x => SqlSearchCirconscription(x.Item1, x.Item2))));
        }
        var fi = 0;
        if (Runs("c"))
        {
            checks.Add(await CheckFiles(files));
            rows.AddRange(await Measure("c) open a file, social worker", () => files[fi++ % files.Count],
                (App, async x => (await EfOpen(x.Account, x.Person)).Length), (Sql, async x => (await SqlOpen(x.Account, x.Person)).Length)));
        }
        await WorkersDayAsync(conn, rows, checks);
        await StatisticsAsync(conn, rows, checks);
        if (Runs("d")) await JournalingCostAsync(files, rows, checks);
        var journal = Runs("e") ? await JournalSearchAsync(conn, rows, checks) : 0;

        var dir = resultsDir ?? FindResultsDir();
        Directory.CreateDirectory(dir);
        if (rows.Count > 0 || !RunsRetention)
        {
            var report = Report(persons, interviews, journal, rows, checks);
            Console.WriteLine();
            Console.WriteLine(report);
            var path = Path.Combine(dir, $"{ParisTime.Now(TimeProvider.System):yyyy-MM-dd}-{Scale(persons)}{(journal > 0 ? $"-journal-{Scale(journal)}" : "")}{(scenarios is null ? "" : scenarios.Split(',').All(IsWorkersDay) ? "-home" : "-" + scenarios.Replace(",", "").Replace("f", ""))}.md");
            await File.WriteAllTextAsync(path, report);
            Console.WriteLine($"written to {path}");
        }
        // f) last: it deletes the rows past retention for real.
        if (RunsRetention)
        {
            await conn.CloseAsync();
            var report = await RetentionAsync();
            Console.WriteLine();
            Console.WriteLine(report);
            var path = Path.Combine(dir, $"{ParisTime.Now(TimeProvider.System):yyyy-MM-dd}-{Scale(persons)}-retention-f.md");
            await File.WriteAllTextAsync(path, report);
            Console.WriteLine($"written to {path}");
        }
    }

    private static string Scale(long n) => n >= 1_000_000 ? $"{n / 1_000_000.0:0.#}M".Replace(',', '.') : n >= 1000 ? $"{n / 1000}k" : n.ToString();

    internal static string FindResultsDir()
    {
        for (var d = new DirectoryInfo(Directory.GetCurrentDirectory()); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Discret.slnx"))) return Path.Combine(d.FullName, "bench", "results");
        return Path.Combine(Directory.GetCurrentDirectory(), "results");
    }

    /// <summary>
    /// What workers type: half the time the first letters of a surname (one in four a spelling variant), a quarter
    /// « Nom Prénom », a quarter « Prénom Nom » with the first letters of the name and a birth year.
    /// </summary>
    private string SearchTerm()
    {
        var name = Names.Surname(_r);
        var roll = _r.Next(8);
        var first = Names.FirstNames(_r, _r.Next(2) == 0).Split(' ')[0];
        if (roll < 4)
        {
            if (roll == 0) return Names.PhoneticVariant(name, _r);
            var letters = name.Replace(" ", "");
            return letters[..Math.Min(letters.Length, _r.Next(3, 7))];
        }
        if (roll < 6) return $"{name} {first}";
        var word = name.Split(' ')[^1];
        return $"{first} {word[..Math.Min(word.Length, _r.Next(4, 7))]} {_r.Next(1940, 2015)}";
    }

    private static async Task<List<Account>> Accounts(NpgsqlConnection conn, string role, int max)
    {
        var list = new List<Account>();
        await using var cmd = new NpgsqlCommand("SELECT \"Id\", \"CirconscriptionId\" FROM staff_accounts WHERE \"Role\" = $1 ORDER BY random() LIMIT $2", conn);
        cmd.Parameters.AddWithValue(role);
        cmd.Parameters.AddWithValue(max);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) list.Add(new Account(r.GetGuid(0), r.GetGuid(1), role));
        return list;
    }

    /// <summary>(worker, person) pairs where the worker is referent or team member of an open follow-up of the person.</summary>
    private static async Task<List<(Account Account, Guid Person)>> AssignedPairs(NpgsqlConnection conn, int max)
    {
        var list = new List<(Account, Guid)>();
        await using var cmd = new NpgsqlCommand("""
            SELECT s."Id", s."CirconscriptionId", x.person FROM (
              (SELECT f."ReferentId" AS account, f."PersonId" AS person FROM follow_ups f TABLESAMPLE SYSTEM (5) WHERE f."Status" = 'Ouvert' LIMIT $1)
              UNION ALL
              (SELECT m."StaffAccountId", f."PersonId" FROM follow_up_members m TABLESAMPLE SYSTEM (5) JOIN follow_ups f ON f."Id" = m."FollowUpId" WHERE f."Status" = 'Ouvert' LIMIT $1)
            ) x JOIN staff_accounts s ON s."Id" = x.account ORDER BY random()
            """, conn);
        cmd.Parameters.AddWithValue(max / 2);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) list.Add((new Account(r.GetGuid(0), r.GetGuid(1), "TravailleurSocial"), r.GetGuid(2)));
        return list;
    }

    private const string App = "app (EF Core)";
    private const string Sql = "plain SQL";

    /// <summary>
    /// Runs the variants one after the other on the same input, input after input, in an order that rotates (warm-up: seconds / 4, then seconds).
    /// The last variant is the baseline of the ratios.
    /// </summary>
    private async Task<Row[]> Measure<T>(string scenario, Func<T> next, params (string Variant, Func<T, Task<int>> Run)[] variants)
    {
        var warmup = Stopwatch.StartNew();
        while (warmup.Elapsed.TotalSeconds < Math.Max(1, seconds / 4))
        {
            var x = next();
            foreach (var v in variants) await v.Run(x);
        }
        var times = variants.Select(_ => new List<double>()).ToArray();
        var total = Stopwatch.StartNew();
        var sw = new Stopwatch();
        var round = 0;
        while (total.Elapsed.TotalSeconds < seconds)
        {
            var x = next();
            // The order rotates from one input to the next: the first variant to touch an input pays the cold reads
            // (the data set does not fit in memory), so it must not always be the same one.
            round++;
            for (var k = 0; k < variants.Length; k++)
            {
                var i = (k + round) % variants.Length;
                sw.Restart(); await variants[i].Run(x); times[i].Add(sw.Elapsed.TotalMilliseconds);
            }
        }
        Row Stats(string variant, List<double> t, bool baseline)
        {
            t.Sort();
            double P(double p) => t[Math.Clamp((int)Math.Ceiling(p * t.Count) - 1, 0, t.Count - 1)];
            return new Row(scenario, variant, t.Count, P(0.50), P(0.95), P(0.99), t.Count / (t.Sum() / 1000), baseline);
        }
        var rows = variants.Select((v, i) => Stats(v.Variant, times[i], i == variants.Length - 1)).ToArray();
        foreach (var row in rows) Console.WriteLine($"{row.Scenario,-45} {row.Variant,-14} p50 {row.P50,7:F2} ms  p95 {row.P95,7:F2} ms  p99 {row.P99,7:F2} ms  {row.Throughput,7:F0} op/s");
        return rows;
    }

    // ---- a) and b): name search ------------------------------------------------------------------------------

    private async Task<int> EfSearch(Account who, string name) => (await EfSearchHits(who, name)).Count;

    private async Task<List<Guid>> EfSearchHits(Account who, string name)
    {
        await using var db = Context(journal: false); // the search itself; d) measures what the journal entry adds
        var j = Journal(db, who);
        var search = new PersonSearch(db, new PersonAccess(db, j, TimeProvider.System, new RunningBreakGlass(), new ReachedFileState()), j);
        var result = await search.FindAsync(who.Principal, name, null); // the search alone: d) measures what a journal entry adds
        return result.Hits.Select(h => h.Id).ToList();
    }

    /// <summary>
    /// The same search in plain SQL: the typed words' index ranges (within the circonscription for reception, on the
    /// worker's ~1,000 persons for a social worker), ranked as the app ranks, then the commune and referent of the 21 rows.
    /// </summary>
    private static string SqlSearchText(bool circonscription, SearchText text, bool bySound)
    {
        string Match(int i, string alias) => bySound
            ? $"(({alias}.\"Word\" >= ${2 + 3 * i} AND {alias}.\"Word\" < ${3 + 3 * i}) OR {alias}.\"Sound\" = ${4 + 3 * i})"
            : $"({alias}.\"Word\" >= ${2 + 3 * i} AND {alias}.\"Word\" < ${3 + 3 * i})";
        string Prefix(int i) =>
            $"EXISTS (SELECT 1 FROM person_name_words x WHERE x.\"PersonId\" = p.\"Id\" AND x.\"Word\" >= ${2 + 3 * i} AND x.\"Word\" < ${3 + 3 * i})";
        var n = text.Words.Count;
        var where = new List<string> { "p.\"ArchivedOn\" IS NULL", "p.\"EliminationBatchId\" IS NULL" };
        string from;
        if (circonscription)
        {
            from = "persons p";
            where.Add("p.\"CirconscriptionId\" = $1");
            where.Add($"p.\"Id\" IN (SELECT w.\"PersonId\" FROM person_name_words w WHERE w.\"CirconscriptionId\" = $1 AND {Match(0, "w")})");
            for (var i = 1; i < n; i++)
                where.Add($"EXISTS (SELECT 1 FROM person_name_words w WHERE w.\"PersonId\" = p.\"Id\" AND w.\"CirconscriptionId\" = $1 AND {Match(i, "w")})");
        }
        else
        {
            from = """
                persons p JOIN (
                  SELECT f."PersonId" FROM follow_ups f WHERE f."ReferentId" = $1 AND f."Status" = 'Ouvert'
                  UNION
                  SELECT f."PersonId" FROM follow_up_members m JOIN follow_ups f ON f."Id" = m."FollowUpId"
                  WHERE m."StaffAccountId" = $1 AND f."Status" = 'Ouvert') mine ON mine."PersonId" = p."Id"
                """;
            for (var i = 0; i < n; i++)
                where.Add($"EXISTS (SELECT 1 FROM person_name_words w WHERE w.\"PersonId\" = p.\"Id\" AND {Match(i, "w")})");
        }
        var next = 2 + 3 * n;
        if (text.Day is not null) where.Add($"p.\"BirthDate\" = ${next}");
        if (text.From is not null) where.Add($"p.\"BirthDate\" >= ${next} AND p.\"BirthDate\" < ${next + 1}");
        // Typed before sound, as the app does: the persons every word matches as typed in the order of the index, stopped at
        // 21 rows; then, only when that did not fill the page, those found by sound, in the same order.
        var sounds = Enumerable.Range(0, n).Where(i => text.Words[i].Sound is not null).ToList();
        var typed = string.Join(" AND ", sounds.Select(Prefix));
        var condition = !bySound ? "" : $" AND NOT ({typed})";
        var order = "p.\"BirthNameKey\"";
        return $"""
            SELECT p."Id", p."BirthName", p."UsageName", p."FirstNames", p."BirthDate",
              (SELECT h."City" FROM households h WHERE h."Id" = p."HouseholdId") AS commune,
              (SELECT u."DisplayName" FROM follow_ups f JOIN staff_accounts u ON u."Id" = f."ReferentId"
               WHERE f."PersonId" = p."Id" AND f."Status" = 'Ouvert' ORDER BY f."OpenedOn" DESC LIMIT 1) AS referent
            FROM {from} WHERE {string.Join(" AND ", where)}{condition}
            ORDER BY {order}, p."FirstNamesKey", p."BirthDate", p."Id" LIMIT ${next + (text.Day is not null ? 1 : text.From is not null ? 2 : 0)}
            """;
    }

    private Task<int> SqlSearchAssigned(Account who, string name) => SqlSearch(false, who.Id, name);
    private Task<int> SqlSearchCirconscription(Account who, string name) => SqlSearch(true, who.Circonscription, name);

    private async Task<int> SqlSearch(bool circonscription, Guid scope, string name) => (await SqlSearchHits(circonscription, scope, name)).Count;

    private async Task<List<Guid>> SqlSearchHits(bool circonscription, Guid scope, string name)
    {
        var text = SearchText.Parse(name).Text!;
        var hits = await SqlSearchPart(circonscription, scope, text, bySound: false, 21);
        if (hits.Count < 21 && text.Words.Any(w => w.Sound is not null))
            hits.AddRange(await SqlSearchPart(circonscription, scope, text, bySound: true, 21 - hits.Count));
        return hits;
    }

    private async Task<List<Guid>> SqlSearchPart(bool circonscription, Guid scope, SearchText text, bool bySound, int limit)
    {
        await using var cmd = _serialDs.CreateCommand(SqlSearchText(circonscription, text, bySound));
        cmd.Parameters.AddWithValue(scope);
        foreach (var word in text.Words)
        {
            cmd.Parameters.AddWithValue(word.Key);
            cmd.Parameters.AddWithValue(word.Upper);
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)word.Sound ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Varchar });
        }
        if (text.Day is { } day) cmd.Parameters.AddWithValue(day);
        if (text.From is { } from) { cmd.Parameters.AddWithValue(from); cmd.Parameters.AddWithValue(text.Before!.Value); }
        cmd.Parameters.AddWithValue(limit);
        await using var r = await cmd.ExecuteReaderAsync();
        var hits = new List<Guid>(21);
        while (await r.ReadAsync())
        {
            hits.Add(r.GetGuid(0));
            _ = r.GetString(1); _ = r.IsDBNull(2) ? null : r.GetString(2); _ = r.GetString(3); _ = r.GetFieldValue<DateOnly>(4);
            _ = r.IsDBNull(5) ? null : r.GetString(5); _ = r.IsDBNull(6) ? null : r.GetString(6);
        }
        return hits;
    }

    private async Task<string> CheckSearch(string label, List<Account> who, string[] terms)
    {
        int same = 0, total = 0, full = 0;
        var diffs = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            var a = who[i % who.Count];
            var t = terms[(i * 7) % terms.Length];
            var ef = await EfSearchHits(a, t);
            var sql = await SqlSearchHits(a.Role == "Accueil", a.Role == "Accueil" ? a.Circonscription : a.Id, t);
            total++;
            if (sql.Count == 21) full++;
            if (ef.Take(20).SequenceEqual(sql.Take(20)) && ef.Count == Math.Min(sql.Count, 20)) same++;
            else if (diffs.Count < 3) diffs.Add($"'{t}': app {ef.Count} hits, SQL {sql.Count}");
        }
        return Verdict($"{label}: app and plain SQL return the same hits for {same}/{total} searches ({full} of them with more than 20 hits)"
            + (diffs.Count > 0 ? " — differences e.g. " + string.Join("; ", diffs) : ""), same == total);
    }

    // ---- c): opening a file ----------------------------------------------------------------------------------

    private async Task<string> EfOpen(Account who, Guid person)
    {
        await using var db = Context(journal: false); // the loading itself; d) measures what the journal entry adds
        var j = Journal(db, who);
        var access = await new PersonAccess(db, j, TimeProvider.System, new RunningBreakGlass(), new ReachedFileState()).ForAsync(who.Principal, person) ?? throw new InvalidOperationException("no access");
        return FileDigest.Of(await new PersonFile(db, j, TimeProvider.System).LoadAsync(access));
    }

    private const string SqlFile = """
        SELECT p."BirthName", p."UsageName", p."FirstNames", p."BirthDate", p."Phone", p."Email", p."HouseholdId", p."Version",
               p.provenance_source, p.provenance_partner, p.provenance_third_party, c."Name", h."AddressLine", h."PostalCode", h."City",
               EXISTS (SELECT 1 FROM follow_ups f WHERE f."PersonId" = p."Id" AND f."Status" = 'Ouvert'
                       AND (f."ReferentId" = $2 OR EXISTS (SELECT 1 FROM follow_up_members m WHERE m."FollowUpId" = f."Id" AND m."StaffAccountId" = $2))) AS assigned
        FROM persons p JOIN circonscriptions c ON c."Id" = p."CirconscriptionId" JOIN households h ON h."Id" = p."HouseholdId"
        WHERE p."Id" = $1;
        SELECT m."Id", m."BirthName", m."UsageName", m."FirstNames", m."HouseholdLink", m."BirthDate"
        FROM persons m WHERE m."HouseholdId" = (SELECT "HouseholdId" FROM persons WHERE "Id" = $1)
          AND m."ArchivedOn" IS NULL AND m."EliminationBatchId" IS NULL
        ORDER BY m."HouseholdLink" = 'PersonneDeReference' DESC, m."BirthDate", m."Id";
        SELECT f."Id", f."Status", r."DisplayName", f."OpenedOn", f."ClosedOn", f."Motives", f.provenance_source, f.provenance_partner,
               f.provenance_third_party,
               (SELECT min(a."StartsAt") FROM appointments a WHERE a."FollowUpId" = f."Id" AND a."Status" = 'Prevu' AND a."StartsAt" >= now()), f."Version",
               ARRAY(SELECT s."DisplayName" FROM follow_up_members m JOIN staff_accounts s ON s."Id" = m."StaffAccountId" WHERE m."FollowUpId" = f."Id")
        FROM follow_ups f JOIN staff_accounts r ON r."Id" = f."ReferentId"
        WHERE f."PersonId" = $1 ORDER BY f."Status" = 'Ouvert' DESC, f."OpenedOn" DESC, f."Id" DESC;
        SELECT i."Id", i."FollowUpId", i."OccurredOn", i."Kind", i."Motives", i."Actions", i."Summary", i.provenance_source,
               i.provenance_partner, i.provenance_third_party, a."DisplayName"
        FROM interviews i JOIN follow_ups f ON f."Id" = i."FollowUpId" JOIN staff_accounts a ON a."Id" = i."AuthorId"
        WHERE f."PersonId" = $1 ORDER BY i."OccurredOn" DESC, i."CreatedAt" DESC, i."Id" DESC LIMIT 20
        """;

    /// <summary>The same data in one round trip: person, circonscription, household and access flag; members; follow-ups with team names; last 20 interviews.</summary>
    private async Task<string> SqlOpen(Account who, Guid person)
    {
        await using var batch = _ds.CreateBatch();
        foreach (var c in FileBatch(who, person)) batch.BatchCommands.Add(c);
        await using var r = await batch.ExecuteReaderAsync();
        return await FileDigest.ReadAsync(r);
    }

    /// <summary>The four queries of <see cref="SqlFile"/> with their parameters, for c) and d).</summary>
    private static IEnumerable<NpgsqlBatchCommand> FileBatch(Account who, Guid person)
    {
        foreach (var sql in SqlFile.Split(";\n"))
        {
            var c = new NpgsqlBatchCommand(sql);
            c.Parameters.AddWithValue(person);
            if (sql.Contains("$2")) c.Parameters.AddWithValue(who.Id);
            yield return c;
        }
    }

    private async Task<string> CheckFiles(List<(Account Account, Guid Person)> files)
    {
        var same = 0;
        var n = Math.Min(100, files.Count);
        for (var i = 0; i < n; i++) if (await EfOpen(files[i].Account, files[i].Person) == await SqlOpen(files[i].Account, files[i].Person)) same++;
        return Verdict($"c) open a file: app and plain SQL load the same identity, contact, members, follow-ups and interviews (content and order) for {same}/{n} files", same == n);
    }

    // ---- report ----------------------------------------------------------------------------------------------

    private string Report(long persons, long interviews, long journal, List<Row> rows, List<string> checks)
    {
        var sb = new StringBuilder();
        var ci = CultureInfo.InvariantCulture;
        sb.AppendLine(ci, $"# Discret benchmark — {ParisTime.Now(TimeProvider.System):yyyy-MM-dd HH:mm}, {persons:N0} persons (~{interviews:N0} interviews{(journal > 0 ? $", {journal:N0} journal entries" : "")})");
        sb.AppendLine();
        sb.AppendLine(ci, $"PostgreSQL {PgVersion()} (fsync {Setting("fsync")}, synchronous_commit {Setting("synchronous_commit")}, wal_level {Setting("wal_level")}), single client, {seconds:0} s per scenario after {Math.Max(1, seconds / 4):0} s warm-up, variants interleaved operation by operation on the same inputs.");
        sb.AppendLine();
        sb.AppendLine("| Scenario | Variant | n | p50 ms | p95 ms | p99 ms | op/s | p50 ratio | p95 ratio | throughput ratio |");
        sb.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var g in rows.GroupBy(r => r.Scenario))
        {
            var sql = g.Single(r => r.Baseline);
            foreach (var r in g)
                sb.AppendLine(ci, $"| {r.Scenario} | {r.Variant} | {r.N} | {r.P50:F2} | {r.P95:F2} | {r.P99:F2} | {r.Throughput:F0} | {r.P50 / sql.P50:F2}× | {r.P95 / sql.P95:F2}× | {r.Throughput / sql.Throughput:F2}× |");
        }
        sb.AppendLine();
        sb.AppendLine("Ratios are variant ÷ the scenario's last variant, its baseline: plain SQL, or for d) the same app code path without the journal entry (latency: lower is better; throughput: higher is better).");
        sb.AppendLine();
        foreach (var c in checks) sb.AppendLine(ci, $"- {c}");
        return sb.ToString();
    }

    private string Setting(string name)
    {
        using var cmd = _ds.CreateCommand($"SHOW {name}");
        return (string)cmd.ExecuteScalar()!;
    }

    private string PgVersion()
    {
        using var cmd = _ds.CreateCommand("SHOW server_version");
        return (string)cmd.ExecuteScalar()!;
    }
}
