// Faults under load (issue 20 §3): each scenario starts what it needs (a throwaway PostgreSQL cluster, Discret's
// instances as separate processes in demo mode), puts a write load on them, injects its fault, stops by itself, checks
// what must hold and writes bench/results/<date>-faults-<scenario>.md. Exit code 1 when a check fails.
//
//   bench/faults.sh [kill|postgres-restart|disk-full|clock-jump|all]     (builds the app, installs faketime if absent)
//
// Checks: no acknowledged write lost (every interview the client got a 201 for is in the database), nothing half-saved
// (every interview written during the run has its journal entry), the journal verifies (`verify-journal`), no 500 and
// no answer that is not a French problem document, and — per scenario — the other instance keeps serving while one is
// killed, requests fail with a 503 while PostgreSQL restarts and succeed again without any manual action, a full disk
// is a clear refusal and leaves the SQLite database intact, a clock stepped back or forward breaks nothing.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Discret.Bench.Faults;
using Microsoft.Data.Sqlite;
using Npgsql;

string? Opt(string name) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
var scenario = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var repo = FindRepo();
var dll = Opt("--app") ?? Path.Combine(repo, "src/Discret.Web/bin/Release/net10.0/Discret.Web.dll");
var resultsDir = Opt("--results") ?? Path.Combine(repo, "bench/results");
var kills = int.Parse(Opt("--kills") ?? "25", CultureInfo.InvariantCulture);
var clients = int.Parse(Opt("--clients") ?? "6", CultureInfo.InvariantCulture);
if (!File.Exists(dll)) { Console.WriteLine($"{dll} not found: build first (dotnet build -c Release src/Discret.Web)"); return 2; }

var failures = new List<string>();
var scenarios = scenario == "all" ? ["kill", "postgres-restart", "disk-full", "clock-jump"] : new[] { scenario };
foreach (var s in scenarios)
{
    var work = Directory.CreateTempSubdirectory("discret-faults-");
    var report = new StringBuilder();
    var checks = new List<(string Text, bool Passed)>();
    var sw = Stopwatch.StartNew();
    Console.WriteLine($"== {s} (work folder {work.FullName})");
    try
    {
        switch (s)
        {
            case "kill": await KillAsync(work.FullName, report, checks); break;
            case "postgres-restart": await PostgresRestartAsync(work.FullName, report, checks); break;
            case "disk-full": await DiskFullAsync(work.FullName, report, checks); break;
            case "clock-jump": await ClockJumpAsync(work.FullName, report, checks); break;
            default: Console.WriteLine($"unknown scenario {s}"); return 2;
        }
    }
    catch (Exception e)
    {
        checks.Add(($"the scenario ran to its end ({e.GetType().Name}: {e.Message})", false));
    }
    var text = new StringBuilder();
    text.AppendLine(CultureInfo.InvariantCulture, $"# Fault « {s} » — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {sw.Elapsed.TotalMinutes:F1} min");
    text.AppendLine();
    text.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores; Discret from `{Path.GetRelativePath(repo, dll)}` in demo mode; {clients} clients recording interviews (each create with its own Idempotency-Key). Produced by `bench/faults.sh {s}`.");
    text.AppendLine();
    text.AppendLine("## Checks");
    text.AppendLine();
    foreach (var (t, passed) in checks) text.AppendLine($"- {(passed ? "✔" : "✘ FAILED:")} {t}");
    text.AppendLine();
    text.Append(report);
    Directory.CreateDirectory(resultsDir);
    var path = Path.Combine(resultsDir, $"{DateTime.UtcNow:yyyy-MM-dd}-faults-{s}.md");
    await File.WriteAllTextAsync(path, text.ToString());
    Console.WriteLine(text);
    Console.WriteLine($"written to {path}");
    failures.AddRange(checks.Where(c => !c.Passed).Select(c => $"{s}: {c.Text}"));
    if (failures.Count == 0 || !args.Contains("--keep")) TryDelete(work.FullName);
}
if (failures.Count > 0)
{
    Console.WriteLine($"{failures.Count} check(s) failed:");
    foreach (var f in failures) Console.WriteLine("  - " + f);
    return 1;
}
return 0;

