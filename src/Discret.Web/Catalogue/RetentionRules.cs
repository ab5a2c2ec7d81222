namespace Discret.Web.Catalogue;

public enum RetentionStart { DernierContact, ClotureAccompagnement, DateDuRendezVous, SaisieDeLaNote, DateDeLEvenement, ClotureDeLaDemande }

public enum FinalFate { Suppression, AnonymisationStatistique }

/// <summary>
/// A named retention rule (CNIL framework for the social sector, délibération 2023-095): how long in the active
/// base from which event, then the intermediate archive (none without a written justification), then the fate.
/// The retention engine executes these rules; every catalogue field names one.
/// </summary>
public sealed record RetentionRule(string Code, string Label, RetentionStart Start, TimeSpan Active, TimeSpan? Archive, string? ArchiveJustification, FinalFate Fate)
{
    public static readonly RetentionRule DeuxAnsApresDernierContact = new("deux-ans-dernier-contact",
        "2 ans après le dernier contact avec la personne, puis suppression", RetentionStart.DernierContact, TimeSpan.FromDays(730), null, null, FinalFate.Suppression);

    public static readonly RetentionRule DeuxAnsApresCloture = new("deux-ans-cloture",
        "2 ans après la clôture de l'accompagnement, puis anonymisation pour les statistiques", RetentionStart.ClotureAccompagnement, TimeSpan.FromDays(730), null, null, FinalFate.AnonymisationStatistique);

    public static readonly RetentionRule TroisMoisApresRendezVous = new("trois-mois-rendez-vous",
        "3 mois après la date du rendez-vous, puis suppression", RetentionStart.DateDuRendezVous, TimeSpan.FromDays(90), null, null, FinalFate.Suppression);

    /// <summary>A worker's own working note: deleted when the follow-up closes, and at the latest after its lifetime (6 months by default).</summary>
    public static readonly RetentionRule NoteDeTravail = new("note-de-travail",
        "Jusqu'à la clôture de l'accompagnement, au plus tard 6 mois après la saisie (réglable), puis suppression", RetentionStart.SaisieDeLaNote,
        TimeSpan.FromDays(183), null, null, FinalFate.Suppression);

    /// <summary>The access journal and what goes with it (break-glass accesses, notifications): 12 months by default
    /// (CNIL: 6 months to 1 year for access logs), purged while the chain stays verifiable from a sealed anchor.</summary>
    public static readonly RetentionRule JournalDesAcces = new("journal-des-acces",
        "12 mois après l'évènement (réglable de 6 à 12 mois), puis suppression", RetentionStart.DateDeLEvenement,
        TimeSpan.FromDays(365), null, null, FinalFate.Suppression);

    /// <summary>A rights request and its answer: kept as evidence of the answer for the civil limitation period
    /// (Code civil art. 2224: 5 years), after which it is deleted. It outlives an erasure, naming the file by opaque id only.</summary>
    public static readonly RetentionRule DemandeDeDroits = new("demande-de-droits",
        "5 ans après la clôture de la demande (preuve de la réponse), puis suppression", RetentionStart.ClotureDeLaDemande,
        TimeSpan.FromDays(1826), null, null, FinalFate.Suppression);

    public static readonly IReadOnlyList<RetentionRule> All = [DeuxAnsApresDernierContact, DeuxAnsApresCloture, TroisMoisApresRendezVous, NoteDeTravail, JournalDesAcces, DemandeDeDroits];
}
