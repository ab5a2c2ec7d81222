using System.Globalization;
using System.Security.Claims;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Organisation;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Statistiques;

/// <summary>A territory the reader may see: « departement » or a circonscription's id.</summary>
public sealed record Territory(string Code, string Label, Guid? Id)
{
    public const string DepartementCode = "departement";
}

public sealed record StatCell(string Territory, int? Count, bool Masked, string Display, double? Change);

public sealed record StatRow(string Value, string Label, IReadOnlyList<StatCell> Cells)
{
    public bool IsTotal => Value == "";
}

/// <summary>One published table: an indicator for a period, its rows (the total, then a breakdown's values) by territory,
/// every small number already masked, and the same table a year before.</summary>
public sealed record StatTable(Indicator Indicator, StatPeriod Period, Breakdown? Breakdown, int Threshold, IReadOnlyList<Territory> Territories,
    IReadOnlyList<StatRow> Rows, StatTable? Previous, bool Frozen, DateTime? ComputedAt)
{
    /// <summary>Whether every number of the table is masked (said plainly on the page, never shown as zeros).</summary>
    public bool AllMasked => Rows.SelectMany(r => r.Cells).All(c => c.Masked);

    /// <summary>The row that stands for the indicator: its total, or the median for the delay.</summary>
    public StatRow KeyRow => Rows.First(r => Indicator.Kind == IndicatorKind.Delay ? r.Value == Indicators.DelayMedian : r.IsTotal);
}

/// <summary>What a reader may ask for: the indicators, the territories she may see, the years computed, the threshold.</summary>
public sealed record StatCatalog(IReadOnlyList<Territory> Territories, IReadOnlyList<int> Years, int Threshold, DateOnly Today);

/// <summary>
/// Reads the published statistics: the figures of the table <c>stat_figures</c>, masked by <see cref="Masking"/> for the
/// whole département at once (the same masks for every reader and every view), restricted to the territories the reader
/// may see — the Direction and the DPO the département and each circonscription, a head of circonscription her own.
/// </summary>
public sealed class StatisticsTables(DiscretDbContext db, TimeProvider clock, StatisticsMaskCache cache)
{
    /// <summary>A whole year asked for an export or the annual report: four digits, begun by today.</summary>
    public static Result<StatPeriod> Year(string? text, DateOnly today)
    {
        if (StatPeriod.Parse(text) is not { IsYear: true } year)
            return Result.Invalid("year", "Année non reconnue : écrivez une année sur quatre chiffres, par exemple 2026.");
        if (year.First > today)
            return Result.Invalid("year", $"L'année {year.Year} n'a pas commencé : les statistiques ne portent que sur le passé.");
        return Result.Ok(year);
    }

