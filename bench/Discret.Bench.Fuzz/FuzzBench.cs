using Discret.Tests.Fuzz;
using Discret.Tests.Support;

namespace Discret.Bench.Fuzz;

/// <summary>
/// The API fuzz of the suite, longer: 1,000 malformed requests per operation by default, on the provider chosen (one per
/// run: the test application's template database is made once per process). Prints the figures and writes them to
/// bench/results/&lt;date&gt;-fuzz-&lt;provider&gt;[-without-input-classes].md. Exit code 1 when any request answered 5xx.
/// Usage: dotnet run -c Release --project bench/Discret.Bench.Fuzz -- [--provider sqlite|postgres] [--pg "Host=…;Username=…"]
///        [--requests 1000] [--seed N] [--parallelism 2] [--skip-known-input-classes] [--results folder]
/// </summary>
public static class FuzzBench
{
    public static async Task<int> Main(string[] args)
    {
        string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        var provider = Arg("--provider") ?? Environment.GetEnvironmentVariable("DISCRET_TEST_DB") ?? "sqlite";
        Environment.SetEnvironmentVariable("DISCRET_TEST_DB", provider);
        if (Arg("--pg") is { } pg) Environment.SetEnvironmentVariable("DISCRET_TEST_PG", pg);
        // Out of a test project, the test host does not find the application's folder by itself.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_DISCRET_WEB", Path.Combine(Root(), "src", "Discret.Web"));
        var defaults = FuzzOptions.FromEnvironment(requestsPerOperation: 1_000, parallelism: 2);
        var options = defaults with
        {
            RequestsPerOperation = int.TryParse(Arg("--requests"), out var r) ? r : defaults.RequestsPerOperation,
            Seed = int.TryParse(Arg("--seed"), out var s) ? s : defaults.Seed,
            Parallelism = int.TryParse(Arg("--parallelism"), out var p) ? p : defaults.Parallelism,
            SkipKnownInputClasses = defaults.SkipKnownInputClasses || args.Contains("--skip-known-input-classes"),
        };

        Console.WriteLine($"Fuzz on {provider}: {options.RequestsPerOperation} requests per operation, seed {options.Seed}, parallelism {options.Parallelism}…");
        FuzzReport report;
        await using (var app = new FuzzFactory()) report = await new ApiFuzzer(app, options).RunAsync();

        var text = Markdown(report);
        Console.WriteLine(text);
        var folder = Arg("--results") ?? Path.Combine(Root(), "bench", "results");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{DateTime.UtcNow:yyyy-MM-dd}-fuzz-{provider.ToLowerInvariant()}{(options.SkipKnownInputClasses ? "-without-input-classes" : "")}.md");
        await File.WriteAllTextAsync(file, text);
        Console.WriteLine($"Written to {file}");
        return report.ServerErrors == 0 ? 0 : 1;
    }

    private static string Markdown(FuzzReport report)
    {
        var lines = new List<string>
        {
            $"# API fuzz, {report.Provider}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC",
            "",
            report.Summary(),
            "",
            $"Machine: {Environment.ProcessorCount} cores, load average {LoadAverage()} at the end. Requests per second: "
            + FormattableString.Invariant($"{report.Requests / report.Duration.TotalSeconds:0.0} (wall), {report.Requests / report.Cpu.TotalSeconds:0.0} per second of processor time."),
            "",
            report.Figures(),
            "",
            "| operation | requests | 5xx | mean ms | statuses |",
            "|---|--:|--:|--:|---|",
        };
        lines.AddRange(report.Operations.OrderBy(o => o.Operation).Select(o =>
            FormattableString.Invariant($"| {o.Operation} | {o.Requests} | {o.ServerErrors} | {o.Time.TotalMilliseconds / Math.Max(1, o.Requests):0.0} | ")
            + string.Join(", ", o.ByStatus.OrderBy(b => b.Key).Select(b => $"{b.Key}: {b.Value}")) + " |"));
        if (report.Failures.Count > 0) lines.AddRange(["", "## 5xx", "", "```", report.Details(), "```"]);
        return string.Join("\n", lines) + "\n";
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    /// <summary>The repository's folder (the one holding Discret.slnx), from the bench's own.</summary>
    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Discret.slnx"))) return dir.FullName;
        return Directory.GetCurrentDirectory();
    }
}
