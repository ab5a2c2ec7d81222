using Discret.Catalogue;
using Discret.Domain.Input;
using Discret.Time;

namespace Discret.Domain.Persons;

/// <summary>
/// A person known to the service: succinct identity and contact details, and a place in a household.
/// No NIR, no nationality or residence status, no free comment: by design there is nowhere to put them.
/// </summary>
public class Person : IPersonalData
{
    public const int MaxNameLength = 100;
    public const int MaxFirstNamesLength = 150;

    private Person() { }

    public Person(PersonIdentity identity, Guid householdId, HouseholdLink link, Guid circonscriptionId, Provenance provenance, DateTime now)
    {
        Id = Guid.NewGuid();
        HouseholdId = householdId;
        HouseholdLink = link;
        CirconscriptionId = circonscriptionId;
        CreatedAt = now;
        LastContactOn = ParisTime.DayOf(now);
        Apply(identity, provenance);
    }

    public Guid Id { get; private set; }
    public string BirthName { get; private set; } = "";
    public string? UsageName { get; private set; }
    public string FirstNames { get; private set; } = "";
    public DateOnly BirthDate { get; private set; }
    public string? Phone { get; private set; }
    public string? Email { get; private set; }

    /// <summary>Search keys derived from the names (see <see cref="NameKeys"/>).</summary>
    public string BirthNameKey { get; private set; } = "";
    public string UsageNameKey { get; private set; } = "";
    public string BirthNameSound { get; private set; } = "";
    public string UsageNameSound { get; private set; } = "";
    /// <summary>The first names normalised, for a result order that is the same on every database. Empty only on a row
    /// written before it existed, until <see cref="Data.NameWordsBackfill"/> fills it.</summary>
    public string FirstNamesKey { get; private set; } = "";

    public Guid HouseholdId { get; private set; }
    public HouseholdLink HouseholdLink { get; private set; }
    public Guid CirconscriptionId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public Provenance Provenance { get; private set; } = Provenance.ThePerson;

    /// <summary>
    /// The day the person refused computerisation: the file is then a minimal record (identity, circonscription,
    /// referent, appointments) and the follow-up goes on on paper. Null while the person accepts it.
    /// </summary>
    public DateOnly? PaperOnlySince { get; private set; }
    public bool IsPaperOnly => PaperOnlySince is not null;

    /// <summary>
    /// The last day the service was in contact with the person (the file's creation, an interview, a rights request,
    /// information given…), never a worker merely opening the file: the retention clock of the file runs from it.
    /// Maintained by <c>Features.Conservation.LastContact</c>, outside the concurrency token.
    /// </summary>
    public DateOnly LastContactOn { get; private set; }

    /// <summary>The day the file left the active base for the intermediate archive: it is then out of every screen,
    /// search and statistic of daily work, consulted by the DPO only, for a stated reason. Null while active.</summary>
    public DateOnly? ArchivedOn { get; private set; }
    public bool IsArchived => ArchivedOn is not null;

    /// <summary>
    /// The day the processing of the file was limited at the person's request (GDPR art. 18): from then on the file is
    /// stored and may be consulted, but nothing of it is modified, shared, or destroyed by the retention job, until the
    /// DPO lifts the limitation after telling the person (art. 18.3). Null while the processing is not limited.
    /// </summary>
    public DateOnly? RestrictedSince { get; private set; }
    /// <summary>The rights request (kind <c>Limitation</c>) on which the processing was limited.</summary>
    public Guid? RestrictionRequestId { get; private set; }
    public bool IsRestricted => RestrictedSince is not null;

    /// <summary>The elimination batch that lists the file for destruction, once its retention has ended.</summary>
    public Guid? EliminationBatchId { get; private set; }

    /// <summary>
    /// A file in daily work: neither in the intermediate archive nor listed for elimination. A file leaves daily work as
    /// soon as the retention job finds its active period over — archived when the rule in force has an intermediate
    /// archive, listed for elimination otherwise — not weeks later when the archives service's visa lets it be destroyed.
    /// Out of daily work, a file is absent from every screen, search, list and API of every role
    /// (<c>PersonAccess</c>); the DPO alone reaches it, for the archive consultation and the elimination procedure. It
    /// comes back only if the job takes it out of its batch (a new rule in force, a legal hold) before the destruction.
    /// The one statement of the rule: every query of daily work filters with it.
    /// </summary>
    public static readonly Rule<Person> InDailyWork = new(p => p.ArchivedOn == null && p.EliminationBatchId == null);

    /// <summary>Optimistic concurrency: a second writer working on a stale copy is told, nothing is overwritten.</summary>
    public int Version { get; private set; }

    /// <summary>
    /// The name a person is called by in lists, headings and the file: usage name (else birth name), then first names.
    /// Written once: queries call it in their projection (EF Core reads the three columns and applies it), pages too.
    /// </summary>
    public static string NameOf(string? usageName, string birthName, string firstNames) => $"{usageName ?? birthName} {firstNames}";

    public string DisplayName => UsageName is { Length: > 0 } ? $"{UsageName} {FirstNames} (nom de naissance : {BirthName})" : $"{BirthName} {FirstNames}";

    public void Update(PersonIdentity identity, Provenance provenance)
    {
        Apply(identity, provenance);
        Version++;
    }

    /// <summary>Reduces the person to the minimal record: contact details go (the household and follow-up content are
    /// removed by the use case, <c>ComputerisationRefusal</c>).</summary>
    public void RefuseComputerisation(DateOnly on)
    {
        PaperOnlySince = on;
        Phone = null;
        Email = null;
        Version++;
    }

    public void AcceptComputerisation()
    {
        PaperOnlySince = null;
        Version++;
    }

