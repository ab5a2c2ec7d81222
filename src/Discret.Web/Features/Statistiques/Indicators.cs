using Discret.Catalogue;
using Discret.Domain.Rights;

namespace Discret.Web.Features.Statistiques;

/// <summary>How an indicator's figures relate across periods, which decides how small numbers are masked.</summary>
public enum IndicatorKind
{
    /// <summary>Events counted in the period they happen in: a year is the sum of its quarters, a quarter of its months.</summary>
    Events,
    /// <summary>Persons counted once per period: a year is not exactly the sum of its months (masked as if it were).</summary>
    Persons,
    /// <summary>What is in progress on the period's last day: a quarter's figure is its last month's.</summary>
    Stock,
    /// <summary>A delay in days (median and 90th percentile) with the number of persons it is computed on.</summary>
    Delay,
}

public sealed record BreakdownValue(string Code, string Label);

/// <summary>A breakdown of an indicator; <see cref="Values"/> is null for an open list (communes).</summary>
public sealed record Breakdown(string Code, string Label, IReadOnlyList<BreakdownValue>? Values)
{
    public string LabelOf(string value) => value == "" ? "Total"
        : Values?.FirstOrDefault(v => v.Code == value)?.Label ?? (value == Indicators.CommuneUnknown ? "Commune non renseignée" : value);
}

public sealed record Indicator(string Code, string Label, string Unit, string Definition, IndicatorKind Kind, IReadOnlyList<Breakdown> Breakdowns)
{
    public Breakdown? FindBreakdown(string? code) => Breakdowns.FirstOrDefault(b => b.Code == code);
}

/// <summary>
/// The service's statistics: a closed list of predefined indicators, each with its definition in plain French (shown
/// under each figure) and its breakdowns. None of them names or counts by an account, a worker, a team or a referent
/// (<c>Statistiques/NoWorkerDimensionTests</c> reads this list, the figures' table and the API's schema).
/// </summary>
public static class Indicators
{
    public const string CommuneUnknown = "non-renseignee";
    public const string DelayMedian = "mediane", DelayP90 = "p90", DelayBreakdown = "jours";

    public static readonly Breakdown Age = new("age", "Âge", [
        new("moins-18", "Moins de 18 ans"), new("18-24", "18 à 24 ans"), new("25-39", "25 à 39 ans"),
        new("40-59", "40 à 59 ans"), new("60-74", "60 à 74 ans"), new("75-plus", "75 ans et plus")]);

    public static readonly Breakdown Household = new("menage", "Type de ménage", [
        new("seule", "Personne seule"), new("couple-sans-enfant", "Couple sans enfant"), new("couple-avec-enfants", "Couple avec enfant(s)"),
        new("monoparentale", "Famille monoparentale"), new("autre", "Autre ménage")]);

    public static readonly Breakdown Commune = new("commune", "Commune de résidence", null);

    private static Breakdown Closed<T>(string code, string label, Func<T, string> labelOf) where T : struct, Enum =>
        new(code, label, Enum.GetValues<T>().Select(v => new BreakdownValue(v.ToString(), labelOf(v))).ToList());