// ---------------------------------------------------------------------------------------------------------------------

async Task KillAsync(string work, StringBuilder report, List<(string, bool)> checks)
{
    await using var pg = await Postgres.StartAsync(work);
    var env = PostgresEnvironment(work, pg);
    await using var a = new AppInstance("A", dll, FreePort(), env, Path.Combine(work, "a.log"));
    await using var b = new AppInstance("B", dll, FreePort(), env, Path.Combine(work, "b.log"));
    a.Start();
    await a.WaitReadyAsync(TimeSpan.FromMinutes(3));
    b.Start();
    await b.WaitReadyAsync(TimeSpan.FromMinutes(3));
    var (targets, _) = await TargetsAsync(a, pg.ConnectionString, null);
    var tally = new Tally();
    var load = new WriteLoad([a, b], targets, tally);
    using var stop = new CancellationTokenSource();
    var running = load.RunAsync(clients, stop.Token);
    var restarts = new List<double>();
    var random = new Random(20);
    var started = DateTime.UtcNow;
    await Task.Delay(3000);
    for (var k = 1; k <= kills; k++)
    {
        var victim = k % 2 == 0 ? a : b;
        load.Phase = $"while {victim.Name} is down";
        victim.Kill9();
        await Task.Delay(random.Next(200, 1500));
        victim.Start();
        restarts.Add((await victim.WaitReadyAsync(TimeSpan.FromMinutes(2))).TotalSeconds);
        load.Phase = "both up";
        Console.WriteLine($"kill {k}/{kills}: {victim.Name} back in {restarts[^1]:F1} s; {load.Acknowledged.Count:N0} acknowledged so far");
        await Task.Delay(random.Next(1500, 3500));
    }
    await Task.Delay(2000);
    stop.Cancel();
    await running;
    var duration = DateTime.UtcNow - started;

    var lost = await LostAsync(pg.ConnectionString, null, load.Acknowledged);
    var halfSaved = await WithoutJournalAsync(pg.ConnectionString, null);
    var verify = await VerifyJournalAsync(env, work);
    int Survivor(string down, string survivor, Func<string, bool> status) =>
        tally.Count(key => key.StartsWith($"while {down} is down {survivor}:", StringComparison.Ordinal) && status(key));
    var survivorOk = Survivor("A", "B", k => k.EndsWith("201", StringComparison.Ordinal)) + Survivor("B", "A", k => k.EndsWith("201", StringComparison.Ordinal));
    var survivorFailed = Survivor("A", "B", k => !k.EndsWith("201", StringComparison.Ordinal) && !k.Contains("not sent", StringComparison.Ordinal))
        + Survivor("B", "A", k => !k.EndsWith("201", StringComparison.Ordinal) && !k.Contains("not sent", StringComparison.Ordinal));
    checks.Add(($"{kills} kills (SIGKILL) survived, each instance restarting to ready in {Median(restarts):F1} s (median; max {restarts.Max():F1} s)", restarts.Count == kills));
    checks.Add(($"acknowledged writes lost: {lost} of {load.Acknowledged.Count:N0}", lost == 0 && load.Acknowledged.Count > 0));
    checks.Add(($"interviews written without their journal entry: {halfSaved}", halfSaved == 0));
    checks.Add(($"the journal verifies after the run (verify-journal exit {verify.Code}: {verify.Summary})", verify.Code == 0));
    checks.Add(($"the other instance kept serving while one was down: {survivorOk:N0} writes acknowledged by it, {survivorFailed} refused or failed", survivorOk > 0 && survivorFailed == 0));
    checks.Add(($"no 500 (got {tally.Count(k => k.EndsWith(": 500", StringComparison.Ordinal))})", tally.Count(k => k.EndsWith(": 500", StringComparison.Ordinal)) == 0));
    report.AppendLine(CultureInfo.InvariantCulture, $"## Figures\n\n{duration.TotalMinutes:F1} min under load, {load.Acknowledged.Count:N0} writes acknowledged ({load.Acknowledged.Count / duration.TotalSeconds:F1}/s), write p50 {Pct(tally, 50):F0} ms, p95 {Pct(tally, 95):F0} ms, p99 {Pct(tally, 99):F0} ms.\n");
    report.AppendLine(tally.Table());
    report.AppendLine(LoggedFailures(work));
}

