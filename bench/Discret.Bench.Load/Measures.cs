using System.Diagnostics;
using System.Globalization;
using System.Text;
using Discret.Bench.Faults;
using Npgsql;

namespace Discret.Bench.Load;

/// <summary>
/// Where the machine's processor time goes during a step: each instance of the app, the PostgreSQL cluster (the
/// postmaster and its children, from /proc), this driver, and the whole machine (/proc/stat), with the load average.
/// The machine is shared: the rest is other work.
/// </summary>
public sealed class MachineLoad(string connectionString)
{
    private int _postmaster;
    private static readonly double Hz = 100; // USER_HZ: /proc's clock ticks

    public sealed record Sample(long At, Dictionary<string, double> Cpu, long Busy, long Total);

    public async Task InitAsync()
    {
        try
        {
            await using var conn = new NpgsqlConnection(connectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SHOW data_directory", conn);
            var data = (string)(await cmd.ExecuteScalarAsync())!;
            _postmaster = int.Parse(File.ReadLines(Path.Combine(data, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PostgresException or FormatException)
        {
            Console.WriteLine($"PostgreSQL's processor time will not be measured ({e.GetType().Name})");
        }
    }

    public Sample Snapshot(IEnumerable<AppInstance> instances)
    {
        var cpu = instances.ToDictionary(i => $"app {i.Name}", i => i.ProcessorTime.TotalSeconds);
        cpu["postgres"] = PostgresSeconds();
        cpu["driver"] = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        var idle = fields[3] + fields[4];
        return new Sample(Stopwatch.GetTimestamp(), cpu, fields.Sum() - idle, fields.Sum());
    }

    public void Complete(StepResult step, Sample before, IEnumerable<AppInstance> instances)
    {
        var after = Snapshot(instances);
        var seconds = (after.At - before.At) / (double)Stopwatch.Frequency;
        foreach (var (k, v) in after.Cpu) step.CpuSeconds[k] = (v - before.Cpu.GetValueOrDefault(k)) / seconds;
        step.MachineBusy = after.Total == before.Total ? 0 : (after.Busy - before.Busy) * 100.0 / (after.Total - before.Total);
        // The rest of the machine's busy time: other work on the shared machine (and the kernel).
        step.CpuSeconds["others"] = Math.Max(0, step.MachineBusy / 100 * Environment.ProcessorCount - step.CpuSeconds.Where(c => c.Key != "others").Sum(c => c.Value));
        step.Load1 = double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Every 100 ms, what the database's sessions are doing: on CPU (active, no wait event), waiting on what, or idle in
    /// a transaction; for those waiting on a lock, the state and statement start of the session blocking them.
    /// </summary>
    public async Task SampleActivityAsync(StepResult step, CancellationToken stop)
    {
        try
        {
            await using var conn = new NpgsqlConnection(connectionString);
            await conn.OpenAsync(CancellationToken.None);
            await using var cmd = new NpgsqlCommand("""
                SELECT CASE WHEN a.state = 'active' THEN coalesce(a.wait_event_type || ':' || a.wait_event, 'on CPU') ELSE a.state END,
                       (SELECT string_agg(b.state || ': ' || left(regexp_replace(b.query, '\s+', ' ', 'g'), 70), ' / ')
                        FROM pg_stat_activity b WHERE a.wait_event_type = 'Lock' AND b.pid = ANY (pg_blocking_pids(a.pid)))
                FROM pg_stat_activity a WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND a.backend_type = 'client backend'
                  AND a.state IN ('active', 'idle in transaction')
                """, conn);
            while (!stop.IsCancellationRequested)
            {
                await using (var r = await cmd.ExecuteReaderAsync(CancellationToken.None))
                    while (await r.ReadAsync(CancellationToken.None))
                    {
                        var state = r.GetString(0);
                        step.Activity[state] = step.Activity.GetValueOrDefault(state) + 1;
                        if (!r.IsDBNull(1)) step.Blockers[r.GetString(1)] = step.Blockers.GetValueOrDefault(r.GetString(1)) + 1;
                    }
                step.ActivitySamples++;
                try { await Task.Delay(100, stop); } catch (OperationCanceledException) { break; }
            }
        }
        catch (NpgsqlException e) { Console.WriteLine($"pg_stat_activity sampling stopped: {e.Message}"); }
    }

    private double PostgresSeconds()
    {
        if (_postmaster == 0) return 0;
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                // f[1] = ppid, f[11] = utime, f[12] = stime, f[13] = cutime, f[14] = cstime (fields 4, 14–17 of proc(5)). A
                // backend that exits (an idle pooled connection closed) leaves its time to the postmaster's cutime/cstime.
                if (pid == _postmaster)
                    ticks += f.Skip(11).Take(4).Sum(t => long.Parse(t, CultureInfo.InvariantCulture));
                else if (int.Parse(f[1], CultureInfo.InvariantCulture) == _postmaster)
                    ticks += long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
            }
            catch (IOException) { }
        }
        return ticks / Hz;
    }
}

/// <summary>The nightly retention job run by hand while the load goes on: `Discret.Web.dll conservation` (a real run).</summary>
public sealed class RetentionRun(string dll, IReadOnlyDictionary<string, string> environment, string logFile)
{
    public DateTime StartedAt { get; private set; }
    public DateTime EndedAt { get; private set; } = DateTime.MaxValue;
    public bool Running { get; private set; }
    public int ExitCode { get; private set; }
    public List<string> Output { get; } = [];

    public async Task RunAsync()
    {
        var info = new ProcessStartInfo("dotnet", [dll, "conservation"])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (k, v) in environment) info.Environment[k] = v;
        StartedAt = DateTime.UtcNow;
        Running = true;
        Console.WriteLine($"retention job started ({StartedAt:HH:mm:ss} UTC)");
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        EndedAt = DateTime.UtcNow;
        Running = false;
        ExitCode = p.ExitCode;
        var text = await stdout + await stderr;
        await File.WriteAllTextAsync(logFile, text);
        // What the job did: counts per rule, summed over the circonscriptions (generated names), no person.
        var done = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).SkipWhile(l => !l.StartsWith("Fait", StringComparison.Ordinal)).Skip(1)
            .Select(l => l.Trim()).Where(l => l.Contains(" — Circonscription ", StringComparison.Ordinal) && l.Contains(" : ", StringComparison.Ordinal));
        foreach (var g in done.GroupBy(l => l[..l.LastIndexOf(" — Circonscription ", StringComparison.Ordinal)]))
            Output.Add($"{g.Key}: {g.Sum(l => long.TryParse(l[(l.LastIndexOf(" : ", StringComparison.Ordinal) + 3)..], out var n) ? n : 0):N0}");
        if (Output.Count == 0) Output.AddRange(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(10));
        Console.WriteLine($"retention job ended after {(EndedAt - StartedAt).TotalSeconds:F0} s, exit {ExitCode}");
    }
}

/// <summary>The profile step's tools: dotnet-counters and dotnet-trace on one instance, PostgreSQL's own view.</summary>
public sealed class Profile(string tools, string work, string connectionString, AppInstance instance)
{
    public StepResult? Step { get; set; }
    public string Instance => instance.Name;
    public List<(string Provider, string Counter, double Mean, double Max)> Counters { get; } = [];
    public string TraceExclusive { get; private set; } = "";
    public string TraceInclusive { get; private set; } = "";
    public string TraceNote { get; private set; } = "";
    public List<(long Calls, double TotalMs, double MeanMs, long Rows, string Query)> Statements { get; } = [];
    public double StatementsTotalMs { get; private set; }
    public string? StatementsNote { get; private set; }

