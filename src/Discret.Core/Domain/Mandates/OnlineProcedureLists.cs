using Discret.Domain.Input;

namespace Discret.Domain.Mandates;

/// <summary>The three levels of digital help the CNIL and the national council of social work name (CNIL kit for social
/// workers, R28): the worker trains the person, accompanies her while she does it herself, or does it in her place —
/// the last only under a mandate in force covering the procedure's domain.</summary>
public enum DigitalHelpLevel { JeForme, JAccompagne, JeFaisALaPlaceDe }

/// <summary>Domains of online procedures, one authorisation each on a mandate (the national list Aidants Connect uses;
/// the département chooses which it offers).</summary>
public enum ProcedureDomain { Papiers, Famille, Social, Travail, Logement, Transports, Argent, Justice, Etranger, Loisirs }

/// <summary>The organisations whose online services the procedures reach (closed list; « Autre » for the rest).</summary>
public enum OnlineOrganisation { Caf, Cpam, Msa, FranceTravail, ImpotsGouv, Ants, Prefecture, Retraite, BailleurSocial, Energie, Mairie, Banque, Autre }

/// <summary>What was done online, in a few closed words: never the content of the declaration.</summary>
public enum OnlineProcedure
{
    CreationDeCompte, DemandeDePrestation, DeclarationDeRessources, ChangementDeSituation, TelechargementDAttestation,
    DepotDeJustificatif, PriseDeRendezVous, SuiviDeDossier, Reclamation, Autre,
}

public enum ProcedureOutcome { Aboutie, EnCours, NonAboutie }

/// <summary>What a « je forme » session was about (no personal situation is recorded, only the theme).</summary>
public enum DigitalTrainingTheme
{
    UtiliserUnOrdinateurOuUnTelephone, CreerEtUtiliserUneAdresseMail, NaviguerSurInternet, ProtegerSesMotsDePasse,
    ReconnaitreLesArnaques, UtiliserUnCoffreFortNumerique, DecouvrirUnSiteDeDemarches, ScannerEtEnvoyerUnDocument,
}

/// <summary>A protection measure of the adult (mandant), which decides who signs the mandate.</summary>
public enum ProtectionMeasure { Aucune, Curatelle, Tutelle, HabilitationFamiliale }

/// <summary>Who signed the mandate on the person's side.</summary>
public enum MandateSigner { LaPersonne, LaPersonneEtSonCurateur, LeRepresentantLegal }

/// <summary>What the named workers may use from the file to do the procedures (the CNIL model's « données utilisées »).</summary>
public enum MandateDataKind { EtatCivil, Coordonnees, SituationFamiliale, Ressources, Logement, SituationProfessionnelle, Justificatifs }

public enum MandateRevocationReason { DemandeDeLaPersonne, FinDeLAccompagnement, ChangementDeSituation, ErreurDeSaisie, Autre }

public static class OnlineProcedureLabels
{
    public static string Label(this DigitalHelpLevel l) => l switch
    {
        DigitalHelpLevel.JeForme => "Je forme",
        DigitalHelpLevel.JAccompagne => "J'accompagne",
        DigitalHelpLevel.JeFaisALaPlaceDe => "Je fais à la place de la personne",
        _ => ClosedList.Unknown(l),
    };

    public static string Label(this ProcedureDomain d) => d switch
    {
        ProcedureDomain.Papiers => "Papiers, citoyenneté, élections",
        ProcedureDomain.Famille => "Famille, scolarité",
        ProcedureDomain.Social => "Social, santé",
        ProcedureDomain.Travail => "Travail, formation",
        ProcedureDomain.Logement => "Logement",
        ProcedureDomain.Transports => "Transports, mobilité",
        ProcedureDomain.Argent => "Argent, impôts, consommation",
        ProcedureDomain.Justice => "Justice",
        ProcedureDomain.Etranger => "Étranger, Europe",
        ProcedureDomain.Loisirs => "Loisirs, sport, culture",
        _ => ClosedList.Unknown(d),
    };

    /// <summary>Examples of procedures in the domain, shown beside the choice.</summary>
    public static string Examples(this ProcedureDomain d) => d switch
    {
        ProcedureDomain.Papiers => "carte d'identité, passeport, état civil, inscription sur les listes électorales",
        ProcedureDomain.Famille => "allocations familiales, naissance, scolarité",
        ProcedureDomain.Social => "carte Vitale, complémentaire santé solidaire, RSA, handicap",
        ProcedureDomain.Travail => "inscription à France Travail, formation, retraite",
        ProcedureDomain.Logement => "aide au logement, demande de logement social, énergie",
        ProcedureDomain.Transports => "carte grise, permis de conduire",
        ProcedureDomain.Argent => "déclaration de revenus, surendettement, banque",
        ProcedureDomain.Justice => "aide juridictionnelle, casier judiciaire",
        ProcedureDomain.Etranger => "titre de séjour, naturalisation",
        ProcedureDomain.Loisirs => "inscriptions, pass culture",
        _ => ClosedList.Unknown(d),
    };