async Task PostgresRestartAsync(string work, StringBuilder report, List<(string, bool)> checks)
{
    await using var pg = await Postgres.StartAsync(work);
    var env = PostgresEnvironment(work, pg);
    await using var a = new AppInstance("A", dll, FreePort(), env, Path.Combine(work, "a.log"));
    await using var b = new AppInstance("B", dll, FreePort(), env, Path.Combine(work, "b.log"));
    a.Start();
    await a.WaitReadyAsync(TimeSpan.FromMinutes(3));
    b.Start();
    await b.WaitReadyAsync(TimeSpan.FromMinutes(3));
    var (targets, _) = await TargetsAsync(a, pg.ConnectionString, null);
    var tally = new Tally();
    var load = new WriteLoad([a, b], targets, tally);
    using var stop = new CancellationTokenSource();
    var running = load.RunAsync(clients, stop.Token);
    await Task.Delay(8000);
    var downs = new List<double>();
    for (var round = 1; round <= 3; round++)
    {
        load.Phase = $"restart {round}: PostgreSQL restarting";
        var down = Stopwatch.StartNew();
        await pg.RestartAsync(immediate: round == 3, down: TimeSpan.FromSeconds(2));
        downs.Add(down.Elapsed.TotalSeconds);
        load.Phase = $"restart {round}: first 10 s after";
        await Task.Delay(10000);
        load.Phase = $"restart {round}: from 10 s after";
        await Task.Delay(10000);
        Console.WriteLine($"restart {round} ({(round == 3 ? "immediate" : "fast")}): down {downs[^1]:F1} s; {load.Acknowledged.Count:N0} acknowledged so far");
    }
    stop.Cancel();
    await running;

    var lost = await LostAsync(pg.ConnectionString, null, load.Acknowledged);
    var halfSaved = await WithoutJournalAsync(pg.ConnectionString, null);
    var verify = await VerifyJournalAsync(env, work);
    var duringFailed = tally.Count(k => k.Contains("PostgreSQL restarting", StringComparison.Ordinal) && !k.EndsWith("201", StringComparison.Ordinal));
    var during503 = tally.Count(k => k.Contains("PostgreSQL restarting", StringComparison.Ordinal) && k.EndsWith("503", StringComparison.Ordinal))
        + tally.Count(k => k.Contains("first 10 s after", StringComparison.Ordinal) && k.EndsWith("503", StringComparison.Ordinal));
    var otherFailures = tally.Count(k => !k.EndsWith("201", StringComparison.Ordinal) && !k.EndsWith("503", StringComparison.Ordinal));
    var afterFailed = tally.Count(k => k.Contains("from 10 s after", StringComparison.Ordinal) && !k.EndsWith("201", StringComparison.Ordinal));
    var afterOk = tally.Count(k => k.Contains("from 10 s after", StringComparison.Ordinal) && k.EndsWith("201", StringComparison.Ordinal));
    var french = tally.Titles.Where(t => t.Key.StartsWith("503 ", StringComparison.Ordinal))
        .All(t => t.Key is "503 Enregistrement impossible pour le moment" or "503 Journal des accès indisponible");
    checks.Add(($"PostgreSQL restarted 3 times under load (2 fast, 1 immediate, i.e. a crash), down {string.Join(", ", downs.Select(d => d.ToString("F1", CultureInfo.InvariantCulture)))} s", downs.Count == 3));
    checks.Add(($"requests refused while it restarted: {duringFailed:N0}; of the refusals, {during503:N0} are 503 with a French problem document, and no other status than 201 or 503 was answered ({otherFailures} others)",
        otherFailures == 0 && during503 > 0 && french));
    checks.Add(($"recovery without manual action: from 10 s after each restart, {afterOk:N0} writes acknowledged and {afterFailed} failed", afterOk > 0 && afterFailed == 0));
    checks.Add(($"acknowledged writes lost: {lost} of {load.Acknowledged.Count:N0}", lost == 0 && load.Acknowledged.Count > 0));
    checks.Add(($"interviews written without their journal entry (half-saved): {halfSaved}", halfSaved == 0));
    checks.Add(($"the journal verifies after the run (verify-journal exit {verify.Code}: {verify.Summary})", verify.Code == 0));
    report.AppendLine("## Figures\n");
    report.AppendLine(CultureInfo.InvariantCulture, $"{load.Acknowledged.Count:N0} writes acknowledged; write p50 {Pct(tally, 50):F0} ms, p95 {Pct(tally, 95):F0} ms, p99 {Pct(tally, 99):F0} ms.\n");
    report.AppendLine(tally.Table());
    report.AppendLine(LoggedFailures(work));
}

