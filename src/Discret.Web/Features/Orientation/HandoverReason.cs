using Discret.Domain.Input;

namespace Discret.Web.Features.Orientation;

/// <summary>Why a follow-up changes referent (journaled with the handover). Deliberately no « équilibrer la charge »:
/// nothing in Discret measures a worker's caseload.</summary>
public enum HandoverReason { DepartDuReferent, AbsenceDuReferent, ChangementDeSecteur, DemandeDeLaPersonne, AutreCompetence }

public static class HandoverReasonLabels
{
    public static string Label(this HandoverReason r) => r switch
    {
        HandoverReason.DepartDuReferent => "Départ du référent (compte désactivé, mutation)",
        HandoverReason.AbsenceDuReferent => "Absence du référent",
        HandoverReason.ChangementDeSecteur => "Changement de secteur de la personne",
        HandoverReason.DemandeDeLaPersonne => "Demande de la personne",
        HandoverReason.AutreCompetence => "Besoin d'une autre compétence professionnelle",
        _ => ClosedList.Unknown(r),
    };
}
