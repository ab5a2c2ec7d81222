using Discret.Domain.Persons;
using Discret.Domain.Input;

namespace Discret.Domain.Rights;

/// <summary>The right the person exercises (GDPR art. 15 to 21). Portability is recorded, then answered that it does
/// not apply to a public-interest processing (art. 20.3).</summary>
public enum RightKind { Acces, Rectification, Effacement, Limitation, Opposition, Portabilite }

public enum RequestChannel { Guichet, Courrier, Courriel, Telephone }

/// <summary>How the identity of the requester was checked (art. 12.6: only where there is a reasonable doubt, but always recorded).</summary>
public enum IdentityCheck { PieceDIdentitePresentee, PersonneConnueDuService, CourrierSigneAvecCopieDePiece }

public enum RequestStatus { EnCours, Traitee, Refusee }

/// <summary>What users read for the closed lists of a rights request.</summary>
public static class RightsRequestLabels
{
    public static string Label(this RightKind kind) => kind switch
    {
        RightKind.Acces => "Accès",
        RightKind.Rectification => "Rectification",
        RightKind.Effacement => "Effacement",
        RightKind.Limitation => "Limitation",
        RightKind.Opposition => "Opposition",
        RightKind.Portabilite => "Portabilité",
        _ => ClosedList.Unknown(kind),
    };

    /// <summary>"Demande d'accès", "Demande de rectification"…</summary>
    public static string RequestTitle(this RightKind kind) => kind switch
    {
        RightKind.Acces => "Demande d'accès",
        RightKind.Rectification => "Demande de rectification",
        RightKind.Effacement => "Demande d'effacement",
        RightKind.Limitation => "Demande de limitation",
        RightKind.Opposition => "Opposition",
        RightKind.Portabilite => "Demande de portabilité",
        _ => ClosedList.Unknown(kind),
    };

    /// <summary>The GDPR article of each right, for the answers and the register.</summary>
    public static string Article(this RightKind kind) => kind switch
    {
        RightKind.Acces => "art. 15",
        RightKind.Rectification => "art. 16",
        RightKind.Effacement => "art. 17",
        RightKind.Limitation => "art. 18",
        RightKind.Opposition => "art. 21",
        RightKind.Portabilite => "art. 20",
        _ => "",
    };

    public static string Label(this RequestChannel channel) => channel switch
    {
        RequestChannel.Guichet => "Au guichet",
        RequestChannel.Courrier => "Par courrier",
        RequestChannel.Courriel => "Par courriel",
        RequestChannel.Telephone => "Par téléphone",
        _ => ClosedList.Unknown(channel),
    };

    public static string Label(this IdentityCheck check) => check switch
    {
        IdentityCheck.PieceDIdentitePresentee => "Pièce d'identité présentée",
        IdentityCheck.PersonneConnueDuService => "Personne connue du service",
        IdentityCheck.CourrierSigneAvecCopieDePiece => "Courrier signé avec copie d'une pièce d'identité",
        _ => ClosedList.Unknown(check),
    };

    public static string Label(this RequestStatus status) => status switch
    {
        RequestStatus.EnCours => "En cours",
        RequestStatus.Traitee => "Traitée",
        RequestStatus.Refusee => "Refusée",
        _ => ClosedList.Unknown(status),
    };
}

/// <summary>
/// A request from a person to exercise a right, in the register kept by the DPO: received date, how the identity
/// was checked, the one-month deadline (extendable once by two months with a reason, the person being told),
/// the answer and closing date. An opposition is decided by the head of circonscription.
/// </summary>
public class RightsRequest : IPersonalData
{
    public const int MaxTextLength = 1000;
    public const int MaxExtensionMonths = 2;

    private RightsRequest() { }

    public RightsRequest(Guid personId, Guid circonscriptionId, RightKind kind, RequestChannel channel, IdentityCheck identityCheck,
        DateOnly receivedOn, string? details, Guid recordedById, DateTime now)
    {
        Id = Guid.NewGuid();
        PersonId = personId;
        CirconscriptionId = circonscriptionId;
        Kind = kind;
        Channel = channel;
        IdentityCheck = identityCheck;
        ReceivedOn = receivedOn;
        DueOn = receivedOn.AddMonths(1);
        Details = details;
        RecordedById = recordedById;
        RecordedAt = now;
        Status = RequestStatus.EnCours;
    }

    public Guid Id { get; private set; }
    /// <summary>Kept after an erasure: an opaque id that no longer joins to a name.</summary>
    public Guid PersonId { get; private set; }
    public Guid CirconscriptionId { get; private set; }
    /// <summary>The elimination batch that lists this closed request for destruction, once its retention has ended.</summary>
    public Guid? EliminationBatchId { get; private set; }
    public RightKind Kind { get; private set; }
    public RequestChannel Channel { get; private set; }
    public IdentityCheck IdentityCheck { get; private set; }
    public DateOnly ReceivedOn { get; private set; }
    /// <summary>What is asked (the scope of an opposition, the fields to rectify), through the sobriety guard.</summary>
    public string? Details { get; private set; }
    public DateOnly DueOn { get; private set; }
    public string? ExtensionReason { get; private set; }
    public DateOnly? PersonToldOfExtensionOn { get; private set; }
    public RequestStatus Status { get; private set; }
    /// <summary>The answer given, or the reason of a refusal (an erasure refused for a legal obligation…).</summary>
    public string? Answer { get; private set; }
    public DateOnly? ClosedOn { get; private set; }
    public Guid? ClosedById { get; private set; }
    public Guid RecordedById { get; private set; }
    public DateTime RecordedAt { get; private set; }
    public int Version { get; private set; }

    public bool IsOpen => Status == RequestStatus.EnCours;
    public bool IsExtended => ExtensionReason is not null;
    public bool IsOverdue(DateOnly today) => IsOpen && today > DueOn;
    /// <summary>Near due: open, and ten days or fewer left (R19: alert at D+20).</summary>
    public bool IsNearDue(DateOnly today) => IsOpen && !IsOverdue(today) && DueOn.DayNumber - today.DayNumber <= 10;

    /// <summary>Extends the deadline by up to two more months, once, before it has passed (art. 12.3).</summary>
    public void Extend(int months, string reason, DateOnly personToldOn)
    {
        if (!IsOpen || IsExtended || months is < 1 or > MaxExtensionMonths)
            throw new InvalidOperationException("This request cannot be extended.");
        DueOn = DueOn.AddMonths(months);
        ExtensionReason = reason;
        PersonToldOfExtensionOn = personToldOn;
        Version++;
    }

    public void Close(RequestStatus outcome, string answer, DateOnly on, Guid byId)
    {
        if (!IsOpen || outcome == RequestStatus.EnCours) throw new InvalidOperationException("This request is already closed.");
        Status = outcome;
        Answer = answer;
        ClosedOn = on;
        ClosedById = byId;
        Version++;
    }
}
