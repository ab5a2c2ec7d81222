using Discret.Domain.Input;

namespace Discret.Catalogue;

/// <summary>The declared purposes of the processing (closed list): every stored field serves at least one.</summary>
public enum Purpose { AccompagnementSocial, AccesAuxDroits, OrganisationDuService, SecuriteDesAcces, DroitsDesPersonnes, StatistiquesAnonymes, DemarchesEnLigne }

public enum LegalBasis { MissionInteretPublic, ObligationLegale, Consentement, FinsStatistiques }

/// <summary>Ordinaire; Sensible for GDPR art. 9 categories; Interdit for what Discret must never hold (NIR, diagnosis…).</summary>
public enum Sensitivity { Ordinaire, Sensible, Interdit }

public enum DataCategory { Identite, Coordonnees, CompositionMenage, Ressources, Logement, MotifsAccompagnement, Interventions, Organisation, Tracabilite, InformationEtDroits, Partages, DemarchesEnLigne }

/// <summary>Where a fact comes from. Shown on every fact; a third party's report is shown as unverified.</summary>
public enum DataSource { Personne, Professionnel, Partenaire, Tiers }

/// <summary>Fields are granted to roles by group, never one by one.</summary>
public enum FieldGroup { Identite, Coordonnees, Menage, Equipe, RendezVous, Accompagnement, Entretiens, NotesPersonnelles, Tracabilite, Information, Partages, Droits, Conservation, Taches, DemarchesEnLigne }

public static class VocabularyLabels
{
    /// <summary>The legal bases of a purpose, from those of the fields that serve it; the anonymous statistics have their
    /// own (further processing for statistical purposes), whatever the fields' bases.</summary>
    public static IEnumerable<LegalBasis> Bases(this Purpose purpose, IEnumerable<LegalBasis> ofFields) =>
        purpose == Purpose.StatistiquesAnonymes ? [LegalBasis.FinsStatistiques] : ofFields.Distinct().Order();

    public static string Label(this Purpose p) => p switch
    {
        Purpose.AccompagnementSocial => "Accompagner les personnes et les familles dans leurs démarches et leur situation sociale",
        Purpose.AccesAuxDroits => "Informer, orienter et faciliter l'accès aux droits",
        Purpose.OrganisationDuService => "Organiser le service : accueil, rendez-vous, attribution des accompagnements",
        Purpose.SecuriteDesAcces => "Garantir que seuls les professionnels qui en ont besoin consultent les dossiers, et pouvoir le prouver",
        Purpose.DroitsDesPersonnes => "Respecter les droits des personnes : les informer, recueillir leur accord avant un partage, répondre à leurs demandes",
        Purpose.DemarchesEnLigne => "Faire des démarches en ligne avec la personne (je forme, j'accompagne) ou, sous un mandat qu'elle a signé, à sa place (je fais à la place de)",
        Purpose.StatistiquesAnonymes => "Produire les statistiques anonymes du service (rapport d'activité, enquêtes nationales, planification) : des nombres par territoire et par période, masqués quand ils sont petits, jamais sur une personne ni sur un professionnel",
        _ => ClosedList.Unknown(p),
    };

    public static string Label(this LegalBasis b) => b switch
    {
        LegalBasis.MissionInteretPublic => "Mission d'intérêt public (action sociale, CASF L.123-2)",
        LegalBasis.ObligationLegale => "Obligation légale",
        LegalBasis.Consentement => "Consentement de la personne",
        LegalBasis.FinsStatistiques => "Traitement ultérieur à des fins statistiques, compatible avec la mission d'action sociale (RGPD, articles 5.1.b et 89)",
        _ => ClosedList.Unknown(b),
    };

    public static string Label(this Sensitivity s) => s switch
    {
        Sensitivity.Ordinaire => "Ordinaire",
        Sensitivity.Sensible => "Sensible (article 9 du RGPD)",
        Sensitivity.Interdit => "Interdit",
        _ => ClosedList.Unknown(s),
    };

    public static string Label(this DataCategory c) => c switch
    {
        DataCategory.Identite => "Identité",
        DataCategory.Coordonnees => "Coordonnées",
        DataCategory.CompositionMenage => "Composition du ménage",
        DataCategory.Ressources => "Ressources",
        DataCategory.Logement => "Logement",
        DataCategory.MotifsAccompagnement => "Motifs d'accompagnement",
        DataCategory.Interventions => "Interventions",
        DataCategory.Organisation => "Organisation du suivi",
        DataCategory.Tracabilite => "Traces des consultations et des modifications",
        DataCategory.InformationEtDroits => "Information de la personne et demandes d'exercice de ses droits",
        DataCategory.Partages => "Accords de la personne et partages avec des partenaires",
        DataCategory.DemarchesEnLigne => "Démarches en ligne et mandats",
        _ => ClosedList.Unknown(c),
    };

    public static string Label(this DataSource s) => s switch
    {
        DataSource.Personne => "La personne",
        DataSource.Professionnel => "Un professionnel du service",
        DataSource.Partenaire => "Un partenaire",
        DataSource.Tiers => "Un tiers",
        _ => ClosedList.Unknown(s),
    };

    public static string Label(this FieldGroup g) => g switch
    {
        FieldGroup.Identite => "Identité",
        FieldGroup.Coordonnees => "Coordonnées",
        FieldGroup.Menage => "Ménage",
        FieldGroup.Equipe => "Référent et équipe",
        FieldGroup.RendezVous => "Rendez-vous",
        FieldGroup.Accompagnement => "Contenu de l'accompagnement",
        FieldGroup.Entretiens => "Entretiens",
        FieldGroup.NotesPersonnelles => "Notes de travail personnelles (leur auteur seul ; la personne, dans la copie de son dossier)",
        FieldGroup.Tracabilite => "Journal des accès (le délégué à la protection des données, par sa console)",
        FieldGroup.Information => "Information de la personne",
        FieldGroup.Partages => "Accords de partage et partages",
        FieldGroup.Droits => "Demandes d'exercice des droits",
        FieldGroup.Conservation => "Conservation du dossier (archivage, gel de la suppression)",
        FieldGroup.DemarchesEnLigne => "Démarches en ligne : aides numériques et mandats (l'accueil voit seulement qu'un mandat existe)",
        FieldGroup.Taches => "Tâches des professionnels (leur auteur, la personne assignée, l'équipe si l'auteur l'a choisi)",
        _ => ClosedList.Unknown(g),
    };
}
