using Discret.Catalogue;
using Discret.Domain.Retention;

namespace Discret.Web.Features.Conservation;

/// <summary>What the DPO reads of the retention job's codes: French labels (dates: <see cref="Droits.RightsLabels.Day(DateOnly)"/>).</summary>
public static class ConservationLabels
{
    public static string Label(this HoldReason reason) => reason switch
    {
        HoldReason.Contentieux => "Contentieux",
        HoldReason.RecoursOuReclamation => "Recours ou réclamation",
        HoldReason.DemandeDeLaPersonne => "Demande de la personne",
        HoldReason.RequisitionJudiciaire => "Réquisition judiciaire",
        _ => reason.ToString(),
    };

    public static string Label(this BatchStatus status) => status switch
    {
        BatchStatus.EnPreparation => "En préparation",
        BatchStatus.Soumis => "Soumis au service des archives",
        BatchStatus.Vise => "Visé par le service des archives",
        BatchStatus.Execute => "Éliminé",
        _ => status.ToString(),
    };

    public static string Label(this RunTrigger trigger) => trigger switch
    {
        RunTrigger.Nuit => "Nuit",
        RunTrigger.Dpo => "DPO",
        RunTrigger.LigneDeCommande => "Ligne de commande",
        _ => trigger.ToString(),
    };

    public static string Label(this RunOutcome outcome) => outcome switch
    {
        RunOutcome.EnCours => "En cours",
        RunOutcome.Terminee => "Terminé",
        RunOutcome.Interrompue => "Interrompu",
        _ => outcome.ToString(),
    };

    public static string Label(this RunStep step) => step switch
    {
        RunStep.Simulation => "Simulation (ce qui serait fait)",
        RunStep.EffacementRendezVous => "Effacement des rendez-vous passés",
        RunStep.Archivage => "Passage en archive intermédiaire",
        RunStep.Bordereau => "Ajout au bordereau d'élimination",
        RunStep.Suppression => "Suppression des bordereaux visés",
        _ => step.ToString(),
    };

    public static string Label(this RunAction action) => action switch
    {
        RunAction.Archivage => "Passage en archive intermédiaire",
        RunAction.AjoutAuBordereau => "Ajout au bordereau d'élimination",
        RunAction.Suppression => "Suppression (bordereau visé)",
        RunAction.EffacementRendezVous => "Effacement des rendez-vous passés",
        RunAction.Gel => "Conservé : gel, ou traitement limité à la demande de la personne",
        RunAction.AExaminer => "À examiner par le responsable de circonscription",
        _ => action.ToString(),
    };

    /// <summary>A rule's label from its code (the run reports keep codes), or the code itself when unknown.</summary>
    public static string Rule(string code) => RetentionRule.All.FirstOrDefault(r => r.Code == code)?.Label ?? code;

    public static string Label(this StatisticMeasure measure) => measure switch
    {
        StatisticMeasure.AccompagnementsClos => "Accompagnements clos",
        StatisticMeasure.MotifsAccompagnement => "Motifs des accompagnements",
        StatisticMeasure.EntretiensParType => "Entretiens par type",
        _ => measure.ToString(),
    };

    /// <summary>A statistic's value in French: a code of the measure's closed list, « autres », or as written.</summary>
    public static string Value(StatisticMeasure measure, string value)
    {
        if (value == StatisticCell.Other) return "Autres";
        return measure switch
        {
            StatisticMeasure.MotifsAccompagnement when Enum.TryParse<FollowUpMotive>(value, out var m) && !int.TryParse(value, out _) => m.Label(),
            StatisticMeasure.EntretiensParType when Enum.TryParse<InterviewKind>(value, out var k) && !int.TryParse(value, out _) => k.Label(),
            _ when value.Length == 0 => "Total",
            _ => value,
        };
    }
}
