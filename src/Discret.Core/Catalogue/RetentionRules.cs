using Discret.Domain.Input;

namespace Discret.Catalogue;

public enum RetentionStart { DernierContact, ClotureAccompagnement, DateDuRendezVous, SaisieDeLaNote, DateDeLEvenement, ClotureDeLaDemande, FinDeLaTache, FinDuMandat }

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

    /// <summary>
    /// The value a rectification replaced (R20), kept out of the file: only to answer a dispute about the rectification.
    /// The answer to the request can be contested before the administrative court within 2 months (CJA R.421-1), a delay a
    /// gracious appeal extends (2 months for the administration's silence, then 2 months again): 6 months after the
    /// rectification cover them. The request itself stays 5 years as evidence of the answer, without the old value.
    /// </summary>
    public static readonly RetentionRule ValeurRectifiee = new("valeur-rectifiee",
        "6 mois après la rectification (délais de recours contre la réponse), puis suppression de la valeur remplacée", RetentionStart.DateDeLEvenement,
        TimeSpan.FromDays(183), null, null, FinalFate.Suppression);

    /// <summary>A task (issue 16): kept while its follow-up is open and 3 months after its closure; a task about no
    /// follow-up, 3 months after its due day or the day it was done, whichever is later. Then deleted.</summary>
    public static readonly RetentionRule Tache = new("tache",
        "3 mois après la clôture de l'accompagnement (hors accompagnement : après l'échéance ou la réalisation), puis suppression", RetentionStart.FinDeLaTache,
        TimeSpan.FromDays(90), null, null, FinalFate.Suppression);

    /// <summary>
    /// A mandate, its authorisations and the procedures done under it (issue 19): the evidence of what was done in the
    /// person's name, kept for a dispute about one of those procedures — 5 years, the civil limitation period (Code civil
    /// art. 2224), which also covers the four-year lapse of claims against the département (loi 68-1250) — from the day the
    /// mandate ended (its last day, or its revocation), then deleted. It outlives the file, naming it by opaque id.
    /// </summary>
    public static readonly RetentionRule Mandat = new("mandat",
        "5 ans après la fin du mandat (dernier jour ou révocation), preuve des démarches faites au nom de la personne, puis suppression", RetentionStart.FinDuMandat,
        TimeSpan.FromDays(1826), null, null, FinalFate.Suppression);

    public static readonly IReadOnlyList<RetentionRule> All = [DeuxAnsApresDernierContact, DeuxAnsApresCloture, TroisMoisApresRendezVous, NoteDeTravail, JournalDesAcces, DemandeDeDroits,
        ValeurRectifiee, Tache, Mandat];
}

public static class RetentionLabels
{
    /// <summary>"à compter …": the event a retention period runs from ("du dernier contact…").</summary>
    public static string Label(this RetentionStart start) => start switch
    {
        RetentionStart.DernierContact => "du dernier contact avec la personne",
        RetentionStart.ClotureAccompagnement => "de la clôture de l'accompagnement",
        RetentionStart.DateDuRendezVous => "de la date du rendez-vous",
        RetentionStart.SaisieDeLaNote => "de la saisie de la note",
        RetentionStart.DateDeLEvenement => "de l'évènement enregistré",
        RetentionStart.ClotureDeLaDemande => "de la clôture de la demande",
        RetentionStart.FinDeLaTache => "de la clôture de l'accompagnement de la tâche (pour une tâche hors accompagnement : de son échéance ou de sa réalisation, la plus tardive)",
        RetentionStart.FinDuMandat => "de la fin du mandat (son dernier jour, ou sa révocation)",
        _ => ClosedList.Unknown(start),
    };

    /// <summary>The starting point in a few words, after « après » (the poster in the waiting room).</summary>
    public static string ShortLabel(this RetentionStart start) => start switch
    {
        RetentionStart.DernierContact => "le dernier contact",
        RetentionStart.ClotureAccompagnement => "la fin de l'accompagnement",
        RetentionStart.DateDuRendezVous => "le rendez-vous",
        RetentionStart.SaisieDeLaNote => "la note",
        RetentionStart.DateDeLEvenement => "l'évènement",
        RetentionStart.ClotureDeLaDemande => "la réponse à la demande",
        RetentionStart.FinDeLaTache => "la fin de la tâche",
        RetentionStart.FinDuMandat => "la fin du mandat",
        _ => ClosedList.Unknown(start),
    };

    public static string Label(this FinalFate fate) => fate switch
    {
        FinalFate.Suppression => "Suppression",
        FinalFate.AnonymisationStatistique => "Anonymisation (ne restent que des statistiques anonymes)",
        _ => ClosedList.Unknown(fate),
    };

    /// <summary>The rule in words, from its values: "2 ans à compter du dernier contact avec la personne, puis suppression".</summary>
    public static string Describe(this RetentionRule rule) =>
        $"{Duration(rule.Active)} à compter {rule.Start.Label()}" + (rule.Archive is { } a ? $", puis {Duration(a)} en archive intermédiaire" : "")
        + ", puis " + rule.Fate.Label().ToLowerInvariant();

    /// <summary>A duration in plain French: "2 ans", "6 mois", "45 jours".</summary>
    public static string Duration(TimeSpan span)
    {
        var days = span.TotalDays;
        if (days >= 365 && Math.Abs(days / 365.25 - Math.Round(days / 365.25)) * 365.25 <= 2)
        {
            var years = (int)Math.Round(days / 365.25);
            return years == 1 ? "1 an" : $"{years} ans";
        }
        if (days >= 28 && Math.Abs(days / 30.44 - Math.Round(days / 30.44)) * 30.44 <= 2)
            return $"{(int)Math.Round(days / 30.44)} mois";
        if (days >= 1 && span.TotalDays == Math.Floor(span.TotalDays))
            return days == 1 ? "1 jour" : $"{(int)days} jours";
        if (span.TotalHours >= 1 && span.TotalHours == Math.Floor(span.TotalHours))
            return span.TotalHours == 1 ? "1 heure" : $"{(int)span.TotalHours} heures";
        return span.TotalMinutes == 1 ? "1 minute" : $"{(int)Math.Round(span.TotalMinutes)} minutes";
    }
}
