using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Discret.Data;
using Discret.Web.Features.Journal;
using Discret.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Discret.Bench;

/// <summary>Chain verification throughput: the app's verifier and the lean baseline (<see cref="ChainCheck"/>) over the same journal.</summary>
public static class Verification
{
    internal static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>CPU seconds used by the whole machine (user + nice + system, /proc/stat): the client and PostgreSQL's backends together.</summary>
    internal static double MachineCpu()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(cpu[1]) + long.Parse(cpu[2]) + long.Parse(cpu[3])) / 100.0;
    }

    public static async Task RunAsync(string cs, long? limit, string? only, string? resultsDir, int segment)
    {
        var lines = new List<string>();
        if (only is null or "check")
        {
            var cpu = Cpu();
            var machine = MachineCpu();
            var c = await ChainCheck.RunAsync(cs, limit);
            cpu = Cpu() - cpu;
            machine = MachineCpu() - machine;
            var s = $"| lean re-hash (raw reader + JournalChain.ComputeHash, one stream) | {c.Checked:N0} | {(c.Intact ? "intact" : "BROKEN: " + c.Problem)} | {c.Seconds:F1} | {c.Checked / c.Seconds:N0} | {cpu:F1} | {c.Checked / cpu:N0} | {machine:F1} |";
            Console.WriteLine(s);
            lines.Add(s);
        }
        if (only is null or "app")
        {
            var s = await AppVerifier.RunAsync(cs, segment);
            Console.WriteLine(s);
            lines.Add(s);
        }
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(ci, $"# Discret benchmark — {ParisTime.Now(TimeProvider.System):yyyy-MM-dd HH:mm}, journal chain verification");
        sb.AppendLine();
        sb.AppendLine(ci, $"Load average at the end: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores. Client CPU: this process's user + system time (the verifier's own work: reading, materialising, hashing); machine CPU: every process's, PostgreSQL's backends included.");
        sb.AppendLine();
        sb.AppendLine("| Verifier | entries | result | seconds | entries/s | client CPU s | entries per client CPU s | machine CPU s |");
        sb.AppendLine("|---|--:|---|--:|--:|--:|--:|--:|");
        foreach (var l in lines) sb.AppendLine(l);
        var dir = resultsDir ?? Benchmark.FindResultsDir();
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"{ParisTime.Now(TimeProvider.System):yyyy-MM-dd}-journal-verify.md");
        await File.WriteAllTextAsync(path, sb.ToString());
        Console.WriteLine($"written to {path}");
    }
}

/// <summary>
/// The app's verifier as <c>verify-journal</c> runs it: <see cref="JournalVerifier.VerifyAsync"/> on a fresh context, with
/// no anchor files (an empty anchor directory), so it walks the whole chain from entry 1 and checks the head.
/// </summary>
public static class AppVerifier
{
    /// <param name="segment">Entries per segment (<see cref="JournalSettings.VerifySegment"/>); segments are read one per processor at a time.</param>
    public static async Task<string> RunAsync(string cs, int segment)
    {
        var b = new DbContextOptionsBuilder<PostgresDiscretDbContext>().UseApplicationServiceProvider(DatabaseSetup.DesignTimeServices()).UseNpgsql(cs, o => o.CommandTimeout(0));
        await using var db = new PostgresDiscretDbContext(b.Options);
        var root = Directory.CreateTempSubdirectory("discret-bench-anchors").FullName;
        var settings = Options.Create(new JournalSettings { AnchorDirectory = Path.Combine(root, "anchors"), VerifySegment = segment });
        var sw = Stopwatch.StartNew();
        var cpu = Verification.Cpu();
        var machine = Verification.MachineCpu();
        try
        {
            var anchors = new JournalAnchors(db, settings, new ConfigurationBuilder().Build(), new Env(root), TimeProvider.System);
            var v = await new JournalVerifier(db, anchors, TimeProvider.System, settings).VerifyAsync();
            var s = sw.Elapsed.TotalSeconds;
            var c = Verification.Cpu() - cpu;
            var m = Verification.MachineCpu() - machine;
            return $"| app JournalVerifier.VerifyAsync (segments of {segment:N0}, {Environment.ProcessorCount} at a time) | {v.EntriesChecked:N0} | {(v.Intact ? "intact" : "BROKEN: " + v.Problem)} | {s:F1} | {v.EntriesChecked / s:N0} | {c:F1} | {v.EntriesChecked / c:N0} | {m:F1} |";
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    /// <summary>
    /// The app's <see cref="JournalPurge"/> on a clock set to <paramref name="at"/> (default retention, 365 days): what it
    /// dropped as whole months, what it deleted row by row, and the time each took. Destructive: run it last.
    /// </summary>
    public static async Task<string> PurgeAsync(string cs, DateTime at)
    {
        var b = new DbContextOptionsBuilder<PostgresDiscretDbContext>().UseApplicationServiceProvider(DatabaseSetup.DesignTimeServices()).UseNpgsql(cs, o => o.CommandTimeout(0));
        await using var db = new PostgresDiscretDbContext(b.Options);
        var root = Directory.CreateTempSubdirectory("discret-bench-anchors").FullName;
        try
        {
            var settings = Options.Create(new JournalSettings { AnchorDirectory = Path.Combine(root, "anchors") });
            var clock = new FixedClock(new DateTimeOffset(at, TimeSpan.Zero));
            var cutoff = at - settings.Value.Retention;
            var monthsBefore = await JournalPartitions.ListAsync(db);
            var dropping = monthsBefore.Where(m => m.End <= cutoff).ToList();
            var inDropped = 0L;
            foreach (var m in dropping)
                inDropped += await db.Database.SqlQueryRaw<long>($"SELECT count(*) AS \"Value\" FROM \"{m.Table}\"").SingleAsync();
            var total = await db.JournalEntries.LongCountAsync();
            var anchors = new JournalAnchors(db, settings, new ConfigurationBuilder().Build(), new Env(root), clock);
            var journal = new AccessJournal(db, new Microsoft.AspNetCore.Http.HttpContextAccessor(), clock);
            var sw = Stopwatch.StartNew();
            var deleted = await new JournalPurge(db, anchors, journal, settings, clock).RunAsync();
            var seconds = sw.Elapsed.TotalSeconds;
            var monthsAfter = await JournalPartitions.ListAsync(db);
            var gone = monthsBefore.Select(m => m.Table).Except(monthsAfter.Select(m => m.Table)).ToList();
            return $"purge at {at:yyyy-MM-dd} (cut-off {cutoff:yyyy-MM-dd}): {total:N0} entries before; {deleted:N0} deleted in {seconds:F1} s — "
                + $"{gone.Count} month(s) dropped whole ({string.Join(", ", gone)}: {inDropped:N0} entries), {deleted - inDropped:N0} deleted row by row";
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    internal sealed class Env(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";
        public string ApplicationName { get; set; } = "Discret.Bench";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
