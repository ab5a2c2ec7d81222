using Discret.Domain.Persons;

namespace Discret.Domain.Journal;

/// <summary>The short list of reasons for which a social worker may open a file outside their assignments.</summary>
public enum BreakGlassReason
{
    ReferentAbsentUrgence,
    Remplacement,
    PermanenceSansRendezVous,
    DemandeDeLaPersonne,
}

/// <summary>
/// "Accès exceptionnel": a social worker of the person's circonscription reads the file outside their assignments,
/// for a reason from a closed list and a written justification, for a limited time. Never a private note, never
/// another circonscription; journaled, announced to the referent and the DPO.
/// </summary>
public class BreakGlassAccess : IPersonalData
{
    public const int MaxJustificationLength = 500;

    private BreakGlassAccess() { }

    public BreakGlassAccess(Guid accountId, Guid personId, BreakGlassReason reason, string justification, DateTime now, TimeSpan duration)
    {
        Id = Guid.NewGuid();
        AccountId = accountId;
        PersonId = personId;
        Reason = reason;
        Justification = justification;
        StartedAt = now;
        ExpiresAt = now + duration;
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public Guid PersonId { get; private set; }
    public BreakGlassReason Reason { get; private set; }
    /// <summary>Free text, through the sobriety guard; shown to the DPO, never written in the journal.</summary>
    public string Justification { get; private set; } = "";
    public DateTime StartedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }

    public bool ActiveAt(DateTime now) => StartedAt <= now && now < ExpiresAt;
}

public enum NotificationKind
{
    /// <summary>Someone opened a break-glass access on a file the recipient follows (or, for the DPO, on any file).</summary>
    AccesExceptionnel,
    /// <summary>An account asked for more break-glass accesses than the weekly limit (to the DPO).</summary>
    SeuilAccesExceptionnel,
    /// <summary>A creation, reset, change of role or reactivation awaits the recipient's confirmation (a head of circonscription, the DPO).</summary>
    CompteAConfirmer,
    /// <summary>A reset or a change of role or circonscription was asked (to the DPO, who is told of every one).</summary>
    DemandeSurCompte,
    /// <summary>The recipient's own account was reset (to its holder, read at the next login).</summary>
    CompteReinitialise,
}

public static class NotificationKindLabels
{
    /// <summary>The notification's title.</summary>
    public static string Label(this NotificationKind kind) => kind switch
    {
        NotificationKind.AccesExceptionnel => "Accès exceptionnel à un dossier",
        NotificationKind.SeuilAccesExceptionnel => "Seuil d'accès exceptionnels dépassé",
        NotificationKind.CompteAConfirmer => "Compte à confirmer",
        NotificationKind.DemandeSurCompte => "Demande sur un compte",
        NotificationKind.CompteReinitialise => "Votre compte a été réinitialisé",
        _ => Discret.Domain.Input.ClosedList.Unknown(kind),
    };
}

/// <summary>An in-app notice to one account; it names the access and the file by id only.</summary>
public class Notification : IPersonalData
{
    private Notification() { }

    public Notification(Guid recipientId, NotificationKind kind, DateTime now, Guid? actorId, Guid? personId, Guid? breakGlassAccessId,
        Guid? accountRequestId = null)
    {
        AccountRequestId = accountRequestId;
        Id = Guid.NewGuid();
        RecipientId = recipientId;
        Kind = kind;
        CreatedAt = now;
        ActorId = actorId;
        PersonId = personId;
        BreakGlassAccessId = breakGlassAccessId;
    }

    public Guid Id { get; private set; }
    public Guid RecipientId { get; private set; }
    public NotificationKind Kind { get; private set; }
    public DateTime CreatedAt { get; private set; }
    /// <summary>The account that did what the notification is about.</summary>
    public Guid? ActorId { get; private set; }
    public Guid? PersonId { get; private set; }
    public Guid? BreakGlassAccessId { get; private set; }
    /// <summary>The request on a staff account the notification is about (no person's file then).</summary>
    public Guid? AccountRequestId { get; private set; }
    public DateTime? ReadAt { get; private set; }

    public void MarkRead(DateTime now) => ReadAt ??= now;
}
