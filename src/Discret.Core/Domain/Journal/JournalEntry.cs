using Discret.Domain.Accounts;
using Discret.Domain.Persons;

namespace Discret.Domain.Journal;

/// <summary>
/// One line of the access journal: who (account and role), when, from where, did what to which person's file
/// (opaque id), and why when there is a reason. It never holds file content — no name, no free text: <see cref="Detail"/>
/// names field groups or counts, <see cref="Purpose"/> a code from a closed list. Each entry is chained to the
/// previous one by <see cref="Hash"/> (SHA-256 over a canonical encoding, see Journal/JournalChain), so a changed,
/// removed or reordered row is detected by <c>verify-journal</c>.
/// </summary>
public class JournalEntry : IPersonalData
{
    public const int MaxDetailLength = 200;
    public const int MaxPurposeLength = 120;

    private JournalEntry() { }

    /// <summary>Until it is chained, an entry holds a unique negative placeholder as its key (several may wait in one unit of work).</summary>
    private static long _placeholder;

    public JournalEntry(DateTime at, Guid? accountId, StaffRole? role, Guid? personId, JournalAction action,
        string? detail, string? purpose, Guid? reference, string? address)
    {
        Seq = Interlocked.Decrement(ref _placeholder);
        // Microseconds: what PostgreSQL keeps, so that the hash computed now is the hash recomputed from the row.
        At = new DateTime(at.Ticks - at.Ticks % 10, DateTimeKind.Utc);
        AccountId = accountId;
        Role = role;
        PersonId = personId;
        Action = action;
        Detail = detail is { Length: > MaxDetailLength } ? detail[..MaxDetailLength] : detail;
        Purpose = purpose is { Length: > MaxPurposeLength } ? purpose[..MaxPurposeLength] : purpose;
        Reference = reference;
        Address = address;
    }

    /// <summary>Position in the chain, given when the entry is saved (under the chain's lock): 1, 2, 3… without gaps.</summary>
    public long Seq { get; private set; }
    public DateTime At { get; private set; }
    public Guid? AccountId { get; private set; }
    public StaffRole? Role { get; private set; }
    public Guid? PersonId { get; private set; }
    public JournalAction Action { get; private set; }
    /// <summary>Field groups read or written, a number of results, a closed-list value — never content.</summary>
    public string? Detail { get; private set; }
    /// <summary>The reason code when there is one (break-glass reason, spot check…).</summary>
    public string? Purpose { get; private set; }
    /// <summary>An opaque id the action refers to: the break-glass access, the account whose role changed, the spot check…</summary>
    public Guid? Reference { get; private set; }
    /// <summary>The client's IP address.</summary>
    public string? Address { get; private set; }
    public byte[] PreviousHash { get; private set; } = [];
    public byte[] Hash { get; private set; } = [];

    /// <summary>Seals the entry in the chain once its <see cref="Seq"/> is set: called only by the chain, inside the transaction that saves it.</summary>
    internal void Link(byte[] previousHash)
    {
        PreviousHash = previousHash;
        Hash = global::Discret.Data.JournalChain.ComputeHash(this, previousHash);
    }
}

/// <summary>The single row that holds the end of the chain; locked while an entry is appended.</summary>
public class JournalHead
{
    public const int SingletonId = 1;
    public int Id { get; set; } = SingletonId;
    public long Seq { get; set; }
    public byte[] Hash { get; set; } = new byte[32];
}

/// <summary>What an entry records. Stored by name: renaming a value changes the hash of past entries — add, never rename.</summary>
public enum JournalAction
{
    /// <summary>A read of a person's file or part of it; Detail lists the field groups.</summary>
    Lecture,
    /// <summary>A write; Detail lists what was written (field groups, or "création", "clôture"…).</summary>
    Ecriture,
    /// <summary>A search; Detail holds the number of results, never the terms.</summary>
    Recherche,
    Export,
    Connexion,
    Deconnexion,
    EchecConnexion,
    EchecSecondFacteur,
    /// <summary>An account's role or circonscription changed; Reference is that account.</summary>
    ChangementRole,
    /// <summary>An account created, deactivated, reactivated or reset; Reference is that account.</summary>
    GestionCompte,
    /// <summary>A file that exists was asked for by an account that may not see it (answered 404).</summary>
    AccesRefuse,
    /// <summary>A break-glass access opened; Purpose is the reason, Reference the access.</summary>
    AccesExceptionnel,
    /// <summary>A break-glass request refused (other circonscription, weekly limit…).</summary>
    AccesExceptionnelRefuse,
    /// <summary>The sobriety guard's warnings confirmed by the worker; Detail names the field and the categories, never the text.</summary>
    AvertissementConfirme,
    /// <summary>The DPO consulted the journal; Detail names the view (search, person, account, alerts…).</summary>
    ConsultationJournal,
    /// <summary>A spot check drawn or decided; Reference is the check.</summary>
    ControleInopine,
    /// <summary>Entries older than the retention period deleted; Detail holds the number and the last sequence removed.</summary>
    PurgeJournal,
    /// <summary>Information shared with a partner under the person's consent; Reference is the consent, Detail the categories.</summary>
    Partage,
    /// <summary>A sharing refused for want of a valid consent covering the partner, purpose and categories.</summary>
    PartageRefuse,
    /// <summary>Data deleted at the person's request or on a refusal of computerisation; Detail says what, never the content.</summary>
    Suppression,
    /// <summary>A setting of the processing changed (a retention duration…); Detail names it, Reference is none.</summary>
    Parametrage,
    /// <summary>The retention job moved files to the intermediate archive or listed rows for elimination; Detail holds counts, Reference the batch.</summary>
    Archivage,
    /// <summary>The processing of a file limited at the person's request (GDPR art. 18), or the limitation lifted;
    /// Detail says which (and, for a lifting, the day the person was told); Reference is the rights request.</summary>
    Limitation,
    /// <summary>A creation, reset, change of role or reactivation of a staff account asked, awaiting confirmation; Purpose is the
    /// request's kind (<see cref="Accounts.AccountRequestKind"/>), Detail the role asked, Reference the account.</summary>
    DemandeCompte,
    /// <summary>Such a request confirmed by a head of circonscription, the DPO or the server's operator; Purpose its kind, Reference the account.</summary>
    ConfirmationCompte,
    /// <summary>Such a request refused; Purpose its kind, Reference the account.</summary>
    RefusCompte,
    /// <summary>The holder used the activation link handed over by the confirmer; Reference (and account) is the account.</summary>
    ActivationCompte,
    /// <summary>The database was restored from a backup (<c>restore</c>, <c>after-restore</c>): Detail says up to which entry the
    /// restored journal goes and which seals, beyond it, were set aside; never data.</summary>
    Restauration,
    /// <summary>A procedure in the person's place refused (issue 19): the mandate not signed, not in force, revoked, not covering
    /// the domain or the organisation, or the worker not named in it. Reference is the mandate; Detail the reason's code, never content.</summary>
    DemarcheRefusee,
}
