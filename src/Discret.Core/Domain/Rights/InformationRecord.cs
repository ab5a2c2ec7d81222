using Discret.Domain.Persons;
using Discret.Domain.Input;

namespace Discret.Domain.Rights;

/// <summary>How the person was given the information notice.</summary>
public enum InformationMethod { RemiseEnMain, Oral, Affichage }

/// <summary>What users read for how the person was informed.</summary>
public static class InformationMethodLabels
{
    public static string Label(this InformationMethod method) => method switch
    {
        InformationMethod.RemiseEnMain => "Notice remise en main propre",
        InformationMethod.Oral => "Informée oralement (notice expliquée)",
        InformationMethod.Affichage => "Affichage dans la salle d'attente",
        _ => ClosedList.Unknown(method),
    };

    /// <summary>The method alone, in the copy of the file given to the person: « Remise en main propre », « Oralement », « Affichage ».</summary>
    public static string ShortLabel(this InformationMethod method) => method switch
    {
        InformationMethod.RemiseEnMain => "Remise en main propre",
        InformationMethod.Oral => "Oralement",
        InformationMethod.Affichage => "Affichage",
        _ => ClosedList.Unknown(method),
    };
}

/// <summary>
/// The record that a person was informed (GDPR art. 13): which version of the notice, how, when, by whom. A file with
/// none shows a reminder to its referent, and no interview is saved on a file older than 30 days without one.
/// </summary>
public class InformationRecord : IPersonalData
{
    /// <summary>Days after the file's creation during which interviews may be saved before the person is informed.</summary>
    public const int GraceDays = 30;

    private InformationRecord() { }

    public InformationRecord(Guid personId, int noticeVersion, InformationMethod method, DateOnly informedOn, Guid recordedById, DateTime now)
    {
        Id = Guid.NewGuid();
        PersonId = personId;
        NoticeVersion = noticeVersion;
        Method = method;
        InformedOn = informedOn;
        RecordedById = recordedById;
        RecordedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public int NoticeVersion { get; private set; }
    public InformationMethod Method { get; private set; }
    public DateOnly InformedOn { get; private set; }
    public Guid RecordedById { get; private set; }
    public DateTime RecordedAt { get; private set; }
}

/// <summary>What kind of fact a third party's or a partner's report was recorded on.</summary>
public enum FactKind { Identite, Accompagnement, Entretien }

public static class FactKindLabels
{
    public static string Label(this FactKind kind) => kind switch
    {
        FactKind.Identite => "Identité",
        FactKind.Accompagnement => "Accompagnement",
        FactKind.Entretien => "Entretien",
        _ => ClosedList.Unknown(kind),
    };
}

/// <summary>
/// A fact obtained from someone other than the person (a partner or a third party, GDPR art. 14) that has been
/// brought to the person's knowledge. A reported fact without one is listed to its referent with its deadline:
/// one month after it was recorded.
/// </summary>
public class FactDisclosure : IPersonalData
{
    public const int DeadlineDays = 30;

    private FactDisclosure() { }

    public FactDisclosure(Guid personId, FactKind kind, Guid factId, DateOnly informedOn, InformationMethod method, Guid recordedById, DateTime now)
    {
        Id = Guid.NewGuid();
        PersonId = personId;
        Kind = kind;
        FactId = factId;
        InformedOn = informedOn;
        Method = method;
        RecordedById = recordedById;
        RecordedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public FactKind Kind { get; private set; }
    public Guid FactId { get; private set; }
    public DateOnly InformedOn { get; private set; }
    public InformationMethod Method { get; private set; }
    public Guid RecordedById { get; private set; }
    public DateTime RecordedAt { get; private set; }
}