    public async Task<StatCatalog?> CatalogAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var territories = await TerritoriesAsync(user, ct);
        if (territories.Count == 0) return null;
        var years = await db.StatYears.AsNoTracking().OrderByDescending(y => y.Year).Select(y => y.Year).ToListAsync(ct);
        return new(territories, years, await ThresholdAsync(ct), ParisTime.Today(clock));
    }

    /// <summary>The figures of an indicator for a period, in every territory the reader may see or in one of them.</summary>
    public async Task<Result<StatTable>> TableAsync(ClaimsPrincipal user, string? indicatorCode, string? periodText, string? territoryCode,
        string? breakdownCode, CancellationToken ct = default)
    {
        var territories = await TerritoriesAsync(user, ct);
        if (territories.Count == 0) return Result.NotFound();
        var indicator = Indicators.Find(indicatorCode);
        if (indicator is null) return Result.Invalid("indicator", "Cet indicateur n'existe pas. Choisissez un indicateur de la liste.");
        Breakdown? breakdown = null;
        if (!string.IsNullOrWhiteSpace(breakdownCode))
        {
            breakdown = indicator.FindBreakdown(breakdownCode);
            if (breakdown is null)
                return Result.Invalid("breakdown", indicator.Breakdowns.Count == 0
                    ? $"L'indicateur « {indicator.Label} » n'a pas de ventilation."
                    : $"Ventilation inconnue pour « {indicator.Label} » : choisissez {string.Join(", ", indicator.Breakdowns.Select(b => $"« {b.Label} »"))}.");
        }
        var today = ParisTime.Today(clock);
        if (StatPeriod.Parse(periodText) is not { } period)
            return Result.Invalid("period", "Période non reconnue : écrivez une année (2026), un trimestre (2026-T1) ou un mois (2026-03).");
        if (period.First > today)
            return Result.Invalid("period", $"La période {period.Label} n'a pas commencé : les statistiques ne portent que sur le passé.");
        if (!string.IsNullOrWhiteSpace(territoryCode))
        {
            var chosen = territories.FirstOrDefault(t => t.Code == territoryCode);
            if (chosen is null) return Result.NotFound();
            territories = [chosen];
        }
        var figures = await cache.GetAsync(db, today, ct);
        return Result.Ok(Build(indicator, period, breakdown, territories, figures, today, withPrevious: true));
    }

    private static StatTable Build(Indicator indicator, StatPeriod period, Breakdown? breakdown, IReadOnlyList<Territory> territories,
        StatisticsMaskCache.Published figures, DateOnly today, bool withPrevious)
    {
        var previous = withPrevious && figures.Years.ContainsKey(period.Year - 1)
            ? Build(indicator, period.YearBefore, breakdown, territories, figures, today, withPrevious: false) : null;
        var computed = figures.Years.TryGetValue(period.Year, out var y) ? y : default;
        var rows = new List<StatRow>();
        if (indicator.Kind == IndicatorKind.Delay)
        {
            int Persons(Territory t) => figures.Count(new(indicator.Code, period.Code, t.Id, "", ""));
            rows.Add(Row("", "Personnes", territories, t => Delay(figures, indicator, period, t, "", "", Persons(t)), previous));
            rows.Add(Row(Indicators.DelayMedian, "Médiane (jours)", territories,
                t => Delay(figures, indicator, period, t, Indicators.DelayBreakdown, Indicators.DelayMedian, Persons(t)), previous));
            rows.Add(Row(Indicators.DelayP90, "90e centile (jours)", territories,
                t => Delay(figures, indicator, period, t, Indicators.DelayBreakdown, Indicators.DelayP90, Persons(t)), previous));
        }
        else
        {
            rows.Add(Row("", "Total", territories, t => Count(figures, indicator, period, t, "", "", today), previous));
            if (breakdown is not null)
            {
                var values = breakdown.Values?.Select(v => v.Code).ToList()
                    ?? figures.OpenValues(indicator.Code, breakdown.Code).OrderBy(v => v == Indicators.CommuneUnknown)
                        .ThenBy(v => v, StringComparer.Create(CultureInfo.GetCultureInfo("fr-FR"), false)).ToList();
                foreach (var value in values)
                {
                    var row = Row(value, breakdown.LabelOf(value), territories, t => Count(figures, indicator, period, t, breakdown.Code, value, today), previous);
                    // An open list (communes) lists no value all of whose numbers are masked: its existence would say « at least one ».
                    if (breakdown.Values is null && row.Cells.All(c => c.Masked)) continue;
                    rows.Add(row);
                }
            }
        }
        return new(indicator, period, breakdown, figures.Threshold, territories, rows, previous, computed.Frozen, computed.ComputedAt);
    }

    private static StatRow Row(string value, string label, IReadOnlyList<Territory> territories, Func<Territory, (int? Count, bool Masked, string Display)> cell,
        StatTable? previous)
    {
        var cells = territories.Select(t =>
        {
            var (count, masked, display) = cell(t);
            var before = previous?.Rows.FirstOrDefault(r => r.Value == value)?.Cells.FirstOrDefault(c => c.Territory == t.Code);
            double? change = count is { } now && before?.Count is { } was && was > 0 ? Math.Round((now - was) * 100.0 / was, 1) : null;
            return new StatCell(t.Code, count, masked, display, change);
        }).ToList();
        return new(value, label, cells);
    }

    public const string Masked = "masqué";

    private static (int?, bool, string) Count(StatisticsMaskCache.Published figures, Indicator indicator, StatPeriod period, Territory t, string breakdown,
        string value, DateOnly today)
    {
        var key = Masking.Canonical(indicator, period, t.Id, breakdown, value, today);
        var count = figures.Count(key);
        // A small number says « < 5 »; a number masked only so that a small one cannot be found again says « masqué »
        // (writing « < 5 » there would be false, and the sums would show it).
        if (!figures.Years.ContainsKey(period.Year) || count < figures.Threshold) return (null, true, $"< {figures.Threshold}");
        if (figures.Masked.Contains(key)) return (null, true, Masked);
        return (count, false, FrenchNumber.Count(count));
    }

    private static (int?, bool, string) Delay(StatisticsMaskCache.Published figures, Indicator indicator, StatPeriod period, Territory t, string breakdown,
        string value, int persons)
    {
        if (persons < figures.Threshold) return (null, true, value == "" ? $"< {figures.Threshold}" : "non publié");
        var n = figures.Count(new(indicator.Code, period.Code, t.Id, breakdown, value));
        return (n, false, FrenchNumber.Count(n));
    }

    /// <summary>The territories the reader may see: none for the roles without statistics.</summary>
    public async Task<IReadOnlyList<Territory>> TerritoriesAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var role = user.Role();
        if (role is not (StaffRole.Direction or StaffRole.Dpo or StaffRole.ResponsableCirconscription)) return [];
        var circonscriptions = await db.Circonscriptions.AsNoTracking().OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        if (role == StaffRole.ResponsableCirconscription)
        {
            var own = user.CirconscriptionId();
            return circonscriptions.Where(c => c.Id == own).Select(c => new Territory(c.Id.ToString(), c.Name, c.Id)).ToList();
        }
        return circonscriptions.Select(c => new Territory(c.Id.ToString(), c.Name, c.Id)).Prepend(new Territory(Territory.DepartementCode, "Département", null)).ToList();
    }

    public async Task<int> ThresholdAsync(CancellationToken ct) =>
        await db.DepartementSettings.AsNoTracking().Where(s => s.Id == DepartementSettings.SingletonId).Select(s => (int?)s.StatisticsThreshold).SingleOrDefaultAsync(ct)
        ?? DepartementSettings.MinStatisticsThreshold;
}