    public static string Label(this OnlineOrganisation o) => o switch
    {
        OnlineOrganisation.Caf => "CAF",
        OnlineOrganisation.Cpam => "Assurance maladie (ameli)",
        OnlineOrganisation.Msa => "MSA",
        OnlineOrganisation.FranceTravail => "France Travail",
        OnlineOrganisation.ImpotsGouv => "Impôts (impots.gouv)",
        OnlineOrganisation.Ants => "ANTS (titres et permis)",
        OnlineOrganisation.Prefecture => "Préfecture",
        OnlineOrganisation.Retraite => "Caisse de retraite (info-retraite)",
        OnlineOrganisation.BailleurSocial => "Bailleur social",
        OnlineOrganisation.Energie => "Fournisseur d'énergie",
        OnlineOrganisation.Mairie => "Mairie",
        OnlineOrganisation.Banque => "Banque",
        OnlineOrganisation.Autre => "Autre organisme",
        _ => ClosedList.Unknown(o),
    };

    public static string Label(this OnlineProcedure p) => p switch
    {
        OnlineProcedure.CreationDeCompte => "Création d'un compte en ligne",
        OnlineProcedure.DemandeDePrestation => "Demande d'une aide ou d'une prestation",
        OnlineProcedure.DeclarationDeRessources => "Déclaration de ressources",
        OnlineProcedure.ChangementDeSituation => "Déclaration d'un changement de situation",
        OnlineProcedure.TelechargementDAttestation => "Téléchargement d'une attestation",
        OnlineProcedure.DepotDeJustificatif => "Envoi d'un justificatif",
        OnlineProcedure.PriseDeRendezVous => "Prise de rendez-vous",
        OnlineProcedure.SuiviDeDossier => "Suivi d'un dossier en cours",
        OnlineProcedure.Reclamation => "Réclamation ou recours",
        OnlineProcedure.Autre => "Autre démarche",
        _ => ClosedList.Unknown(p),
    };

    public static string Label(this ProcedureOutcome o) => o switch
    {
        ProcedureOutcome.Aboutie => "Démarche aboutie",
        ProcedureOutcome.EnCours => "Démarche en cours (à reprendre)",
        ProcedureOutcome.NonAboutie => "Démarche non aboutie",
        _ => ClosedList.Unknown(o),
    };

    public static string Label(this DigitalTrainingTheme t) => t switch
    {
        DigitalTrainingTheme.UtiliserUnOrdinateurOuUnTelephone => "Utiliser un ordinateur ou un téléphone",
        DigitalTrainingTheme.CreerEtUtiliserUneAdresseMail => "Créer et utiliser une adresse électronique",
        DigitalTrainingTheme.NaviguerSurInternet => "Naviguer sur internet",
        DigitalTrainingTheme.ProtegerSesMotsDePasse => "Choisir et protéger ses mots de passe",
        DigitalTrainingTheme.ReconnaitreLesArnaques => "Reconnaître les arnaques en ligne",
        DigitalTrainingTheme.UtiliserUnCoffreFortNumerique => "Utiliser un coffre-fort numérique",
        DigitalTrainingTheme.DecouvrirUnSiteDeDemarches => "Découvrir un site de démarches",
        DigitalTrainingTheme.ScannerEtEnvoyerUnDocument => "Scanner et envoyer un document",
        _ => ClosedList.Unknown(t),
    };

    public static string Label(this ProtectionMeasure m) => m switch
    {
        ProtectionMeasure.Aucune => "Aucune mesure de protection",
        ProtectionMeasure.Curatelle => "Curatelle",
        ProtectionMeasure.Tutelle => "Tutelle",
        ProtectionMeasure.HabilitationFamiliale => "Habilitation familiale",
        _ => ClosedList.Unknown(m),
    };

    public static string Label(this MandateSigner s) => s switch
    {
        MandateSigner.LaPersonne => "La personne",
        MandateSigner.LaPersonneEtSonCurateur => "La personne et son curateur",
        MandateSigner.LeRepresentantLegal => "Son représentant légal (tuteur ou personne habilitée)",
        _ => ClosedList.Unknown(s),
    };

    public static string Label(this MandateDataKind k) => k switch
    {
        MandateDataKind.EtatCivil => "État civil",
        MandateDataKind.Coordonnees => "Coordonnées",
        MandateDataKind.SituationFamiliale => "Situation familiale",
        MandateDataKind.Ressources => "Ressources",
        MandateDataKind.Logement => "Logement",
        MandateDataKind.SituationProfessionnelle => "Situation professionnelle",
        MandateDataKind.Justificatifs => "Justificatifs fournis par la personne",
        _ => ClosedList.Unknown(k),
    };

    public static string Label(this MandateRevocationReason r) => r switch
    {
        MandateRevocationReason.DemandeDeLaPersonne => "À la demande de la personne",
        MandateRevocationReason.FinDeLAccompagnement => "Fin de l'accompagnement",
        MandateRevocationReason.ChangementDeSituation => "Changement de situation",
        MandateRevocationReason.ErreurDeSaisie => "Erreur de saisie",
        MandateRevocationReason.Autre => "Autre raison",
        _ => ClosedList.Unknown(r),
    };
}
