using System.Globalization;
using System.Text;

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

/// <summary>The app's verifier (JournalVerifier, landing from main).</summary>
public static class AppVerifier
{
    public static Task<string> RunAsync(string cs) => Task.FromResult("| app JournalVerifier.VerifyAsync | — | not available in this build | — | — |");
}
