using Discret.Catalogue;
using Discret.Domain.Persons;
using Discret.Domain.Input;

namespace Discret.Domain.Rights;

public enum PartnerKind { Caf, Cpam, Ccas, Bailleur, FranceTravail, Hopital, Association, Autre }

/// <summary>Why the person agrees to a sharing (closed list).</summary>
public enum SharingPurpose { OuvertureDeDroits, AccesAuLogement, InsertionProfessionnelle, SoinsEtSante, AideFinanciere, ProtectionDesMajeurs }

public enum ConsentForm { Ecrit, Oral }

/// <summary>What users read for the closed lists of a consent to sharing.</summary>
public static class SharingConsentLabels
{
    public static string Label(this PartnerKind k) => k switch
    {
        PartnerKind.Caf => "CAF (caisse d'allocations familiales)",
        PartnerKind.Cpam => "CPAM (assurance maladie)",
        PartnerKind.Ccas => "CCAS (centre communal d'action sociale)",
        PartnerKind.Bailleur => "Bailleur",
        PartnerKind.FranceTravail => "France Travail",
        PartnerKind.Hopital => "Hôpital",
        PartnerKind.Association => "Association",
        PartnerKind.Autre => "Autre partenaire",
        _ => ClosedList.Unknown(k),
    };

    /// <summary>The kind of partner without the expansion of its acronym, after a partner's name: « CAF de Valmont (CAF) ».</summary>
    public static string ShortLabel(this PartnerKind k) => k switch
    {
        PartnerKind.Caf => "CAF",
        PartnerKind.Cpam => "CPAM",
        PartnerKind.Ccas => "CCAS",
        _ => k.Label(),
    };

    public static string Label(this SharingPurpose p) => p switch
    {
        SharingPurpose.OuvertureDeDroits => "Ouverture ou maintien de droits",
        SharingPurpose.AccesAuLogement => "Accès ou maintien dans le logement",
        SharingPurpose.InsertionProfessionnelle => "Insertion professionnelle",
        SharingPurpose.SoinsEtSante => "Accès aux soins",
        SharingPurpose.AideFinanciere => "Demande d'aide financière",
        SharingPurpose.ProtectionDesMajeurs => "Mesure de protection d'un majeur",
        _ => ClosedList.Unknown(p),
    };

    public static string Label(this ConsentForm f) => f switch
    {
        ConsentForm.Ecrit => "Écrit (signé par la personne)",
        ConsentForm.Oral => "Oral (recueilli en entretien)",
        _ => ClosedList.Unknown(f),
    };

    /// <summary>"écrit", "oral" after a word (« Accord écrit »); capitalised on its own (« Écrit »).</summary>
    public static string ShortLabel(this ConsentForm f, bool capitalised = false) => (f, capitalised) switch
    {
        (ConsentForm.Ecrit, false) => "écrit",
        (ConsentForm.Ecrit, true) => "Écrit",
        (ConsentForm.Oral, false) => "oral",
        (ConsentForm.Oral, true) => "Oral",
        _ => ClosedList.Unknown(f),
    };
}

/// <summary>
/// The person's agreement to share information with one partner, for one purpose, limited to some categories of
/// data, from a date and for a duration (CSP L.1110-4 III; HCTS/CNIL: act with the person). It may be withdrawn at
/// any time; a sharing is refused without a consent valid on the day that covers the partner, purpose and categories.
/// </summary>
public class SharingConsent : IPersonalData
{
    public const int MaxPartnerNameLength = 120;
    public const int MaxMonths = 12;

    private SharingConsent() { }

    public SharingConsent(Guid personId, PartnerKind partner, string partnerName, SharingPurpose purpose, IEnumerable<DataCategory> categories,
        ConsentForm form, DateOnly givenOn, DateOnly validUntil, Guid recordedById, DateTime now)
    {
        Id = Guid.NewGuid();
        PersonId = personId;
        Partner = partner;
        PartnerName = partnerName.Trim();
        Purpose = purpose;
        Categories = categories.Distinct().Order().ToList();
        Form = form;
        GivenOn = givenOn;
        ValidUntil = validUntil;
        RecordedById = recordedById;
        RecordedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public PartnerKind Partner { get; private set; }
    /// <summary>The partner institution's name ("CCAS de …"), never a person's name.</summary>
    public string PartnerName { get; private set; } = "";
    public SharingPurpose Purpose { get; private set; }
    public List<DataCategory> Categories { get; private set; } = [];
    public ConsentForm Form { get; private set; }
    public DateOnly GivenOn { get; private set; }
    public DateOnly ValidUntil { get; private set; }
    public Guid RecordedById { get; private set; }
    public DateTime RecordedAt { get; private set; }
    public DateOnly? WithdrawnOn { get; private set; }
    public Guid? WithdrawnById { get; private set; }

    /// <summary>Valid on a day: not withdrawn, and the day within its validity. The one statement of the rule: sharing is
    /// allowed only under it, and the file's list of consents derives each state from it.</summary>
    public static readonly Rule<SharingConsent, DateOnly> ValidOn = new((c, day) => c.WithdrawnOn == null && c.GivenOn <= day && day <= c.ValidUntil);

    public void Withdraw(DateOnly on, Guid byId)
    {
        if (WithdrawnOn is not null) return;
        WithdrawnOn = on;
        WithdrawnById = byId;
    }
}

/// <summary>One sharing done under a consent (the disclosure log, R27): who shared, when, which categories.</summary>
public class Sharing : IPersonalData
{
    private Sharing() { }

    public Sharing(SharingConsent consent, IEnumerable<DataCategory> categories, Guid sharedById, DateTime now)
    {
        Id = Guid.NewGuid();
        ConsentId = consent.Id;
        PersonId = consent.PersonId;
        Categories = categories.Distinct().Order().ToList();
        SharedById = sharedById;
        SharedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid ConsentId { get; private set; }
    public Guid PersonId { get; private set; }
    public List<DataCategory> Categories { get; private set; } = [];
    public Guid SharedById { get; private set; }
    public DateTime SharedAt { get; private set; }
}