    private string Tool(string name) => File.Exists(Path.Combine(tools, name)) ? Path.Combine(tools, name) : name;

    public Task StartCounters(double seconds)
    {
        var file = Path.Combine(work, "counters.csv");
        var duration = TimeSpan.FromSeconds(seconds);
        return Task.Run(async () =>
        {
            var (code, output) = await RunAsync(Tool("dotnet-counters"), ["collect", "-p", instance.ProcessId!.Value.ToString(CultureInfo.InvariantCulture),
                "--counters", "System.Runtime,Microsoft.AspNetCore.Hosting,Microsoft.AspNetCore.Server.Kestrel,System.Net.Http,Npgsql",
                "--format", "csv", "-o", file, "--duration", duration.ToString(@"dd\:hh\:mm\:ss", CultureInfo.InvariantCulture)], seconds + 60);
            if (!File.Exists(file)) { Console.WriteLine($"dotnet-counters: exit {code}: {output}"); return; }
            // Timestamp,Provider,Counter Name,Counter Type,Mean/Increment
            var rows = File.ReadLines(file).Skip(1).Select(l => l.Split(',')).Where(f => f.Length >= 5)
                .Select(f => (Provider: f[1], Counter: string.Join(',', f[2..^2]), Value: double.TryParse(f[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN))
                .Where(r => !double.IsNaN(r.Value));
            static string Short(string c) => System.Text.RegularExpressions.Regex.Replace(c,
                @"db\.client\.connection\.pool\.name=[^;\]]*;?|network\.[a-z.]+=[^;\]]*;?|url\.scheme=[^;\]]*;?|server\.[a-z]+=[^;\]]*;?|db\.system\.name=[^;\]]*;?|http\.request\.method=", "").Replace(";]", "]").Replace("[]", "");
            rows = rows.Where(r => !r.Counter.Contains("Percentile=50") && !r.Counter.Contains("Percentile=99") && !r.Counter.Contains("fragmentation")
                && !r.Counter.Contains("assembly.count") && !r.Counter.Contains("timer.count") && !r.Counter.Contains("jit.") && !r.Counter.Contains("cpu.count"))
                .Select(r => (r.Provider, Short(r.Counter), r.Value)).ToList();
            foreach (var g in rows.GroupBy(r => (r.Provider, r.Counter)).OrderBy(g => g.Key.Provider, StringComparer.Ordinal).ThenBy(g => g.Key.Counter, StringComparer.Ordinal))
                Counters.Add((g.Key.Provider, g.Key.Counter, g.Average(r => r.Value), g.Max(r => r.Value)));
        });
    }

    public async Task TraceAsync(int seconds)
    {
        var file = Path.Combine(work, "cpu.nettrace");
        var (code, output) = await RunAsync(Tool("dotnet-trace"), ["collect", "-p", instance.ProcessId!.Value.ToString(CultureInfo.InvariantCulture),
            "--profile", "dotnet-common,dotnet-sampled-thread-time", "--duration", TimeSpan.FromSeconds(seconds).ToString(@"dd\:hh\:mm\:ss", CultureInfo.InvariantCulture), "-o", file], seconds + 120);
        if (!File.Exists(file)) { TraceNote = $"dotnet-trace exit {code}: {output.Trim()}"; return; }
        TraceNote = $"{new FileInfo(file).Length / 1e6:F1} MB trace in the work folder (not kept in the repository)";
        TraceExclusive = (await RunAsync(Tool("dotnet-trace"), ["report", file, "topN", "-n", "30"], 300)).Output;
        TraceInclusive = (await RunAsync(Tool("dotnet-trace"), ["report", file, "topN", "-n", "60", "--inclusive"], 300)).Output;
    }

    public async Task ResetStatementsAsync()
    {
        try
        {
            await using var conn = new NpgsqlConnection(connectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        catch (PostgresException e) { StatementsNote = $"pg_stat_statements unavailable ({e.SqlState}: {e.MessageText}); start the server with shared_preload_libraries=pg_stat_statements"; }
    }

    public async Task ReadStatementsAsync()
    {
        if (StatementsNote is not null) return;
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using (var total = new NpgsqlCommand("SELECT coalesce(sum(total_exec_time), 0) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())", conn))
            StatementsTotalMs = Convert.ToDouble(await total.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        await using var cmd = new NpgsqlCommand("""
            SELECT calls, total_exec_time, mean_exec_time, rows, regexp_replace(query, '\s+', ' ', 'g')
            FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            ORDER BY total_exec_time DESC LIMIT 15
            """, conn);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            var q = r.GetString(4);
            Statements.Add((r.GetInt64(0), r.GetDouble(1), r.GetDouble(2), r.GetInt64(3), q.Length > 220 ? q[..220] + " …" : q));
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, IEnumerable<string> arguments, double timeoutSeconds)
    {
        var info = new ProcessStartInfo(file, arguments) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try { await p.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { p.Kill(entireProcessTree: true); }
        return (p.HasExited ? p.ExitCode : -1, await stdout + await stderr);
    }
}

/// <summary>The results file: figures only (counts, rates, times), nothing about any person.</summary>
public static class Report
{
    public static string Write(string label, int seed, string cs, DateTime started, List<StepResult> steps, RetentionRun? retention, Profile? profile, Morning plan,
        int sessions, TimeSpan signIn, List<double> rates, double stepSeconds, double warmupSeconds, double maxP95, int instances, int exitCode)
    {
        var s = new StringBuilder();
        var server = new NpgsqlConnectionStringBuilder(cs);
        s.AppendLine(CultureInfo.InvariantCulture, $"# Load scenario, {label} — {started:yyyy-MM-dd HH:mm}–{DateTime.UtcNow:HH:mm} UTC");
        s.AppendLine();
        s.AppendLine($"Produced by `bench/load.sh` (bench/Discret.Bench.Load). Machine: {Environment.ProcessorCount} cores, shared (see the load average column). "
            + $"{instances} Discret instances (Release, `dotnet Discret.Web.dll`, Development environment for plain HTTP on loopback, rate limits lifted) and the driver on this machine; "
            + $"PostgreSQL on 127.0.0.1:{server.Port}, database `{server.Database}`. Open model: Poisson arrivals at the target rate, requests sent to the instances in turn, "
            + $"latency from the instant each request was due. Steps of {stepSeconds:0} s after a {warmupSeconds:0} s warm-up, rates {string.Join(", ", rates)} req/s, "
            + $"stopping after the first step with p95 > {maxP95:0} ms or an error (5xx, timeout, connection failure); then a profile step at the highest rate that held "
            + "(tools attached), then a retention step: the nightly job started with a step at half that rate, which lasts as long as the job. " + $"Seed {seed}. "
            + "A booking refused because the worker already has an appointment then is a 400 on workerIds (the app's answer to a clash), not an error.");
        s.AppendLine();
        s.AppendLine($"Sessions: {plan.Workers.Count} social workers ({plan.Workers.Sum(w => w.FollowUps.Count):N0} open follow-ups as referent), "
            + $"{plan.Reception.Count} reception agents, 1 DPO — {sessions} signed in (password + TOTP) in {signIn.TotalSeconds:F0} s. Mix (per cent of requests): "
            + string.Join(", ", Driver.Mix.Select(m => $"{m.Action} {m.Weight}")) + ".");
        s.AppendLine();
        s.AppendLine(exitCode == 1 ? "**FAILED: at least one answer was a 500.**" : "No answer was a 500.");
        s.AppendLine();
        s.AppendLine("## Steps (all actions)");
        s.AppendLine();
        s.AppendLine("| target req/s | achieved req/s | p50 ms | p95 ms | p99 ms | max ms | 2xx | 409 | other 4xx | 503 | 500 | timeouts / failed | retention job | load avg (1 min) | CPU cores: " + string.Join(" / ", CpuKeys(steps)) + " | machine busy |");
        s.AppendLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|--:|--:|");
        // The ramp, the profile step, then the retention step (run in that order).
        var all = steps.Where(x => !x.RetentionRunning).Concat(profile?.Step is { } p ? [p] : []).Concat(steps.Where(x => x.RetentionRunning)).ToList();
        foreach (var step in all) s.AppendLine(Line(step, CpuKeys(all)));
        s.AppendLine();
        s.AppendLine("CPU cores: processor time per second of each process over the step (`others`: the rest of the machine's busy time — other work on the shared machine, the kernel).");
        s.AppendLine();
        s.AppendLine("PostgreSQL's sessions of the database (pg_stat_activity every 100 ms; mean number of sessions in each state — on CPU, waiting on an event, or idle in a transaction — and, for lock waits, what held the lock):");
        s.AppendLine();
        s.AppendLine("| step | sessions by state (mean) | lock waits: the blocking session (samples) |");
        s.AppendLine("|---|---|---|");
        foreach (var step in all)
            s.AppendLine($"| {step.Name} | {step.TopActivity(6)} | {string.Join("; ", step.Blockers.OrderByDescending(b => b.Value).Take(3).Select(b => $"`{b.Key.Replace("|", "\\|")}` × {b.Value}"))} |");
        s.AppendLine();
        s.AppendLine("## Per action");
        s.AppendLine();
        s.AppendLine("| step | action | requests | achieved /s | p50 ms | p95 ms | p99 ms | max ms | outcomes |");
        s.AppendLine("|---|---|--:|--:|--:|--:|--:|--:|---|");
        foreach (var step in all)
            foreach (var (action, a) in step.Actions)
                s.AppendLine(CultureInfo.InvariantCulture, $"| {step.Name} | {action} | {a.Completed:N0} | {a.Completed / step.WallSeconds:F1} | {a.P50:F1} | {a.P95:F1} | {a.P99:F1} | {a.Max:F0} | {Outcomes(a)} |");
        s.AppendLine();
        s.AppendLine("## The retention job during the run");
        s.AppendLine();
        if (retention is null) s.AppendLine("Not run.");
        else
        {
            s.AppendLine($"`Discret.Web.dll conservation` (a real run, the app's clock: today) started {retention.StartedAt:HH:mm:ss} UTC at the start of the step « {steps.LastOrDefault(x => x.RetentionRunning)?.Name} », "
                + $"ended {retention.EndedAt:HH:mm:ss} after {(retention.EndedAt - retention.StartedAt).TotalSeconds:F0} s, exit code {retention.ExitCode}. What it did (summed over the circonscriptions):");
            s.AppendLine();
            s.AppendLine("```");
            foreach (var l in retention.Output) s.AppendLine(l.TrimEnd());
            s.AppendLine("```");
            if (steps.LastOrDefault(x => x.RetentionRunning) is { } during)
            {
                s.AppendLine();
                s.AppendLine($"Timeline of that step (requests by the {StepResult.WindowSeconds}-second window they were due in; the job ran from 0 s to {(retention.EndedAt - retention.StartedAt).TotalSeconds:F0} s):");
                s.AppendLine();
                s.AppendLine("| from s | requests | p50 ms | p95 ms | p99 ms | max ms | outcomes |");
                s.AppendLine("|--:|--:|--:|--:|--:|--:|---|");
                foreach (var (w, a) in during.Windows)
                    s.AppendLine($"| {w * StepResult.WindowSeconds} | {a.Completed:N0} | {a.P50:F0} | {a.P95:F0} | {a.P99:F0} | {a.Max:F0} | {string.Join(", ", a.Outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} × {o.Value:N0}"))} |");
            }
        }
        if (profile is not null)
        {
            s.AppendLine();
            s.AppendLine(CultureInfo.InvariantCulture, $"## Where the time goes — profile step at {profile.Step?.Rate:0} req/s (instance {profile.Instance}, tools attached)");
            s.AppendLine();
            s.AppendLine("### dotnet-counters (mean / max over the step)");
            s.AppendLine();
            s.AppendLine("| provider | counter | mean | max |");
            s.AppendLine("|---|---|--:|--:|");
            foreach (var c in profile.Counters) s.AppendLine(CultureInfo.InvariantCulture, $"| {c.Provider} | {c.Counter} | {c.Mean:G4} | {c.Max:G4} |");
            s.AppendLine();
            s.AppendLine("### PostgreSQL: sessions of the database every 100 ms");
            s.AppendLine();
            var ps = profile.Step!;
            s.AppendLine($"{ps.ActivitySamples} samples; mean number of sessions in each state:");
            s.AppendLine();
            s.AppendLine("| state / wait | mean sessions |");
            s.AppendLine("|---|--:|");
            foreach (var (k, v) in ps.Activity.OrderByDescending(kv => kv.Value)) s.AppendLine($"| {k} | {v / (double)Math.Max(1, ps.ActivitySamples):F2} |");
            s.AppendLine();
            s.AppendLine("### PostgreSQL: top statements by total time (pg_stat_statements, the profile step only)");
            s.AppendLine();
            if (profile.StatementsNote is { } note) s.AppendLine(note);
            else
            {
                s.AppendLine(CultureInfo.InvariantCulture, $"Total execution time of the database's statements: {profile.StatementsTotalMs / 1000:F1} s over the step.");
                s.AppendLine();
                s.AppendLine("| calls | total ms | % | mean ms | rows | statement (start) |");
                s.AppendLine("|--:|--:|--:|--:|--:|---|");
                foreach (var st in profile.Statements)
                    s.AppendLine(CultureInfo.InvariantCulture, $"| {st.Calls:N0} | {st.TotalMs:F0} | {100 * st.TotalMs / Math.Max(1, profile.StatementsTotalMs):F1} | {st.MeanMs:F2} | {st.Rows:N0} | `{st.Query.Replace("|", "\\|").Replace("`", "'")}` |");
            }
            s.AppendLine();
            s.AppendLine("### dotnet-trace, sampled thread stacks (dotnet-sampled-thread-time, ~100 Hz), 20 s");
            s.AppendLine();
            s.AppendLine("Every managed thread is sampled, waiting or not: exclusive time on waits (epoll, semaphores, sockets) is idle time; "
                + "the frames of the app's code in the inclusive list show where its requests spend their time.");
            s.AppendLine();
            s.AppendLine(profile.TraceNote);
            s.AppendLine();
            s.AppendLine("Exclusive (top 30):");
            s.AppendLine();
            s.AppendLine("```");
            s.AppendLine(profile.TraceExclusive.TrimEnd());
            s.AppendLine("```");
            s.AppendLine();
            s.AppendLine("Inclusive (top 60):");
            s.AppendLine();
            s.AppendLine("```");
            s.AppendLine(profile.TraceInclusive.TrimEnd());
            s.AppendLine("```");
        }
        return s.ToString();
    }

    private static List<string> CpuKeys(List<StepResult> steps) => steps.SelectMany(x => x.CpuSeconds.Keys).Distinct().Order(StringComparer.Ordinal).ToList();

    private static string Line(StepResult step, List<string> cpu)
    {
        var o = step.Overall;
        int Of(Func<int, bool> f) => step.Count(f);
        var failed = o.Outcomes.Where(x => !char.IsDigit(x.Key[0])).Sum(x => x.Value);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {step.Name} | {o.Completed / step.WallSeconds:F1} | {o.P50:F1} | {o.P95:F1} | {o.P99:F1} | {o.Max:F0} | {Of(x => x / 100 == 2):N0} | {Of(x => x == 409)} | {Of(x => x / 100 == 4 && x != 409)} | {Of(x => x == 503)} | {Of(x => x == 500)} | {failed} | {(step.RetentionRunning ? "running" : "")} | {step.Load1:F2} | {string.Join(" / ", cpu.Select(k => step.CpuSeconds.GetValueOrDefault(k).ToString("F2", CultureInfo.InvariantCulture)))} | {step.MachineBusy:F0} % |");
    }

    private static string Outcomes(ActionStats a) => string.Join(", ", a.Outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} × {o.Value:N0}"))
        + (a.Titles.IsEmpty ? "" : " — " + string.Join("; ", a.Titles.OrderByDescending(t => t.Value).Select(t => $"{t.Key} × {t.Value:N0}")));
}
