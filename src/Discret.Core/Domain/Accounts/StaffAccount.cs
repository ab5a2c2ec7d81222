using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Discret.Domain.Accounts;

/// <summary>
/// A named member of staff (no shared or generic account). Requested by the technical administrator, confirmed by a
/// head of circonscription or the DPO (<see cref="AccountRequest"/>), activated through a one-time link handed over
/// by the confirmer, protected by a password and a mandatory TOTP second factor.
/// </summary>
/// <remarks>
/// Staff data (not the data of the persons the service accompanies, so outside <c>IPersonalData</c> and the persons'
/// catalogue, declared in <c>StaffCatalogue</c>): identity at work, role and circonscription, and the security facts below.
/// Accounts are deactivated, never deleted, so that the journal and the files keep naming who acted; a while after the
/// deactivation their contact and authentication data are cleared (<c>DeactivatedAccounts</c>).
/// </remarks>
public class StaffAccount : IdentityUser<Guid>
{
    public static readonly TimeSpan ActivationLifetime = TimeSpan.FromHours(72);

    private StaffAccount() { }

    public StaffAccount(string login, string displayName, StaffRole role, Guid circonscriptionId, DateTime now)
    {
        Id = Guid.CreateVersion7();
        UserName = login;
        DisplayName = displayName;
        Role = role;
        CirconscriptionId = circonscriptionId;
        IsActive = true;
        CreatedAt = now;
        SecurityStamp = Guid.NewGuid().ToString("N");
        LockoutEnabled = true;
    }

    public string DisplayName { get; private set; } = "";
    public StaffRole Role { get; private set; }
    public Guid CirconscriptionId { get; private set; }
    public bool IsActive { get; private set; }
    public DateTime CreatedAt { get; private set; }

    /// <summary>When the account accepted the confidentiality charter, and which version.</summary>
    public DateTime? CharterAcceptedAt { get; private set; }
    public int? CharterVersion { get; private set; }

    public DateTime? PasswordChangedAt { get; private set; }

    /// <summary>
    /// When a head of circonscription or the DPO confirmed the account's current role and circonscription (its
    /// creation, a change of role or circonscription, a reactivation); null while that confirmation is awaited: the
    /// account's sessions then carry no role, so it reaches no file and no role's page. Break-glass stays refused for
    /// the first days after it (<c>BreakGlassSettings.NewAccountWait</c>).
    /// </summary>
    public DateTime? AccessConfirmedAt { get; private set; }

    /// <summary>When the last reset (password and second factor removed, new activation link) took effect, that is when it
    /// was confirmed; break-glass stays refused for a while after it (<c>BreakGlassSettings.AfterResetWait</c>).</summary>
    public DateTime? ResetAt { get; private set; }

    /// <summary>SHA-256 of the one-time activation token; the token itself is shown once to the confirmer, never to the administrator.</summary>
    public string? ActivationTokenHash { get; private set; }
    public DateTime? ActivationExpiresAt { get; private set; }

    public bool HasAcceptedCharter(int currentVersion) => CharterVersion == currentVersion;

    public void AcceptCharter(int version, DateTime now)
    {
        CharterVersion = version;
        CharterAcceptedAt = now;
    }

    public bool PasswordRenewalDue(DateTime now, TimeSpan privilegedPasswordLifetime) =>
        Role.IsPrivileged() && (PasswordChangedAt is null || now - PasswordChangedAt.Value > privilegedPasswordLifetime);

    public void PasswordWasChanged(DateTime now) => PasswordChangedAt = now;

    /// <summary>A new role or circonscription: the account reaches nothing until the change is confirmed.</summary>
    public void ChangeAssignment(StaffRole role, Guid circonscriptionId)
    {
        Role = role;
        CirconscriptionId = circonscriptionId;
        AccessConfirmedAt = null;
    }

    /// <summary>
    /// A change of role or circonscription was refused: the account is back where it was, with the access confirmed for it
    /// then (<paramref name="confirmedAt"/>; null when that assignment itself still awaited a confirmation).
    /// </summary>
    public void RestoreAssignment(StaffRole role, Guid circonscriptionId, DateTime? confirmedAt)
    {
        Role = role;
        CirconscriptionId = circonscriptionId;
        AccessConfirmedAt = confirmedAt;
    }

    public bool HasConfirmedAccess => AccessConfirmedAt is not null;

