namespace Discret.Domain.Accounts;

/// <summary>What the technical administrator asked for an account, which a head of circonscription or the DPO confirms.</summary>
public enum AccountRequestKind
{
    /// <summary>A new account: its activation link is produced by the confirmation, for the confirmer.</summary>
    Creation,
    /// <summary>Forgotten password or lost phone: at the confirmation, password and second factor are removed and a new link produced.</summary>
    Reinitialisation,
    /// <summary>A new role or circonscription: the account reaches nothing until it is confirmed.</summary>
    Affectation,
    /// <summary>A deactivated account back in service: it reaches nothing until it is confirmed.</summary>
    Reactivation,
}

/// <summary>How a request ended.</summary>
public enum AccountRequestOutcome
{
    Confirmee,
    Refusee,
    /// <summary>The administrator changed the role or circonscription again before the decision: a new request replaced it.</summary>
    Remplacee,
    /// <summary>The account was deactivated before the decision.</summary>
    Annulee,
}

public static class AccountRequestLabels
{
    public static string Label(this AccountRequestKind kind) => kind switch
    {
        AccountRequestKind.Creation => "Création du compte",
        AccountRequestKind.Reinitialisation => "Réinitialisation (nouveau lien d'activation)",
        AccountRequestKind.Affectation => "Changement de rôle ou de circonscription",
        AccountRequestKind.Reactivation => "Réactivation du compte",
        _ => "valeur inconnue",
    };

    public static string Label(this AccountRequestOutcome outcome) => outcome switch
    {
        AccountRequestOutcome.Confirmee => "confirmée",
        AccountRequestOutcome.Refusee => "refusée",
        AccountRequestOutcome.Remplacee => "remplacée par une nouvelle demande",
        AccountRequestOutcome.Annulee => "annulée (compte désactivé)",
        _ => "valeur inconnue",
    };
}

/// <summary>
/// Separation of duties: the technical administrator creates, resets, reassigns or reactivates an account, but the
/// access it gives (and, for a creation or a reset, the one-time activation link) comes only from the confirmation of
/// a head of the account's circonscription — or the DPO for the roles outside a circonscription's team — who hands the
/// link over in person. One request at most is pending per account.
/// </summary>
/// <remarks>
/// Staff data (kept with the account): who asked what for which account, when, and who decided. <see cref="Role"/> and
/// <see cref="CirconscriptionId"/> are the assignment asked for, <see cref="PreviousRole"/> and
/// <see cref="PreviousCirconscriptionId"/> the one before a change (null otherwise). <see cref="RequestedById"/> is
/// null when the server's operator asked (command line); <see cref="DecidedById"/> likewise when the operator confirmed.
/// </remarks>
public class AccountRequest
{
    private AccountRequest() { }

    public AccountRequest(Guid accountId, AccountRequestKind kind, StaffRole role, Guid circonscriptionId, Guid? requestedById, DateTime now,
        StaffRole? previousRole = null, Guid? previousCirconscriptionId = null)
    {
        Id = Guid.CreateVersion7();
        AccountId = accountId;
        Kind = kind;
        Role = role;
        CirconscriptionId = circonscriptionId;
        PreviousRole = previousRole;
        PreviousCirconscriptionId = previousCirconscriptionId;
        RequestedById = requestedById;
        RequestedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid AccountId { get; private set; }
    public AccountRequestKind Kind { get; private set; }
    public StaffRole Role { get; private set; }
    public Guid CirconscriptionId { get; private set; }
    public StaffRole? PreviousRole { get; private set; }
    public Guid? PreviousCirconscriptionId { get; private set; }
    public Guid? RequestedById { get; private set; }
    public DateTime RequestedAt { get; private set; }
    public AccountRequestOutcome? Outcome { get; private set; }
    public Guid? DecidedById { get; private set; }
    public DateTime? DecidedAt { get; private set; }

    public bool IsPending => Outcome is null;

    /// <summary>A change of role or circonscription (the DPO is told of every one).</summary>
    public bool ChangesAssignment => PreviousRole is not null;

    public void Decide(AccountRequestOutcome outcome, Guid? decidedById, DateTime now)
    {
        if (!IsPending) throw new InvalidOperationException("This request was already decided.");
        Outcome = outcome;
        DecidedById = decidedById;
        DecidedAt = now;
    }
}
