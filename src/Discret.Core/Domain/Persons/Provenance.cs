using Discret.Catalogue;
using Discret.Domain.Input;

namespace Discret.Domain.Persons;

/// <summary>
/// Where a fact comes from: the person's own words, a professional's observation, a named partner institution,
/// or a third party (a category, never a name). A third party's report is shown as unverified everywhere.
/// </summary>
public sealed class Provenance
{
    private Provenance() { }

    private Provenance(DataSource source, string? partnerName, ThirdPartyCategory? thirdParty)
    {
        Source = source;
        PartnerName = partnerName;
        ThirdParty = thirdParty;
    }

    public DataSource Source { get; private set; }
    public string? PartnerName { get; private set; }
    public ThirdPartyCategory? ThirdParty { get; private set; }

    public const int MaxPartnerNameLength = 120;

    public static readonly Provenance ThePerson = new(DataSource.Personne, null, null);
    public static readonly Provenance AProfessional = new(DataSource.Professionnel, null, null);

    public static Provenance Partner(string name) => new(DataSource.Partenaire, name.Trim(), null);
    public static Provenance ReportedBy(ThirdPartyCategory category) => new(DataSource.Tiers, null, category);

    /// <summary>Builds a provenance from form input; null with a French reason when it is incomplete.</summary>
    public static (Provenance? Value, string? Problem) From(DataSource? source, string? partnerName, ThirdPartyCategory? thirdParty) => source switch
    {
        null => (null, "Indiquez d'où vient l'information."),
        DataSource.Personne => (ThePerson, null),
        DataSource.Professionnel => (AProfessional, null),
        DataSource.Partenaire when string.IsNullOrWhiteSpace(partnerName) => (null, "Indiquez le nom du partenaire qui a transmis l'information."),
        DataSource.Partenaire when partnerName!.Trim().Length > MaxPartnerNameLength => (null, "Le nom du partenaire est trop long (120 caractères au plus)."),
        DataSource.Partenaire => (Partner(partnerName!), null),
        DataSource.Tiers when thirdParty is null => (null, "Indiquez quel type de tiers a signalé l'information."),
        DataSource.Tiers => (ReportedBy(thirdParty!.Value), null),
        _ => (null, "Provenance inconnue."),
    };

    public bool IsUnverifiedReport => Source == DataSource.Tiers;

    /// <summary>The words shown next to the fact.</summary>
    public string Describe() => Source switch
    {
        DataSource.Personne => "Propos de la personne",
        DataSource.Professionnel => "Observation du professionnel",
        DataSource.Partenaire => $"Transmis par un partenaire : {PartnerName}",
        DataSource.Tiers => $"Signalé par un tiers ({ThirdParty?.Label().ToLowerInvariant()}) — non vérifié",
        _ => ClosedList.Unknown(Source),
    };
}
