using Discret.Domain.Input;

namespace Discret.Catalogue;

/// <summary>Why the person is accompanied: a short closed list, deliberately not a grid of "problématiques".</summary>
public enum FollowUpMotive { AccesAuxDroits, BudgetEtDettes, Logement, EmploiInsertion, FamilleParentalite, AccesAuxSoins, Mobilite, DemarchesAdministratives }

public enum InterviewKind { Permanence, RendezVous, VisiteADomicile, Telephone }

public enum InterviewAction { OrientationPartenaire, DemandeAideFinanciere, DossierLogement, OuvertureDeDroits, AccompagnementDemarche, RendezVousUlterieur }

/// <summary>The member's link to the household's reference person.</summary>
public enum HouseholdLink { PersonneDeReference, ConjointOuPartenaire, Enfant, Parent, AutreMembreDeLaFamille, AutrePersonne }

/// <summary>Who reported a fact, when it is a third party (a category, never a name).</summary>
public enum ThirdPartyCategory { Voisinage, Famille, Mairie, Association, Etablissement, Autre }

public enum FollowUpStatus { Ouvert, Clos }

public static class ClosedListLabels
{
    public static string Label(this FollowUpMotive m) => m switch
    {
        FollowUpMotive.AccesAuxDroits => "Accès aux droits",
        FollowUpMotive.BudgetEtDettes => "Budget et dettes",
        FollowUpMotive.Logement => "Logement",
        FollowUpMotive.EmploiInsertion => "Emploi et insertion",
        FollowUpMotive.FamilleParentalite => "Famille et parentalité",
        FollowUpMotive.AccesAuxSoins => "Accès aux soins",
        FollowUpMotive.Mobilite => "Mobilité",
        FollowUpMotive.DemarchesAdministratives => "Démarches administratives",
        _ => ClosedList.Unknown(m),
    };

    public static string Label(this InterviewKind k) => k switch
    {
        InterviewKind.Permanence => "Permanence",
        InterviewKind.RendezVous => "Rendez-vous",
        InterviewKind.VisiteADomicile => "Visite à domicile",
        InterviewKind.Telephone => "Téléphone",
        _ => ClosedList.Unknown(k),
    };

    public static string Label(this InterviewAction a) => a switch
    {
        InterviewAction.OrientationPartenaire => "Orientation vers un partenaire",
        InterviewAction.DemandeAideFinanciere => "Demande d'aide financière",
        InterviewAction.DossierLogement => "Dossier logement",
        InterviewAction.OuvertureDeDroits => "Ouverture de droits",
        InterviewAction.AccompagnementDemarche => "Accompagnement dans une démarche",
        InterviewAction.RendezVousUlterieur => "Nouveau rendez-vous fixé",
        _ => ClosedList.Unknown(a),
    };

    public static string Label(this HouseholdLink l) => l switch
    {
        HouseholdLink.PersonneDeReference => "Personne de référence",
        HouseholdLink.ConjointOuPartenaire => "Conjoint ou partenaire",
        HouseholdLink.Enfant => "Enfant",
        HouseholdLink.Parent => "Parent",
        HouseholdLink.AutreMembreDeLaFamille => "Autre membre de la famille",
        HouseholdLink.AutrePersonne => "Autre personne",
        _ => ClosedList.Unknown(l),
    };

    public static string Label(this ThirdPartyCategory c) => c switch
    {
        ThirdPartyCategory.Voisinage => "Voisinage",
        ThirdPartyCategory.Famille => "Famille",
        ThirdPartyCategory.Mairie => "Mairie",
        ThirdPartyCategory.Association => "Association",
        ThirdPartyCategory.Etablissement => "Établissement (école, hôpital…)",
        ThirdPartyCategory.Autre => "Autre",
        _ => ClosedList.Unknown(c),
    };

    public static string Label(this FollowUpStatus s) => s switch
    {
        FollowUpStatus.Ouvert => "Ouvert",
        FollowUpStatus.Clos => "Clos",
        _ => ClosedList.Unknown(s),
    };
}
