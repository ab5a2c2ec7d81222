using Discret.Domain.Input;

namespace Discret.Domain.Retention;

/// <summary>What an anonymous statistic counts.</summary>
public enum StatisticMeasure
{
    /// <summary>Follow-ups closed, by year of closure.</summary>
    AccompagnementsClos,
    /// <summary>Follow-ups by motive (a follow-up counts once per motive).</summary>
    MotifsAccompagnement,
    /// <summary>Interviews by kind.</summary>
    EntretiensParType,
    /// <summary>Digital helps by level (je forme, j'accompagne; issue 19), by year they took place.</summary>
    AidesNumeriquesParNiveau,
}

/// <summary>What the DPO reads for what an anonymous statistic counts.</summary>
public static class StatisticMeasureLabels
{
    public static string Label(this StatisticMeasure measure) => measure switch
    {
        StatisticMeasure.AccompagnementsClos => "Accompagnements clos",
        StatisticMeasure.MotifsAccompagnement => "Motifs des accompagnements",
        StatisticMeasure.EntretiensParType => "Entretiens par type",
        StatisticMeasure.AidesNumeriquesParNiveau => "Aides numériques par niveau",
        _ => ClosedList.Unknown(measure),
    };
}

/// <summary>
/// An anonymous statistic kept when data past retention is deleted: a count for a year, a circonscription (or the
/// whole département) and a value of a closed list. No identifier, and no count under
/// <see cref="MinimumCount"/>: a smaller cell is merged into the département's, then into « autres », or dropped,
/// so that no cell can point back to a person.
/// </summary>
public class StatisticCell
{
    public const int MinimumCount = 5;
    public const string Other = "autres";

    private StatisticCell() { }

    public StatisticCell(int year, Guid? circonscriptionId, StatisticMeasure measure, string value, int count)
    {
        Id = Guid.NewGuid();
        Year = year;
        CirconscriptionId = circonscriptionId;
        Measure = measure;
        Value = value;
        Count = count;
    }

    public Guid Id { get; private set; }
    public int Year { get; private set; }
    /// <summary>Null: the whole département (cells too small for one circonscription are merged there).</summary>
    public Guid? CirconscriptionId { get; private set; }
    public StatisticMeasure Measure { get; private set; }
    public string Value { get; private set; } = "";
    public int Count { get; private set; }

    public void Add(int count) => Count += count;
}
