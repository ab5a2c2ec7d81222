using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Discret.Data;
using Discret.Web.Features.Journal;
using Discret.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Discret.Bench;

/// <summary>Chain verification throughput: the app's verifier and the lean baseline (<see cref="ChainCheck"/>) over the same journal.</summary>
public static class Verification
{
    internal static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    public static async Task RunAsync(string cs, long? limit, string? only, string? resultsDir)
    {
        var lines = new List<string>();
        if (only is null or "check")
        {
            var cpu = Cpu();
            var c = await ChainCheck.RunAsync(cs, limit);
            cpu = Cpu() - cpu;
            var s = $"| lean re-hash (raw reader + JournalChain.ComputeHash) | {c.Checked:N0} | {(c.Intact ? "intact" : "BROKEN: " + c.Problem)} | {c.Seconds:F1} | {c.Checked / c.Seconds:N0} | {cpu:F1} | {c.Checked / cpu:N0} |";
            Console.WriteLine(s);
            lines.Add(s);
        }
        if (only is null or "app")
        {
            var s = await AppVerifier.RunAsync(cs, limit);
            Console.WriteLine(s);
            lines.Add(s);
        }
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(ci, $"# Discret benchmark — {ParisTime.Now(TimeProvider.System):yyyy-MM-dd HH:mm}, journal chain verification");
        sb.AppendLine();
        sb.AppendLine(ci, $"Load average at the end: {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores. Client CPU: this process's user + system time (the verifier's own work: reading, materialising, hashing).");
        sb.AppendLine();
        sb.AppendLine("| Verifier | entries | result | seconds | entries/s | client CPU s | entries per client CPU s |");
        sb.AppendLine("|---|--:|---|--:|--:|--:|--:|");
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
    public static async Task<string> RunAsync(string cs, long? limit)
    {
        var b = new DbContextOptionsBuilder<PostgresDiscretDbContext>().UseApplicationServiceProvider(DatabaseSetup.DesignTimeServices()).UseNpgsql(cs, o => o.CommandTimeout(0));
        // A prefix: the verifier reads the chain in batches of 20,000 in order; stop it when it asks for the batch after the limit.
        var prefix = limit is { } l ? new Prefix((l + 19_999) / 20_000) : null;
        if (prefix is not null) b.AddInterceptors(prefix);
        await using var db = new PostgresDiscretDbContext(b.Options);
        var root = Directory.CreateTempSubdirectory("discret-bench-anchors").FullName;
        var sw = Stopwatch.StartNew();
        var cpu = Verification.Cpu();
        try
        {
            var anchors = new JournalAnchors(db, Options.Create(new JournalSettings { AnchorDirectory = Path.Combine(root, "anchors") }),
                new ConfigurationBuilder().Build(), new Env(root), TimeProvider.System);
            var v = await new JournalVerifier(db, anchors, TimeProvider.System).VerifyAsync();
            var s = sw.Elapsed.TotalSeconds;
            var c = Verification.Cpu() - cpu;
            return $"| app JournalVerifier.VerifyAsync (EF Core, batches of 20,000) | {v.EntriesChecked:N0} | {(v.Intact ? "intact" : "BROKEN: " + v.Problem)} | {s:F1} | {v.EntriesChecked / s:N0} | {c:F1} | {v.EntriesChecked / c:N0} |";
        }
        catch (PrefixDone)
        {
            var s = sw.Elapsed.TotalSeconds;
            var c = Verification.Cpu() - cpu;
            var n = prefix!.Batches * 20_000;
            return $"| app JournalVerifier.VerifyAsync (EF Core, batches of 20,000), stopped after the first {n:N0} entries | {n:N0} | no break found in the prefix | {s:F1} | {n / s:N0} | {c:F1} | {n / c:N0} |";
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    private sealed class PrefixDone : Exception;

    private sealed class Prefix(long batches) : DbCommandInterceptor
    {
        public long Batches => batches;
        private long _seen;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("journal_entries") && ++_seen > batches) throw new PrefixDone();
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    private sealed class Env(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";
        public string ApplicationName { get; set; } = "Discret.Bench";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
