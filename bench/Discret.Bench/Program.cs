using Discret.Bench;

var verb = args.FirstOrDefault();
string? Opt(string name) { var i = Array.IndexOf(args, name); return i >= 0 && i + 1 < args.Length ? args[i + 1] : null; }
var cs = Opt("--connection") ?? Environment.GetEnvironmentVariable("DISCRET_BENCH_CONNECTION");
if (verb is not ("generate" or "generate-journal" or "credentials" or "run" or "verify" or "purge" or "smoke") || cs is null)
{
    Console.WriteLine("""
        usage:
          generate --connection "<npgsql>" [--persons 3000000] [--seed 42] [--locale fr-FR | --locale none] [--bench-credentials]
              (re)creates the database, migrates it with the app's migrations and loads the data set; --bench-credentials:
              then as `credentials`
          credentials --connection "<npgsql>"
              lets the data set's accounts sign in through the app (bench password and TOTP seed for every account, a DPO
              account dpo.bench, the département's settings): for the load scenario, bench/Discret.Bench.Load
          generate-journal --connection "<npgsql>" [--entries 110000000] [--days 365] [--seed 42]
              replaces the access journal by a year of realistic entries chained with the app's JournalChain, rebuilds its
              indexes and moves journal_head (uses the data set's accounts and persons; run after generate)
          run --connection "<npgsql>" [--seconds 20] [--seed 7] [--log-sql] [--results <dir>] [--scenarios a,b,c,d,e,f,g,h,i,j,k,l]
              benchmarks the app's name search (a, b), file opening (c), file opening with its journal entry (d) and the
              DPO's journal search (e, needs generate-journal), the worker's day (g–l: home lists, tasks, agenda week, reception's
              day, « À orienter », « À réattribuer ») against their baselines, writes bench/results/<date>-<scale>….md;
              f (only when listed): the nightly retention job against a hand-written SQL delete of the same rows, each
              committed on its own fresh copy of the data set, --f-repeats times (3), the rows left compared by content;
              writes bench/results/<date>-<scale>-retention-f.md (needs room for one copy of the data set)
          verify --connection "<npgsql>" [--limit <seq>] [--only app|check] [--segment <entries>]
              times the app's JournalVerifier.VerifyAsync over the whole chain and a lean re-hash of the same rows
              (--limit: the lean check of the first <seq> rows only; --segment: the app verifier's segment size), writes bench/results/<date>-journal-verify.md
          purge --connection "<npgsql>" [--at 2026-12-06]
              runs the app's journal purge on a clock set to that day (destructive): months dropped whole, entries deleted row by row, time
          smoke --connection "<npgsql>"
              generate --persons 2000, generate-journal --entries 50000, run for 2 s per scenario, verify (quick end-to-end check)
        """);
    return 2;
}
var seed = int.Parse(Opt("--seed") ?? "42");
var locale = Opt("--locale") is { } l ? (l == "none" ? null : l) : "fr-FR";
switch (verb)
{
    case "generate":
        await new Generator(cs, int.Parse(Opt("--persons") ?? "3000000"), seed, locale).RunAsync();
        if (args.Contains("--bench-credentials")) await BenchCredentials.ApplyAsync(cs);
        break;
    case "credentials":
        await BenchCredentials.ApplyAsync(cs);
        break;
    case "generate-journal":
        await new JournalGenerator(cs, long.Parse(Opt("--entries") ?? "110000000"), seed, int.Parse(Opt("--days") ?? "365")).RunAsync();
        break;
    case "purge":
        Console.WriteLine(await AppVerifier.PurgeAsync(cs, DateTime.Parse(Opt("--at") ?? "2026-12-06", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal)));
        break;
    case "verify":
        await Verification.RunAsync(cs, Opt("--limit") is { } lim ? long.Parse(lim) : null, Opt("--only"), Opt("--results"),
            Opt("--segment") is { } seg ? int.Parse(seg) : new Discret.Web.Features.Journal.JournalSettings().VerifySegment);
        break;
    case "run":
        return Verdict(await Run(new Benchmark(cs, double.Parse(Opt("--seconds") ?? "20", System.Globalization.CultureInfo.InvariantCulture), seed, args.Contains("--log-sql"), Opt("--results"), Opt("--scenarios")) { RetentionRepeats = int.Parse(Opt("--f-repeats") ?? "3") }));
    case "smoke":
        await new Generator(cs, 2000, seed, locale).RunAsync();
        await new JournalGenerator(cs, 50_000, seed).RunAsync();
        var failures = await Run(new Benchmark(cs, 2, seed, false, Path.Combine(Path.GetTempPath(), "discret-bench-smoke")));
        await Verification.RunAsync(cs, null, null, Path.Combine(Path.GetTempPath(), "discret-bench-smoke"), 20_000);
        return Verdict(failures);
}
return 0;

static async Task<IReadOnlyList<string>> Run(Benchmark bench)
{
    await bench.RunAsync();
    return bench.Failures;
}

// An equivalence check that failed fails the run: the figures of a variant that does not do the same work mean nothing.
static int Verdict(IReadOnlyList<string> failures)
{
    if (failures.Count == 0) return 0;
    Console.WriteLine();
    Console.WriteLine($"{failures.Count} equivalence check(s) failed:");
    foreach (var f in failures) Console.WriteLine("  - " + f);
    return 1;
}