    public static readonly IReadOnlyList<Indicator> All =
    [
        new("personnes-recues", "Personnes reçues", "personnes",
            "Personnes ayant eu au moins un entretien (permanence, rendez-vous, visite à domicile, téléphone) daté dans la période ; chaque personne compte une fois, dans la circonscription de son dossier. L'âge est celui du dernier jour de la période ; le type de ménage et la commune sont ceux du jour du calcul.",
            IndicatorKind.Persons, [Age, Household, Commune]),
        new("premiers-accueils", "Premiers accueils", "personnes",
            "Personnes dont le dossier a été créé dans la période (premier contact avec le service).", IndicatorKind.Events, []),
        new("accompagnements-ouverts", "Accompagnements ouverts", "accompagnements",
            "Accompagnements dont la date d'ouverture est dans la période. Un accompagnement qui a deux motifs compte sous chacun : les motifs additionnés dépassent le total.",
            IndicatorKind.Events, [Closed<FollowUpMotive>("motif", "Motif", m => m.Label())]),
        new("accompagnements-clos", "Accompagnements clos", "accompagnements",
            "Accompagnements dont la date de clôture est dans la période.", IndicatorKind.Events, []),
        new("accompagnements-en-cours", "Accompagnements en cours", "accompagnements",
            "Accompagnements ouverts au plus tard le dernier jour de la période (aujourd'hui pour la période en cours) et non clos à cette date.",
            IndicatorKind.Stock, []),
        new("entretiens", "Entretiens", "entretiens",
            "Entretiens datés dans la période, dans la circonscription de l'accompagnement. Les visites à domicile sont les entretiens de type « Visite à domicile » ; les orientations vers un partenaire, l'action « Orientation vers un partenaire ». Un entretien qui décide deux actions compte sous chacune.",
            IndicatorKind.Events, [Closed<InterviewKind>("type", "Type d'entretien", k => k.Label()), Closed<InterviewAction>("action", "Action décidée", a => a.Label())]),
        new("partages", "Partages d'informations", "partages",
            "Informations transmises à un partenaire dans la période, avec l'accord de la personne, par type de partenaire.",
            IndicatorKind.Events, [Closed<PartnerKind>("partenaire", "Type de partenaire", p => p.Label())]),
        new("consentements", "Consentements au partage", "consentements",
            "Accords de partage donnés par les personnes dans la période, par type de partenaire.",
            IndicatorKind.Events, [Closed<PartnerKind>("partenaire", "Type de partenaire", p => p.Label())]),
        // Online procedures (issue 19): digital helps at the three levels, never by worker or person.
        new("aides-numeriques", "Aides numériques", "aides",
            "Aides numériques datées dans la période, dans la circonscription de l'accompagnement : formations (je forme), démarches accompagnées (j'accompagne) et démarches faites à la place de la personne sous un mandat (je fais à la place de), par niveau et par domaine de la démarche. Une formation n'a pas de domaine : les domaines additionnés sont en dessous du total.",
            IndicatorKind.Events, [Closed<Discret.Domain.Mandates.DigitalHelpLevel>("niveau", "Niveau de l'aide", l => Discret.Domain.Mandates.OnlineProcedureLabels.Label(l)),
                Closed<Discret.Domain.Mandates.ProcedureDomain>("domaine", "Domaine de la démarche", d => Discret.Domain.Mandates.OnlineProcedureLabels.Label(d))]),
        new("droits", "Demandes d'exercice des droits", "demandes",
            "Demandes (accès, rectification, effacement, limitation, opposition, portabilité) reçues dans la période ; leur issue est celle du jour du calcul.",
            IndicatorKind.Events, [Closed<RightKind>("droit", "Droit exercé", k => k.Label()), Closed<RequestStatus>("issue", "Issue", s => s.Label())]),
        new("informations", "Informations données", "informations",
            "Notices d'information remises ou expliquées aux personnes dans la période, par mode d'information.",
            IndicatorKind.Events, [Closed<InformationMethod>("mode", "Mode d'information", m => m.Label())]),
        new("refus-informatisation", "Refus d'informatisation", "dossiers",
            "Dossiers passés sur papier dans la période parce que la personne a refusé qu'ils soient informatisés.", IndicatorKind.Events, []),
        new("acces-exceptionnels", "Accès exceptionnels", "accès",
            "Accès exceptionnels (« bris de glace ») ouverts dans la période : un nombre, rien d'autre.", IndicatorKind.Events, []),
        new("delai-premier-rendez-vous", "Délai avant le premier rendez-vous", "jours",
            "Pour les personnes dont le premier rendez-vous (non annulé) a lieu dans la période : nombre de jours entre la création du dossier et ce rendez-vous. Médiane (la moitié des personnes a attendu moins) et 90e centile (9 personnes sur 10 ont attendu moins), au rang le plus proche ; publié seulement si le nombre de personnes atteint le seuil.",
            IndicatorKind.Delay, []),
    ];

    public static Indicator? Find(string? code) => All.FirstOrDefault(i => i.Code == code);

    /// <summary>The band of an age on a day.</summary>
    public static string AgeBand(DateOnly birth, DateOnly on)
    {
        var age = on.Year - birth.Year - (on < birth.AddYears(on.Year - birth.Year) ? 1 : 0);
        return age switch { < 18 => "moins-18", < 25 => "18-24", < 40 => "25-39", < 60 => "40-59", < 75 => "60-74", _ => "75-plus" };
    }

    /// <summary>The type of a household from its members' links to its reference person.</summary>
    public static string HouseholdType(int members, int partners, int children) =>
        members <= 1 ? "seule"
        : partners > 0 && children == 0 ? "couple-sans-enfant"
        : partners > 0 ? "couple-avec-enfants"
        : children > 0 ? "monoparentale"
        : "autre";

    /// <summary>A commune as written, trimmed and upper-cased; « non-renseignee » when empty.</summary>
    public static string CommuneOf(string? city) => string.IsNullOrWhiteSpace(city) ? CommuneUnknown : city.Trim().ToUpperInvariant();
}
