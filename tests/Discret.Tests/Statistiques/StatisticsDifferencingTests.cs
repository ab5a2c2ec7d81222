using System.Net;
using System.Text.Json;
using Discret.Data;
using Discret.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Discret.Tests.Statistiques;

/// <summary>
/// Tries, from the outside, to find masked figures again: reads every table the DPO may read (every indicator, period,
/// territory and breakdown of every computed year), writes down every sum an outsider knows to be exact — a total and the
/// values of a breakdown that gives each person or event one value, the département and its circonscriptions, a year and
/// its quarters and a quarter and its months for events, « en cours » from one period to the next against that period's
/// openings and closings — and solves them. Not one masked figure may come out. The same attack, given the figures masked
/// only to protect others (read from the database), finds small ones: it can fail.
/// </summary>
public sealed class StatisticsDifferencingTests(GeneratedActivity activity) : IClassFixture<GeneratedActivity>
{
    private sealed record Key(string Indicator, string Period, string Territory, string Breakdown, string Value)
    {
        public override string ToString() => $"{Indicator} {Period} {Territory} {Breakdown}={Value}";
    }

    private static readonly string[] Flows = ["premiers-accueils", "accompagnements-ouverts", "accompagnements-clos", "entretiens", "partages",
        "consentements", "droits", "informations", "refus-informatisation", "acces-exceptionnels"];
    private static readonly string[] SingleValued = ["age", "menage", "commune", "type", "partenaire", "droit", "issue", "mode"];
    private const string Hidden = "(communes non listées)";

    private sealed class Published
    {
        public readonly Dictionary<Key, int?> Cells = [];
        public readonly List<string> Territories = [];
        public readonly Dictionary<(string Indicator, string Breakdown), HashSet<string>> Values = [];
        public readonly List<string> Periods = [];
    }

    /// <summary>Read once for the class's tests (some thousand tables).</summary>
    private Task<Published> ReadEverythingAsync() => (Task<Published>)activity.Memo.GetOrAdd(nameof(ReadEverythingAsync), _ => ReadAsync());