/// <summary>
/// The figures and their masks, computed once for the whole département and kept until the figures are computed again,
/// the threshold changes or the day changes (masking decides over every year at once: seconds at a département's scale,
/// so not on every request).
/// </summary>
public sealed class StatisticsMaskCache
{
    public sealed record Published(IReadOnlyDictionary<FigureKey, int> Counts, HashSet<FigureKey> Masked, int Threshold,
        IReadOnlyDictionary<int, (bool Frozen, DateTime? ComputedAt)> Years, ILookup<(string, string), string> Values)
    {
        public int Count(FigureKey key) => Counts.GetValueOrDefault(key);
        public IEnumerable<string> OpenValues(string indicator, string breakdown) => Values[(indicator, breakdown)];
    }

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Stamp, Published Figures)? _current;

    public async Task<Published> GetAsync(DiscretDbContext db, DateOnly today, CancellationToken ct)
    {
        var years = await db.StatYears.AsNoTracking().ToListAsync(ct);
        var threshold = await db.DepartementSettings.AsNoTracking().Select(s => (int?)s.StatisticsThreshold).FirstOrDefaultAsync(ct)
                        ?? DepartementSettings.MinStatisticsThreshold;
        var stamp = $"{threshold}|{today:yyyy-MM-dd}|{string.Join(",", years.OrderBy(y => y.Year).Select(y => $"{y.Year}:{y.Revision}"))}";
        if (_current is { } c && c.Stamp == stamp) return c.Figures;
        await _gate.WaitAsync(ct);
        try
        {
            if (_current is { } again && again.Stamp == stamp) return again.Figures;
            var counts = new Dictionary<FigureKey, int>();
            await foreach (var f in db.StatFigures.AsNoTracking().Select(f => new { f.Indicator, f.Period, f.CirconscriptionId, f.Breakdown, f.Value, f.Count })
                               .AsAsyncEnumerable().WithCancellation(ct))
                counts[new(f.Indicator, f.Period, f.CirconscriptionId, f.Breakdown, f.Value)] = f.Count;
            var circonscriptions = await db.Circonscriptions.AsNoTracking().OrderBy(x => x.Id).Select(x => x.Id).ToListAsync(ct);
            var masked = Masking.Mask(counts, circonscriptions, years.Select(y => y.Year), today, threshold);
            var values = counts.Keys.Where(k => k.Value != "").Select(k => (k.Indicator, k.Breakdown, k.Value)).Distinct()
                .ToLookup(k => (k.Indicator, k.Breakdown), k => k.Value);
            var published = new Published(counts, masked, threshold,
                years.ToDictionary(y => y.Year, y => (y.Frozen, (DateTime?)y.ComputedAt)), values);
            _current = (stamp, published);
            return published;
        }
        finally
        {
            _gate.Release();
        }
    }
}