    /// <summary>A head of circonscription or the DPO vouched for the holder in this role and circonscription.</summary>
    public void ConfirmAccess(DateTime now) => AccessConfirmedAt ??= now;

    /// <summary>A reset took effect (its confirmation): the caller removes the password and second factor.</summary>
    public void ResetConfirmed(DateTime now) => ResetAt = now;

    public void Rename(string displayName) => DisplayName = displayName;

    /// <summary>First day of a declared absence (Paris local date); with <see cref="AbsentUntil"/>, the one absence
    /// known for the account, current or coming. No reason is kept: an absence's cause (illness, leave) is nobody's business.</summary>
    public DateOnly? AbsentFrom { get; private set; }
    /// <summary>Last day of the absence, included; null while its end is not known.</summary>
    public DateOnly? AbsentUntil { get; private set; }

    /// <summary>May hold follow-ups in the circonscription: a social worker or head of circonscription there, whose role
    /// there is confirmed (an account awaiting confirmation reaches no file). The one statement of the rule for queries
    /// (<c>HoldsFollowUpsIn.For(circonscriptionId)</c>); whether the account is active is asked beside it.</summary>
    public static readonly Rule<StaffAccount, Guid> HoldsFollowUpsIn =
        new((a, circonscriptionId) => a.CirconscriptionId == circonscriptionId && a.AccessConfirmedAt != null
                                      && (a.Role == StaffRole.TravailleurSocial || a.Role == StaffRole.ResponsableCirconscription));

    /// <summary>Absent on <paramref name="day"/>: the one statement of the rule for queries (<c>IsAbsent.For(day)</c>).</summary>
    public static readonly Rule<StaffAccount, DateOnly> IsAbsent =
        new((a, day) => a.AbsentFrom != null && a.AbsentFrom <= day && (a.AbsentUntil == null || a.AbsentUntil >= day));

    public void DeclareAbsence(DateOnly from, DateOnly? until)
    {
        if (until is { } end && end < from) throw new ArgumentException("An absence ends on or after its first day.");
        AbsentFrom = from;
        AbsentUntil = until;
    }

    public void EndAbsence()
    {
        AbsentFrom = null;
        AbsentUntil = null;
    }

    public void Deactivate(DateTime now)
    {
        IsActive = false;
        DeactivatedAt ??= now;
        ActivationTokenHash = null;
        ActivationExpiresAt = null;
    }

    /// <summary>When the account was deactivated; its contact and authentication data are cleared a while after
    /// (<c>SecuritySettings.DeactivatedAccountData</c>), its name and login stay for the journal and the files.</summary>
    public DateTime? DeactivatedAt { get; private set; }

    /// <summary>Back in service: the account reaches nothing until the reactivation is confirmed.</summary>
    public void Reactivate()
    {
        IsActive = true;
        DeactivatedAt = null;
        AccessConfirmedAt = null;
    }

    /// <summary>Issues a new one-time activation token and returns it; only its hash is stored.</summary>
    public string IssueActivationToken(DateTime now)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        ActivationTokenHash = HashToken(token);
        ActivationExpiresAt = now + ActivationLifetime;
        return token;
    }

    public bool ActivationTokenMatches(string token, DateTime now) =>
        ActivationTokenHash is not null && ActivationExpiresAt > now && IsActive &&
        CryptographicOperations.FixedTimeEquals(Convert.FromHexString(ActivationTokenHash), Convert.FromHexString(HashToken(token)));

    public void ActivationUsed()
    {
        ActivationTokenHash = null;
        ActivationExpiresAt = null;
    }

    /// <summary>
    /// The last TOTP time step (Unix seconds / 30) whose code was accepted for this account: a code opens one session only,
    /// and a code of an earlier step is refused. Written by one conditional update (SingleUseTotpProvider), never by a
    /// save of the whole account (AfterSaveBehavior.Ignore), so a stale copy cannot move it back.
    /// </summary>
    public long? TotpLastStep { get; private set; }

    public void TotpStepAccepted(long step) => TotpLastStep = step;

    /// <summary>
    /// The professional e-mail the administrator linked to ProConnect (lower case): the first ProConnect sign-in whose
    /// identity carries it binds that identity's <c>sub</c> to the account (a row of <c>AspNetUserLogins</c>); later sign-ins
    /// are matched by the sub. Null: ProConnect opens nothing for this account.
    /// </summary>
    public string? ProConnectEmail { get; private set; }

    public void LinkProConnect(string? email) => ProConnectEmail = email;

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