async Task DiskFullAsync(string work, StringBuilder report, List<(string, bool)> checks)
{
    var disk = Path.Combine(work, "disk");
    Directory.CreateDirectory(disk);
    await Shell("mount", $"-t tmpfs -o size=64m tmpfs {disk}");
    try
    {
        var env = SqliteEnvironment(work, Path.Combine(disk, "data"));
        await using var a = new AppInstance("A", dll, FreePort(), env, Path.Combine(work, "a.log"));
        a.Start();
        await a.WaitReadyAsync(TimeSpan.FromMinutes(3));
        var sqlite = $"Data Source={Path.Combine(disk, "data", "discret.db")}";
        var (targets, _) = await TargetsAsync(a, null, sqlite);
        var tally = new Tally();
        var load = new WriteLoad([a], targets, tally);
        using var stop = new CancellationTokenSource();
        var started = DateTime.UtcNow;
        var running = load.RunAsync(clients, stop.Token);
        await Task.Delay(5000);
        // Fill the disk but for a few hundred kilobytes: the next writes (database pages, WAL) find no room.
        var filler = Path.Combine(disk, "filler");
        load.Phase = "disk full";
        await Shell("sh", $"-c \"dd if=/dev/zero of={filler} bs=64k 2>/dev/null; true\"");
        await Task.Delay(15000);
        File.Delete(filler);
        load.Phase = "space freed, first 5 s";
        await Task.Delay(5000);
        load.Phase = "space freed, from 5 s";
        await Task.Delay(10000);
        stop.Cancel();
        await running;
        var alive = a.Running;
        a.Kill9();

        string integrity;
        await using (var conn = new SqliteConnection(sqlite + ";Mode=ReadOnly;Pooling=False"))
        {
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = "PRAGMA integrity_check";
            integrity = (string)(await cmd.ExecuteScalarAsync())!;
        }
        var lost = await LostAsync(null, sqlite, load.Acknowledged);
        var halfSaved = await WithoutJournalAsync(null, sqlite);
        var verify = await VerifyJournalAsync(env, work);
        var fullRefused = tally.Count(k => k.StartsWith("disk full", StringComparison.Ordinal) && !k.EndsWith("201", StringComparison.Ordinal));
        var full500 = tally.Count(k => k.EndsWith(": 500", StringComparison.Ordinal));
        var notProblem = tally.Titles.Count(t => t.Key.Contains("not a problem document", StringComparison.Ordinal));
        var afterOk = tally.Count(k => k.StartsWith("space freed, from 5 s", StringComparison.Ordinal) && k.EndsWith("201", StringComparison.Ordinal));
        var afterFailed = tally.Count(k => k.StartsWith("space freed, from 5 s", StringComparison.Ordinal) && !k.EndsWith("201", StringComparison.Ordinal));
        checks.Add(($"writes refused while the disk was full: {fullRefused:N0}, with no 500 ({full500}) and every refusal a French problem document ({notProblem} were not)", fullRefused > 0 && full500 == 0 && notProblem == 0));
        checks.Add(($"the application stayed up through it: {alive}", alive));
        checks.Add(($"writes resume by themselves once space is freed: {afterOk:N0} acknowledged and {afterFailed} failed from 5 s after", afterOk > 0 && afterFailed == 0));
        checks.Add(($"SQLite integrity_check after the run: {integrity}", integrity == "ok"));
        checks.Add(($"acknowledged writes lost: {lost} of {load.Acknowledged.Count:N0}", lost == 0 && load.Acknowledged.Count > 0));
        checks.Add(($"interviews written without their journal entry (half-saved): {halfSaved}", halfSaved == 0));
        checks.Add(($"the journal verifies after the run (verify-journal exit {verify.Code}: {verify.Summary})", verify.Code == 0));
        report.AppendLine("## Figures\n");
        report.AppendLine("SQLite data folder on a 64 MB tmpfs, filled with a file while the load ran, the file removed 15 s later.\n");
        report.AppendLine(tally.Table());
        report.AppendLine(LoggedFailures(work));
    }
    finally
    {
        await Shell("umount", $"-l {disk}");
    }
}

