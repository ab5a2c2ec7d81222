using Discret.Bench;

var verb = args.FirstOrDefault();
string? Opt(string name) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
var cs = Opt("--connection") ?? Environment.GetEnvironmentVariable("DISCRET_BENCH_CONNECTION");
if (verb is not ("generate" or "run" or "smoke") || cs is null)
{
    Console.WriteLine("""
        usage:
          generate --connection "<npgsql>" [--persons 3000000] [--seed 42] [--locale fr-FR | --locale none]
              (re)creates the database, migrates it with the app's migrations and loads the data set
          run --connection "<npgsql>" [--seconds 20] [--seed 7] [--log-sql] [--results <dir>]
              benchmarks the app's name search and file opening against plain SQL, writes bench/results/<date>-<scale>.md
          smoke --connection "<npgsql>"
              generate --persons 2000, then run for 2 s per scenario (quick end-to-end check)
        """);
    return 2;
}
var seed = int.Parse(Opt("--seed") ?? "42");
var locale = Opt("--locale") is { } l ? (l == "none" ? null : l) : "fr-FR";
switch (verb)
{
    case "generate":
        await new Generator(cs, int.Parse(Opt("--persons") ?? "3000000"), seed, locale).RunAsync();
        break;
    case "run":
        await new Benchmark(cs, double.Parse(Opt("--seconds") ?? "20", System.Globalization.CultureInfo.InvariantCulture), seed, args.Contains("--log-sql"), Opt("--results")).RunAsync();
        break;
    case "smoke":
        await new Generator(cs, 2000, seed, locale).RunAsync();
        await new Benchmark(cs, 2, seed, false, Path.Combine(Path.GetTempPath(), "discret-bench-smoke")).RunAsync();
        break;
}
return 0;
