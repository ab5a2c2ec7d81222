using System.Globalization;
using System.Text.RegularExpressions;

namespace Discret.Web.Features.Statistiques;

/// <summary>A calendar year (« 2026 »), quarter (« 2026-T1 ») or month (« 2026-03 »), in Paris dates.</summary>
public readonly partial record struct StatPeriod(int Year, int Quarter, int Month)
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static StatPeriod OfYear(int year) => new(year, 0, 0);
    public static StatPeriod OfQuarter(int year, int quarter) => new(year, quarter, 0);
    public static StatPeriod OfMonth(int year, int month) => new(year, 0, month);

    public bool IsYear => Quarter == 0 && Month == 0;
    public bool IsQuarter => Quarter != 0;
    public bool IsMonth => Month != 0;

    public string Code => IsMonth ? $"{Year:D4}-{Month:D2}" : IsQuarter ? $"{Year:D4}-T{Quarter}" : $"{Year:D4}";

    public string Label => IsMonth ? new DateOnly(Year, Month, 1).ToString("MMMM yyyy", French)
        : IsQuarter ? $"{(Quarter == 1 ? "1er" : $"{Quarter}e")} trimestre {Year}" : $"année {Year}";

    public DateOnly First => IsMonth ? new(Year, Month, 1) : IsQuarter ? new(Year, Quarter * 3 - 2, 1) : new(Year, 1, 1);

    public DateOnly Last => IsMonth ? First.AddMonths(1).AddDays(-1) : IsQuarter ? First.AddMonths(3).AddDays(-1) : new(Year, 12, 31);

    /// <summary>The same period one year before.</summary>
    public StatPeriod YearBefore => this with { Year = Year - 1 };

    /// <summary>The period of the same kind just before (December before January, Q4 before Q1).</summary>
    public StatPeriod Previous => IsMonth ? (Month == 1 ? OfMonth(Year - 1, 12) : OfMonth(Year, Month - 1))
        : IsQuarter ? (Quarter == 1 ? OfQuarter(Year - 1, 4) : OfQuarter(Year, Quarter - 1)) : OfYear(Year - 1);

    /// <summary>The quarters of a year, the months of a quarter, nothing for a month.</summary>
    public IEnumerable<StatPeriod> Parts
    {
        get
        {
            var year = Year;
            if (IsYear) return Enumerable.Range(1, 4).Select(q => OfQuarter(year, q));
            if (IsQuarter) return Enumerable.Range(Quarter * 3 - 2, 3).Select(m => OfMonth(year, m));
            return [];
        }
    }

    /// <summary>The year, quarter and month a day falls in.</summary>
    public static StatPeriod[] Containing(DateOnly day) => [OfYear(day.Year), OfQuarter(day.Year, (day.Month + 2) / 3), OfMonth(day.Year, day.Month)];

    /// <summary>Every period of a year: the year, its four quarters, its twelve months.</summary>
    public static IEnumerable<StatPeriod> Of(int year) =>
        new[] { OfYear(year) }.Concat(Enumerable.Range(1, 4).Select(q => OfQuarter(year, q))).Concat(Enumerable.Range(1, 12).Select(m => OfMonth(year, m)));

    public static StatPeriod? Parse(string? text)
    {
        var m = Shape().Match(text?.Trim() ?? "");
        if (!m.Success) return null;
        var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (year is < 1900 or > 9998) return null;
        if (m.Groups["q"].Success) return OfQuarter(year, int.Parse(m.Groups["q"].Value, CultureInfo.InvariantCulture));
        if (m.Groups["m"].Success)
        {
            var month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
            return month is >= 1 and <= 12 ? OfMonth(year, month) : null;
        }
        return OfYear(year);
    }

    [GeneratedRegex(@"^(?<y>\d{4})(?:-T(?<q>[1-4])|-(?<m>\d{2}))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Shape();

    public override string ToString() => Code;
}