async Task ClockJumpAsync(string work, StringBuilder report, List<(string, bool)> checks)
{
    var lib = new[] { "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1", "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1" }.FirstOrDefault(File.Exists);
    if (lib is null) { checks.Add(("libfaketime is installed (bench/faults.sh installs the faketime package)", false)); return; }
    var clockFile = Path.Combine(work, "faketime.rc");
    await File.WriteAllTextAsync(clockFile, "+0\n");
    var env = SqliteEnvironment(work, Path.Combine(work, "data"));
    await using var a = new AppInstance("A", dll, FreePort(), env, Path.Combine(work, "a.log"));
    // Only the wall clock moves (an NTP step); the monotonic clock, which timers and Stopwatch use, does not.
    a.Start(new Dictionary<string, string>
    {
        ["LD_PRELOAD"] = lib, ["FAKETIME_TIMESTAMP_FILE"] = clockFile, ["FAKETIME_NO_CACHE"] = "1", ["FAKETIME_DONT_FAKE_MONOTONIC"] = "1",
    });
    await a.WaitReadyAsync(TimeSpan.FromMinutes(3));
    var sqlite = $"Data Source={Path.Combine(work, "data", "discret.db")}";
    var (targets, _) = await TargetsAsync(a, null, sqlite);
    var tally = new Tally();
    var load = new WriteLoad([a], targets, tally);
    using var stop = new CancellationTokenSource();
    var running = load.RunAsync(clients, stop.Token);
    await Task.Delay(8000);
    foreach (var (label, offset) in new[] { ("clock stepped back 10 min", "-10m"), ("clock stepped forward 5 min", "+5m"), ("clock back to true time", "+0") })
    {
        load.Phase = label;
        await File.WriteAllTextAsync(clockFile, offset + "\n");
        await Task.Delay(12000);
        Console.WriteLine($"{label}: {load.Acknowledged.Count:N0} acknowledged so far");
    }
    stop.Cancel();
    await running;
    a.Kill9();
    var lost = await LostAsync(null, sqlite, load.Acknowledged);
    var halfSaved = await WithoutJournalAsync(null, sqlite);
    var verify = await VerifyJournalAsync(env, work);
    var failed = tally.Count(k => !k.EndsWith("201", StringComparison.Ordinal));
    var backOk = tally.Count(k => k.StartsWith("clock stepped back", StringComparison.Ordinal) && k.EndsWith("201", StringComparison.Ordinal));
    var forwardOk = tally.Count(k => k.StartsWith("clock stepped forward", StringComparison.Ordinal) && k.EndsWith("201", StringComparison.Ordinal));
    checks.Add(($"writes go on while the clock steps back 10 minutes ({backOk:N0} acknowledged) and forward 5 minutes ({forwardOk:N0}); requests refused or failed: {failed}", backOk > 0 && forwardOk > 0 && failed == 0));
    checks.Add(($"acknowledged writes lost: {lost} of {load.Acknowledged.Count:N0}", lost == 0 && load.Acknowledged.Count > 0));
    checks.Add(($"interviews written without their journal entry (half-saved): {halfSaved}", halfSaved == 0));
    checks.Add(($"the journal verifies after the run, its entries' times having gone backwards (verify-journal exit {verify.Code}: {verify.Summary})", verify.Code == 0));
    report.AppendLine("## Figures\n");
    report.AppendLine("The wall clock of the application's process is moved with libfaketime (`FAKETIME_TIMESTAMP_FILE`, re-read at each call), as an NTP step would; the monotonic clock is left alone.\n");
    report.AppendLine(tally.Table());
    report.AppendLine(LoggedFailures(work));
}

