namespace Discret.Web.Features.Statistiques;

/// <summary>A figure's place: indicator, period, territory (null: the département), breakdown and value ("" for the total).</summary>
public readonly record struct FigureKey(string Indicator, string Period, Guid? Territory, string Breakdown, string Value);

/// <summary>
/// Which published counts are masked. Primary: every count under the threshold, zero included. Secondary: published
/// counts are tied by sums — a total and its breakdown's values, the département and its circonscriptions, a year and
/// its quarters, a quarter and its months, and (for follow-ups) the change of « en cours » between two consecutive
/// periods and that period's openings and closings. In each sum, no count or at least two are masked, so that none can
/// be found again by subtracting the others. Decided a year at a time, oldest first, every indicator of the year
/// together; a year's masks never change an earlier year's, and the sums that reach back into the previous year (its
/// last « en cours ») take its masks as they are.
/// </summary>
public static class Masking
{
    /// <summary>The masked keys of every year in <paramref name="years"/>, for the counts given (absent keys count 0).</summary>
    public static HashSet<FigureKey> Mask(IReadOnlyDictionary<FigureKey, int> counts, IReadOnlyList<Guid> circonscriptions,
        IEnumerable<int> years, DateOnly today, int threshold)
    {
        var masked = new HashSet<FigureKey>();
        var openValues = counts.Keys.Where(k => k.Value != "").GroupBy(k => (k.Indicator, k.Breakdown))
            .ToDictionary(g => g.Key, g => g.Select(k => k.Value).Distinct().Order(StringComparer.Ordinal).ToList());
        var computed = years.Order().ToList();
        foreach (var year in computed)
        {
            var relations = new List<FigureKey[]>();
            var cells = new HashSet<FigureKey>();
            foreach (var indicator in Indicators.All.Where(i => i.Kind != IndicatorKind.Delay))
                Relate(indicator, year, computed.Contains(year - 1), circonscriptions, today, openValues, cells, relations);
            foreach (var cell in cells)
                if (counts.GetValueOrDefault(cell) < threshold) masked.Add(cell);
            // Secondary masking until every sum has no masked count or at least two.
            bool changed;
            do
            {
                changed = false;
                foreach (var members in relations)
                {
                    var maskedCount = 0;
                    foreach (var m in members) if (masked.Contains(m)) maskedCount++;
                    if (maskedCount != 1) continue;
                    FigureKey? pick = null;
                    foreach (var m in members)
                        if (!masked.Contains(m) && cells.Contains(m) && (pick is null || Before(m, pick.Value, counts)))
                            pick = m;
                    if (pick is { } p) { masked.Add(p); changed = true; }
                }
            } while (changed);
        }
        return masked;
    }

    /// <summary>The key a figure is read from: a stock's quarter and year are its last month's (up to today).</summary>
    public static FigureKey Canonical(Indicator indicator, StatPeriod period, Guid? territory, string breakdown, string value, DateOnly today)
    {
        if (indicator.Kind == IndicatorKind.Stock && !period.IsMonth)
        {
            var end = period.Last < today ? period.Last : today;
            period = StatPeriod.OfMonth(end.Year, end.Month);
        }
        return new(indicator.Code, period.Code, territory, breakdown, value);
    }

    /// <summary>The figure a reader needs least first: a flow before « en cours » (which also ties the next period, and the
    /// next year, whose masks would follow), a month before a quarter before a year, a circonscription before the
    /// département, a value before a total — so that the headline figures (the year, the département, the total) stay
    /// published where another choice protects as well; then the smaller count; then the key's text, so that the same
    /// figures always mask the same way.</summary>
    private static bool Before(FigureKey a, FigureKey b, IReadOnlyDictionary<FigureKey, int> counts)
    {
        if ((a.Indicator == StockIndicator) != (b.Indicator == StockIndicator)) return a.Indicator != StockIndicator;
        if (Fineness(a.Period) != Fineness(b.Period)) return Fineness(a.Period) > Fineness(b.Period);
        if ((a.Territory is null) != (b.Territory is null)) return a.Territory is not null;
        if ((a.Value == "") != (b.Value == "")) return a.Value != "";
        int ca = counts.GetValueOrDefault(a), cb = counts.GetValueOrDefault(b);
        if (ca != cb) return ca < cb;
        return string.CompareOrdinal($"{a.Indicator}|{a.Period}|{a.Territory}|{a.Breakdown}|{a.Value}",
            $"{b.Indicator}|{b.Period}|{b.Territory}|{b.Breakdown}|{b.Value}") < 0;
    }

    private const string StockIndicator = "accompagnements-en-cours";

    private static int Fineness(string period) => period.Length == 4 ? 0 : period.Contains('T') ? 1 : 2;

    private static void Relate(Indicator indicator, int year, bool previousYearComputed, IReadOnlyList<Guid> circonscriptions, DateOnly today,
        Dictionary<(string, string), List<string>> openValues, HashSet<FigureKey> cells, List<FigureKey[]> relations)
    {
        var periods = StatPeriod.Of(year).Where(p => p.First <= today).ToList();
        var territories = circonscriptions.Select(c => (Guid?)c).Prepend(null).ToList();
        var values = indicator.Breakdowns.Select(b => (b.Code, Values: b.Values?.Select(v => v.Code).ToList()
            ?? openValues.GetValueOrDefault((indicator.Code, b.Code)) ?? [])).ToList();
        FigureKey Key(StatPeriod p, Guid? t, string b = "", string v = "") => Canonical(indicator, p, t, b, v, today);

        foreach (var p in periods)
            foreach (var t in territories)
            {
                cells.Add(Key(p, t));
                foreach (var (b, vs) in values)
                {
                    foreach (var v in vs) cells.Add(Key(p, t, b, v));
                    relations.Add(vs.Select(v => Key(p, t, b, v)).Prepend(Key(p, t)).ToArray());
                }
            }
        var slices = values.SelectMany(b => b.Values.Select(v => (b.Code, v))).Prepend(("", "")).ToList();
        foreach (var p in periods)
            foreach (var (b, v) in slices)
                relations.Add(circonscriptions.Select(c => Key(p, c, b, v)).Prepend(Key(p, null, b, v)).ToArray());
        if (indicator.Kind is IndicatorKind.Events or IndicatorKind.Persons)
            foreach (var t in territories)
                foreach (var (b, v) in slices)
                    foreach (var p in periods.Where(p => !p.IsMonth))
                        relations.Add(p.Parts.Where(q => q.First <= today).Select(q => Key(q, t, b, v)).Prepend(Key(p, t, b, v)).ToArray());
        if (indicator.Code == StockIndicator)
        {
            var opened = Indicators.Find("accompagnements-ouverts")!;
            var closed = Indicators.Find("accompagnements-clos")!;
            foreach (var p in periods)
                foreach (var t in territories)
                {
                    var members = new List<FigureKey> { Key(p, t), Canonical(opened, p, t, "", "", today), Canonical(closed, p, t, "", "", today) };
                    if (p.Previous.Year == year || previousYearComputed) members.Add(Key(p.Previous, t));
                    relations.Add(members.ToArray());
                }
        }
    }
}
