using System.Diagnostics;
using System.Globalization;
using System.Text;
using Discret.Web.Data;
using Discret.Web.Journal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Discret.Bench;

/// <summary>Chain verification throughput: the app's verifier and the lean baseline (<see cref="ChainCheck"/>) over the same journal.</summary>
public static class Verification
{
    public static async Task RunAsync(string cs, long? limit, string? only, string? resultsDir)
    {
        var lines = new List<string>();
        if (only is null or "check")
        {
            var c = await ChainCheck.RunAsync(cs, limit);
            var s = $"| lean re-hash (raw reader + JournalChain.ComputeHash) | {c.Checked:N0} | {(c.Intact ? "intact" : "BROKEN: " + c.Problem)} | {c.Seconds:F1} | {c.Checked / c.Seconds:N0} |";
            Console.WriteLine(s);
            lines.Add(s);
        }
        if (only is null or "app")
        {
            var s = await AppVerifier.RunAsync(cs);
            Console.WriteLine(s);
            lines.Add(s);
        }
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(ci, $"# Discret benchmark — {DateTime.Now:yyyy-MM-dd HH:mm}, journal chain verification");
        sb.AppendLine();
        sb.AppendLine("| Verifier | entries | result | seconds | entries/s |");
        sb.AppendLine("|---|--:|---|--:|--:|");
        foreach (var l in lines) sb.AppendLine(l);
        var dir = resultsDir ?? Benchmark.FindResultsDir();
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"{DateTime.Now:yyyy-MM-dd}-journal-verify.md");
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
    public static async Task<string> RunAsync(string cs)
    {
        var options = new DbContextOptionsBuilder<PostgresDiscretDbContext>().UseNpgsql(cs, o => o.CommandTimeout(0)).Options;
        await using var db = new PostgresDiscretDbContext(options);
        var root = Directory.CreateTempSubdirectory("discret-bench-anchors").FullName;
        try
        {
            var anchors = new JournalAnchors(db, Options.Create(new JournalSettings { AnchorDirectory = Path.Combine(root, "anchors") }),
                new ConfigurationBuilder().Build(), new Env(root), TimeProvider.System);
            var sw = Stopwatch.StartNew();
            var v = await new JournalVerifier(db, anchors, TimeProvider.System).VerifyAsync();
            var s = sw.Elapsed.TotalSeconds;
            return $"| app JournalVerifier.VerifyAsync (EF Core, batches of 20,000) | {v.EntriesChecked:N0} | {(v.Intact ? "intact" : "BROKEN: " + v.Problem)} | {s:F1} | {v.EntriesChecked / s:N0} |";
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    private sealed class Env(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";
        public string ApplicationName { get; set; } = "Discret.Bench";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
