using System.Security.Claims;
using Discret.Domain.Accounts;
using Discret.Web.Features.Connexion;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Discret.Web.Security;

/// <summary>Claims carried by the session cookie; the account-setup gate reads the last three.</summary>
public static class DiscretClaims
{
    public const string DisplayName = "discret:name";
    public const string Circonscription = "discret:circonscription";
    public const string SecondFactorEnrolled = "discret:mfa";
    public const string CharterAccepted = "discret:charter";
    public const string PasswordRenewalDue = "discret:password-renewal";
    /// <summary>The account's role and circonscription await confirmation: the session then carries no role (no file, no role's page).</summary>
    public const string AwaitingConfirmation = "discret:awaiting-confirmation";

    public static Guid AccountId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;

    public static Guid CirconscriptionId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(Circonscription), out var id) ? id : Guid.Empty;

    public static StaffRole? Role(this ClaimsPrincipal user) =>
        Enum.TryParse<StaffRole>(user.FindFirstValue(ClaimTypes.Role), out var r) ? r : null;

    public static bool Has(this ClaimsPrincipal user, string flag) => user.HasClaim(flag, "1");
}

public sealed class DiscretClaimsPrincipalFactory(
    UserManager<StaffAccount> users, IOptions<IdentityOptions> options, TimeProvider clock, IOptions<SecuritySettings> security)
    : UserClaimsPrincipalFactory<StaffAccount>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffAccount account)
    {
        var identity = await base.GenerateClaimsAsync(account);
        var now = clock.GetUtcNow().UtcDateTime;
        // Separation of duties: no role — hence no file and no role's page — until a head of circonscription or the DPO
        // confirmed the account's role and circonscription (AccountRequest). Every role check reads this claim.
        if (account.HasConfirmedAccess) identity.AddClaim(new Claim(ClaimTypes.Role, account.Role.ToString()));
        else identity.AddClaim(new Claim(DiscretClaims.AwaitingConfirmation, "1"));
        identity.AddClaim(new Claim(DiscretClaims.DisplayName, account.DisplayName));
        identity.AddClaim(new Claim(DiscretClaims.Circonscription, account.CirconscriptionId.ToString()));
        if (account.TwoFactorEnabled) identity.AddClaim(new Claim(DiscretClaims.SecondFactorEnrolled, "1"));
        if (account.HasAcceptedCharter(Charter.Version)) identity.AddClaim(new Claim(DiscretClaims.CharterAccepted, "1"));
        if (account.PasswordRenewalDue(now, security.Value.PrivilegedPasswordLifetime))
            identity.AddClaim(new Claim(DiscretClaims.PasswordRenewalDue, "1"));
        return identity;
    }
}

public sealed class SecuritySettings
{
    /// <summary>Idle time after which the session ends (the page warns two minutes before).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>A session ends this long after its sign-in however active it was (<see cref="Sessions.ServerSessions"/>).</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(10);
    /// <summary>Privileged accounts (administration, DPO) renew their password after this long.</summary>
    public TimeSpan PrivilegedPasswordLifetime { get; set; } = TimeSpan.FromDays(365);
    /// <summary>
    /// How long after its deactivation an account keeps its e-mail, phone, password hash and second factor; then they are
    /// cleared (name, login, role stay: the journal and the files name who acted). Reactivating it afterwards needs a reset.
    /// </summary>
    public TimeSpan DeactivatedAccountData { get; set; } = TimeSpan.FromDays(183);
    /// <summary>Whether this instance clears them every night at 03:15 (Paris); tests turn it off and call the use case.</summary>
    public bool ClearDeactivatedNightly { get; set; } = true;
    /// <summary>Failed attempts before the account is locked, and for how long.</summary>
    public int MaxFailedAttempts { get; set; } = 5;
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>Base of the progressive delay after a failed attempt (doubled at each failure, capped).</summary>
    public TimeSpan FailureDelayBase { get; set; } = TimeSpan.FromMilliseconds(250);
    public TimeSpan FailureDelayCap { get; set; } = TimeSpan.FromSeconds(4);

    public TimeSpan FailureDelay(int failedAttempts) =>
        failedAttempts <= 0 ? TimeSpan.Zero
        : TimeSpan.FromTicks(Math.Min(FailureDelayCap.Ticks, FailureDelayBase.Ticks << Math.Min(failedAttempts - 1, 20)));
}