// ---------------------------------------------------------------------------------------------------------------------

Dictionary<string, string> CommonEnvironment(string work) => new()
{
    ["ASPNETCORE_ENVIRONMENT"] = "Development",
    ["Discret__DemoMode"] = "true",
    ["Discret__Journal__AnchorDirectory"] = Path.Combine(work, "anchors"),
    ["Discret__Journal__AnchorKeyFile"] = Path.Combine(work, "anchor.key"),
    ["Logging__LogLevel__Default"] = "Warning",
    ["Logging__Console__TimestampFormat"] = "HH:mm:ss.fff ", // to set a refusal beside what the instance logged then
    ["Logging__Console__UseUtcTimestamp"] = "true",
    ["DOTNET_gcServer"] = "0",
};

Dictionary<string, string> PostgresEnvironment(string work, Postgres pg)
{
    var env = CommonEnvironment(work);
    env["Discret__Database"] = "Postgres";
    env["ConnectionStrings__Postgres"] = pg.ConnectionString;
    return env;
}

Dictionary<string, string> SqliteEnvironment(string work, string dataFolder)
{
    var env = CommonEnvironment(work);
    env["Discret__Database"] = "Sqlite";
    env["Discret__DataFolder"] = dataFolder;
    return env;
}

/// <summary>The two demo social workers signed in (one TOTP code each) and the open follow-ups each holds as referent.</summary>
async Task<(List<(Staff, Guid)> Targets, int Count)> TargetsAsync(AppInstance instance, string? pg, string? sqlite)
{
    var targets = new List<(Staff, Guid)>();
    foreach (var login in new[] { "ts", "ts.sud" })
    {
        var staff = await Staff.SignInAsync(new CookieContainer(), instance.BaseUrl, login);
        const string sql = """
            SELECT f."Id" FROM follow_ups f JOIN staff_accounts s ON s."Id" = f."ReferentId"
            WHERE s."UserName" = @login AND f."Status" = 'Ouvert' ORDER BY f."Id" LIMIT 20
            """;
        foreach (var id in await QueryIdsAsync(pg, sqlite, sql, ("login", login))) targets.Add((staff, id));
    }
    if (targets.Count == 0) throw new InvalidOperationException("no open follow-up held by the demo social workers");
    return (targets, targets.Count);
}

async Task<List<Guid>> QueryIdsAsync(string? pg, string? sqlite, string sql, params (string Name, object Value)[] parameters)
{
    var ids = new List<Guid>();
    if (pg is not null)
    {
        // Not pooled: a pooled connection would have been cut by the server's restart.
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(pg) { Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var (n, v) in parameters) cmd.Parameters.AddWithValue(n, v);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) ids.Add(r.GetGuid(0));
    }
    else
    {
        await using var conn = new SqliteConnection(sqlite + ";Mode=ReadOnly;Pooling=False");
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (n, v) in parameters) cmd.Parameters.AddWithValue("@" + n, v is DateTime d ? d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) : v);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) ids.Add(Guid.Parse(r.GetString(0)));
    }
    return ids;
}