    /// <summary>A contact with the person on that day: moves the last contact forward, never back. Outside the concurrency
    /// token (no <see cref="Version"/> change); the use cases of daily work go through <c>Features.Conservation.LastContact</c>.</summary>
    public void RecordContact(DateOnly on)
    {
        if (on > LastContactOn) LastContactOn = on;
    }

    /// <summary>Limits the processing of the file from that day, on the person's limitation request (art. 18).</summary>
    public void Restrict(Guid requestId, DateOnly on)
    {
        if (IsRestricted) throw new InvalidOperationException("The processing of this file is already limited.");
        RestrictedSince = on;
        RestrictionRequestId = requestId;
        Version++;
    }

    /// <summary>Lifts the limitation (the person having been told beforehand, art. 18.3).</summary>
    public void LiftRestriction()
    {
        if (!IsRestricted) throw new InvalidOperationException("The processing of this file is not limited.");
        RestrictedSince = null;
        RestrictionRequestId = null;
        Version++;
    }

    /// <summary>The file leaves the active base for the intermediate archive on that day (the retention job).</summary>
    public void Archive(DateOnly on)
    {
        ArchivedOn ??= on;
    }

    public void MoveTo(Guid householdId, HouseholdLink link)
    {
        HouseholdId = householdId;
        HouseholdLink = link;
        Version++;
    }

    private void Apply(PersonIdentity identity, Provenance provenance)
    {
        BirthName = identity.BirthName;
        UsageName = identity.UsageName;
        FirstNames = identity.FirstNames;
        BirthDate = identity.BirthDate;
        Phone = identity.Phone;
        Email = identity.Email;
        Provenance = provenance;
        BirthNameKey = NameKeys.Normalize(BirthName);
        UsageNameKey = NameKeys.Normalize(UsageName);
        BirthNameSound = NameKeys.Sound(BirthName);
        UsageNameSound = NameKeys.Sound(UsageName);
        FirstNamesKey = NameKeys.Normalize(FirstNames);
    }

    /// <summary>Fills the search keys of a row written before they existed (<see cref="Data.NameWordsBackfill"/>).</summary>
    public void RecomputeSearchKeys() => FirstNamesKey = NameKeys.Normalize(FirstNames);
}

/// <summary>The identity and contact details of a person, validated once (see <see cref="PersonIdentity.Validate"/>).</summary>
public sealed record PersonIdentity(string BirthName, string? UsageName, string FirstNames, DateOnly BirthDate, string? Phone, string? Email)
{
    /// <summary>Checks raw input; returns the identity or French errors keyed by field name.</summary>
    /// <param name="stored">The identity as stored, when a file is edited: a value kept as it was is not judged again by a
    /// format rule written after it was saved (an account that may not write the contact details still saves the identity).</param>
    public static (PersonIdentity? Identity, Dictionary<string, string> Errors) Validate(
        string? birthName, string? usageName, string? firstNames, DateOnly? birthDate, string? phone, string? email, DateOnly today,
        PersonIdentity? stored = null)
    {
        var errors = new Dictionary<string, string>();
        birthName = birthName?.Trim();
        usageName = string.IsNullOrWhiteSpace(usageName) ? null : usageName.Trim();
        firstNames = firstNames?.Trim();
        phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if (string.IsNullOrEmpty(birthName)) errors[nameof(BirthName)] = "Saisissez le nom de naissance.";
        else if (birthName.Length > Person.MaxNameLength) errors[nameof(BirthName)] = "Le nom de naissance est trop long (100 caractères au plus).";
        else if (birthName != stored?.BirthName && !IdentityFormat.IsName(birthName, Person.MaxNameLength)) errors[nameof(BirthName)] = "Le nom de naissance ne peut contenir que " + IdentityFormat.NameCharacters + ".";
        if (usageName is { Length: > Person.MaxNameLength }) errors[nameof(UsageName)] = "Le nom d'usage est trop long (100 caractères au plus).";
        else if (usageName is not null && usageName != stored?.UsageName && !IdentityFormat.IsName(usageName, Person.MaxNameLength)) errors[nameof(UsageName)] = "Le nom d'usage ne peut contenir que " + IdentityFormat.NameCharacters + ".";
        if (string.IsNullOrEmpty(firstNames)) errors[nameof(FirstNames)] = "Saisissez au moins un prénom.";
        else if (firstNames.Length > Person.MaxFirstNamesLength) errors[nameof(FirstNames)] = "Les prénoms sont trop longs (150 caractères au plus).";
        else if (firstNames != stored?.FirstNames && !IdentityFormat.IsName(firstNames, Person.MaxFirstNamesLength)) errors[nameof(FirstNames)] = "Les prénoms ne peuvent contenir que " + IdentityFormat.NameCharacters + ".";
        if (birthDate is null) errors[nameof(BirthDate)] = "Saisissez la date de naissance (jour, mois, année).";
        else if (birthDate > today) errors[nameof(BirthDate)] = "La date de naissance ne peut pas être dans le futur.";
        else if (birthDate < today.AddYears(-125) || !InputDate.IsInRange(birthDate.Value)) errors[nameof(BirthDate)] = "Cette date de naissance est trop ancienne : vérifiez l'année.";
        if (phone is not null && phone != stored?.Phone && !IdentityFormat.IsPhone(phone)) errors[nameof(Phone)] = IdentityFormat.PhoneMessage;
        if (email is not null && email != stored?.Email && !IdentityFormat.IsEmail(email)) errors[nameof(Email)] = IdentityFormat.EmailMessage;
        return errors.Count > 0 ? (null, errors) : (new PersonIdentity(birthName!, usageName, firstNames!, birthDate!.Value, phone, email), errors);
    }
}
