using Discret.Catalogue;
using Discret.Domain.Mandates;
using Discret.Domain.Retention;

namespace Discret.Web.Features.Conservation;

/// <summary>What the DPO reads of the retention job's codes that are not a closed list of its own (the lists' labels sit next to them, in Discret.Domain.Retention).</summary>
public static class ConservationLabels
{
    /// <summary>A rule's label from its code (the run reports keep codes), or the code itself when unknown.</summary>
    public static string Rule(string code) => RetentionRule.All.FirstOrDefault(r => r.Code == code)?.Label ?? code;

    /// <summary>A statistic's value in French: a code of the measure's closed list, « autres », or as written.</summary>
    public static string Value(StatisticMeasure measure, string value)
    {
        if (value == StatisticCell.Other) return "Autres";
        return measure switch
        {
            StatisticMeasure.MotifsAccompagnement when Enum.TryParse<FollowUpMotive>(value, out var m) && !int.TryParse(value, out _) => m.Label(),
            StatisticMeasure.EntretiensParType when Enum.TryParse<InterviewKind>(value, out var k) && !int.TryParse(value, out _) => k.Label(),
            StatisticMeasure.AidesNumeriquesParNiveau when Enum.TryParse<DigitalHelpLevel>(value, out var l) && !int.TryParse(value, out _) => l.Label(),
            _ when value.Length == 0 => "Total",
            _ => value,
        };
    }
}