/// <summary>Acknowledged interviews missing from the database.</summary>
async Task<int> LostAsync(string? pg, string? sqlite, IEnumerable<Guid> acknowledged)
{
    var present = (await QueryIdsAsync(pg, sqlite, "SELECT \"Id\" FROM interviews")).ToHashSet();
    return acknowledged.Count(id => !present.Contains(id));
}

/// <summary>Interviews the load saved (acknowledged or not: a write whose answer was lost may have committed) without the
/// journal entry written in the same transaction (half-saved). The load's interviews are told by their summary.</summary>
async Task<int> WithoutJournalAsync(string? pg, string? sqlite)
{
    var interviews = await QueryIdsAsync(pg, sqlite, "SELECT \"Id\" FROM interviews WHERE \"Summary\" = @summary", ("summary", WriteLoad.Summary));
    var journaled = (await QueryIdsAsync(pg, sqlite, "SELECT \"Reference\" FROM journal_entries WHERE \"Reference\" IS NOT NULL AND \"Action\" = 'Ecriture'")).ToHashSet();
    return interviews.Count(id => !journaled.Contains(id));
}

async Task<(int Code, string Summary)> VerifyJournalAsync(Dictionary<string, string> env, string work)
{
    var info = new ProcessStartInfo("dotnet", [dll, "verify-journal"])
    {
        WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
    };
    foreach (var (k, v) in env) info.Environment[k] = v;
    using var p = Process.Start(info)!;
    var output = await p.StandardOutput.ReadToEndAsync() + await p.StandardError.ReadToEndAsync();
    await p.WaitForExitAsync();
    await File.WriteAllTextAsync(Path.Combine(work, "verify-journal.txt"), output);
    var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.Length > 0) ?? "";
    return (p.ExitCode, line.Length > 200 ? line[..200] : line);
}

static double Pct(Tally tally, int p)
{
    var xs = tally.WriteMs.Order().ToArray();
    return xs.Length == 0 ? 0 : xs[Math.Min(xs.Length - 1, (int)Math.Ceiling(p / 100.0 * xs.Length) - 1)];
}

/// <summary>The exceptions the instances logged (« Unhandled X ← Y on … »), by kind: where the refusals came from.</summary>
static string LoggedFailures(string work)
{
    var kinds = new Dictionary<string, int>();
    foreach (var log in Directory.GetFiles(work, "*.log"))
        foreach (var line in File.ReadLines(log))
        {
            var at = line.IndexOf("Unhandled ", StringComparison.Ordinal);
            if (at < 0) continue;
            var rest = line[(at + 10)..];
            var end = rest.IndexOf(" on ", StringComparison.Ordinal);
            var kind = end > 0 ? rest[..end] : rest;
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
        }
    if (kinds.Count == 0) return "The instances logged no unhandled exception.\n";
    var s = new StringBuilder("| exception logged by the instances (type only, as Discret logs it) | times |\n|---|--:|\n");
    foreach (var (k, v) in kinds.OrderByDescending(kv => kv.Value)) s.Append(CultureInfo.InvariantCulture, $"| {k} | {v:N0} |\n");
    return s.ToString();
}

static double Median(IEnumerable<double> xs) { var o = xs.Order().ToArray(); return o.Length == 0 ? 0 : o[o.Length / 2]; }

static int FreePort()
{
    using var l = new TcpListener(IPAddress.Loopback, 0);
    l.Start();
    return ((IPEndPoint)l.LocalEndpoint).Port;
}

static async Task Shell(string file, string arguments)
{
    using var p = Process.Start(new ProcessStartInfo("sh", ["-c", $"{file} {arguments}"]) { UseShellExecute = false })!;
    await p.WaitForExitAsync();
    if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments}: exit {p.ExitCode}");
}

static void TryDelete(string dir)
{
    try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
}

static string FindRepo()
{
    var dir = AppContext.BaseDirectory;
    while (dir is not null && !File.Exists(Path.Combine(dir, "Discret.slnx"))) dir = Path.GetDirectoryName(dir);
    return dir ?? Directory.GetCurrentDirectory();
}
