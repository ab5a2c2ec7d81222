namespace Discret.Domain.Statistics;

/// <summary>
/// One figure of the service's anonymous statistics, before masking: how many of what an indicator counts fall in a
/// period, a territory and a value of a breakdown. No identifier of a person, an account or a worker: an indicator, a
/// period, a circonscription (or none: the whole département), a breakdown's value and a number. Published only through
/// the masking of small numbers (<c>Features/Statistiques/Masking</c>).
/// </summary>
public class StatFigure
{
    public const int MaxCodeLength = 40;
    public const int MaxValueLength = 100;

    private StatFigure() { }

    public StatFigure(int year, string indicator, string period, Guid? circonscriptionId, string breakdown, string value, int count)
    {
        Id = Guid.NewGuid();
        Year = year;
        Indicator = indicator;
        Period = period;
        CirconscriptionId = circonscriptionId;
        Breakdown = breakdown;
        Value = value.Length > MaxValueLength ? value[..MaxValueLength] : value;
        Count = count;
    }

    public Guid Id { get; private set; }
    /// <summary>The calendar year the period belongs to (figures are computed, replaced and frozen a year at a time).</summary>
    public int Year { get; private set; }
    public string Indicator { get; private set; } = "";
    /// <summary>« 2026 », « 2026-T1 » or « 2026-03 ».</summary>
    public string Period { get; private set; } = "";
    /// <summary>Null: the whole département.</summary>
    public Guid? CirconscriptionId { get; private set; }
    /// <summary>Empty for the indicator's total.</summary>
    public string Breakdown { get; private set; } = "";
    /// <summary>Empty for the indicator's total.</summary>
    public string Value { get; private set; } = "";
    public int Count { get; private set; }
}

/// <summary>When a year's figures were last computed, and whether they are frozen (never computed again).</summary>
public class StatYear
{
    private StatYear() { }

    public StatYear(int year, DateTime computedAt, bool frozen)
    {
        Year = year;
        ComputedAt = computedAt;
        Frozen = frozen;
    }

    public int Year { get; private set; }
    public DateTime ComputedAt { get; private set; }
    public bool Frozen { get; private set; }
    /// <summary>Changes at every computation (what is read of the figures is kept until it changes).</summary>
    public int Revision { get; private set; }

    public void Computed(DateTime at, bool frozen)
    {
        ComputedAt = at;
        Frozen = frozen;
        Revision++;
    }
}