    private async Task<Published> ReadAsync()
    {
        var catalog = JsonDocument.Parse(await activity.Dpo.Client.GetStringAsync("/api/v1/statistiques")).RootElement;
        var published = new Published();
        var today = new DateOnly(2026, 6, 15);
        foreach (var year in catalog.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()))
            published.Periods.AddRange(Periods(year).Where(p => p.First <= today).Select(p => p.Code));
        foreach (var indicator in catalog.GetProperty("indicators").EnumerateArray())
        {
            var code = indicator.GetProperty("code").GetString()!;
            if (code == "delai-premier-rendez-vous") continue;
            var breakdowns = indicator.GetProperty("breakdowns").EnumerateArray().Select(b => b.GetProperty("code").GetString()).Prepend(null).ToList();
            foreach (var period in published.Periods)
                foreach (var breakdown in breakdowns)
                {
                    var table = await activity.TableAsync(code, period, breakdown);
                    if (published.Territories.Count == 0)
                        published.Territories.AddRange(table.GetProperty("territories").EnumerateArray().Select(t => t.GetProperty("code").GetString()!));
                    foreach (var row in table.GetProperty("rows").EnumerateArray())
                    {
                        var value = row.GetProperty("value").GetString()!;
                        var b = value == "" ? "" : breakdown!;
                        if (b != "") (published.Values.TryGetValue((code, b), out var set) ? set : published.Values[(code, b)] = []).Add(value);
                        foreach (var cell in row.GetProperty("cells").EnumerateArray())
                        {
                            var key = new Key(code, period, cell.GetProperty("territory").GetString()!, b, value);
                            int? count = cell.GetProperty("count").ValueKind == JsonValueKind.Number ? cell.GetProperty("count").GetInt32() : null;
                            // The same figure read in two tables (a total with and without a breakdown) is the same: no view undoes another.
                            if (published.Cells.TryGetValue(key, out var seen)) Assert.True(seen == count, $"{key}: {seen} in one table, {count} in another");
                            published.Cells[key] = count;
                        }
                    }
                }
        }
        return published;
    }

    private static IEnumerable<(string Code, DateOnly First, DateOnly Last, string[] Parts)> Periods(int year)
    {
        yield return ($"{year}", new(year, 1, 1), new(year, 12, 31), Enumerable.Range(1, 4).Select(q => $"{year}-T{q}").ToArray());
        for (var q = 1; q <= 4; q++)
            yield return ($"{year}-T{q}", new(year, q * 3 - 2, 1), new DateOnly(year, q * 3 - 2, 1).AddMonths(3).AddDays(-1),
                Enumerable.Range(q * 3 - 2, 3).Select(m => $"{year}-{m:D2}").ToArray());
        for (var m = 1; m <= 12; m++) yield return ($"{year}-{m:D2}", new(year, m, 1), new DateOnly(year, m, 1).AddMonths(1).AddDays(-1), []);
    }

    /// <summary>The sums an outsider knows hold exactly, as lists of (figure, coefficient) equal to zero.</summary>
    private static List<List<(Key Key, double Coefficient)>> Sums(Published p)
    {
        var sums = new List<List<(Key, double)>>();
        var circonscriptions = p.Territories.Where(t => t != "departement").ToList();
        var indicators = p.Cells.Keys.Select(k => k.Indicator).Distinct().ToList();
        var periods = p.Periods.ToHashSet();
        foreach (var indicator in indicators)
            foreach (var period in p.Periods)
            {
                // A total and the values of a breakdown giving each person or event one value (hidden communes: one unknown).
                foreach (var ((ind, breakdown), values) in p.Values.Where(v => v.Key.Indicator == indicator && SingleValued.Contains(v.Key.Breakdown)))
                    foreach (var t in p.Territories)
                    {
                        var sum = new List<(Key, double)> { (new Key(ind, period, t, "", ""), 1) };
                        sum.AddRange(values.Select(v => (new Key(ind, period, t, breakdown, v), -1.0)));
                        if (breakdown == "commune") sum.Add((new Key(ind, period, t, breakdown, Hidden), -1));
                        sums.Add(sum);
                    }
                // The département and its circonscriptions.
                var slices = p.Values.Where(v => v.Key.Indicator == indicator)
                    .SelectMany(v => v.Value.Select(x => (v.Key.Breakdown, x)).Concat(v.Key.Breakdown == "commune" ? [(v.Key.Breakdown, Hidden)] : []))
                    .Prepend(("", ""));
                foreach (var (b, v) in slices)
                    sums.Add(circonscriptions.Select(c => (new Key(indicator, period, c, b, v), -1.0)).Prepend((new Key(indicator, period, "departement", b, v), 1)).ToList());
            }
        // A year and its quarters, a quarter and its months (events only; a period after today counts nothing).
        foreach (var indicator in Flows)
            foreach (var period in p.Periods)
            {
                var year = int.Parse(period[..4]);
                var parts = Periods(year).First(x => x.Code == period).Parts.Where(periods.Contains).ToList();
                if (parts.Count == 0) continue;
                var slices = p.Values.Where(v => v.Key.Indicator == indicator).SelectMany(v => v.Value.Select(x => (v.Key.Breakdown, x))).Prepend(("", ""));
                foreach (var t in p.Territories)
                    foreach (var (b, v) in slices)
                        sums.Add(parts.Select(x => (new Key(indicator, x, t, b, v), -1.0)).Prepend((new Key(indicator, period, t, b, v), 1)).ToList());
            }
        // « En cours » at the end of a period minus at the end of the one before = that period's openings minus closings.
        foreach (var period in p.Periods)
        {
            var previous = Previous(period);
            if (!periods.Contains(previous)) continue;
            foreach (var t in p.Territories)
                sums.Add([(new Key("accompagnements-en-cours", period, t, "", ""), 1), (new Key("accompagnements-en-cours", previous, t, "", ""), -1),
                    (new Key("accompagnements-ouverts", period, t, "", ""), -1), (new Key("accompagnements-clos", period, t, "", ""), 1)]);
        }
        return sums;
    }

    private static string Previous(string period) => period.Length == 4 ? $"{int.Parse(period) - 1}"
        : period[5] == 'T' ? (period[6] == '1' ? $"{int.Parse(period[..4]) - 1}-T4" : $"{period[..4]}-T{period[6] - '1'}")
        : period[5..] == "01" ? $"{int.Parse(period[..4]) - 1}-12" : $"{period[..4]}-{int.Parse(period[5..]) - 1:D2}";

    private static List<(Key Unknown, double Value)> Attack(Published p, IReadOnlyDictionary<Key, int?> cells)
    {
        var attack = new LinearAttack<Key>();
        foreach (var sum in Sums(p))
        {
            var unknowns = new Dictionary<Key, double>();
            var constant = 0.0;
            foreach (var (key, coefficient) in sum)
            {
                // A figure no table lists (a hidden commune's) is unknown; a listed one is known or masked.
                if (cells.TryGetValue(key, out var count) && count is { } n) constant -= coefficient * n;
                else unknowns[key] = unknowns.GetValueOrDefault(key) + coefficient;
            }
            if (unknowns.Count == 0)
            {
                // Every figure of the sum is published: the sum holds, or the attack's model of the figures is wrong.
                Assert.True(Math.Abs(constant) < 1e-9, $"A published sum does not hold: {string.Join(" ", sum.Select(s => $"{s.Coefficient:+0;-0}·[{s.Key}]"))}");
                continue;
            }
            attack.Add(unknowns, constant);
        }
        return attack.Determined().ToList();
    }

    [Fact]
    public async Task No_masked_figure_can_be_found_again_from_the_published_ones()
    {
        var published = await ReadEverythingAsync();
        var masked = published.Cells.Count(c => c.Value is null);
        Assert.True(masked > 100, $"only {masked} masked figures: the data set does not test the masking");
        Assert.True(published.Cells.Count(c => c.Value is not null) > 100, "too few published figures");
        // Only figures a table shows masked count (the sum of the unlisted communes is no figure: here it comes out 0, there are none).
        var found = Attack(published, published.Cells).Where(f => published.Cells.ContainsKey(f.Unknown)).ToList();
        Assert.True(found.Count == 0, $"{found.Count} masked figures found again, e.g. {string.Join("; ", found.Take(5).Select(f => $"{f.Unknown} = {f.Value}"))}");
    }

    [Fact]
    public async Task Without_the_secondary_masks_the_same_attack_finds_small_figures()
    {
        var published = await ReadEverythingAsync();
        // The figures masked only to protect others (at least the threshold), with their values from the database.
        var stored = await activity.App.WithAsync(sp => sp.GetRequiredService<DiscretDbContext>().StatFigures.AsNoTracking()
            .Select(f => new { f.Indicator, f.Period, f.CirconscriptionId, f.Breakdown, f.Value, f.Count }).ToListAsync());
        var values = stored.ToDictionary(f => new Key(f.Indicator, f.Period, f.CirconscriptionId?.ToString() ?? "departement", f.Breakdown, f.Value), f => f.Count);
        var primaryOnly = published.Cells.ToDictionary(c => c.Key, c => c.Value is null && values.GetValueOrDefault(Normalised(c.Key)) is >= 5 and var v ? v : c.Value);
        var found = Attack(published, primaryOnly);
        Assert.Contains(found, f => f.Value < 5 && published.Cells[f.Unknown] is null);
    }

    /// <summary>Circonscription ids as the database gives them (case aside).</summary>
    private static Key Normalised(Key key) => key.Territory == "departement" ? key : key with { Territory = Guid.Parse(key.Territory).ToString() };

    [Fact]
    public void The_attack_finds_a_figure_that_one_sum_gives_away()
    {
        // a + b = 10 with b published as 7: a = 3.
        var attack = new LinearAttack<string>();
        attack.Add(new() { ["a"] = 1 }, 3);
        attack.Add(new() { ["c"] = 1, ["d"] = 1 }, 9);
        Assert.Equal([("a", 3.0)], attack.Determined().ToList());
        // c + d = 9 and c − d = 1 give both.
        attack.Add(new() { ["c"] = 1, ["d"] = -1 }, 1);
        Assert.Equal([("a", 3.0), ("c", 5.0), ("d", 4.0)], attack.Determined().OrderBy(d => d.Unknown).Select(d => (d.Unknown, Math.Round(d.Value, 6))).ToList());
    }
}
