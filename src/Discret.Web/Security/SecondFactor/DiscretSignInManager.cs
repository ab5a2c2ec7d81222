using System.Security.Claims;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Web.Features.Connexion;
using Discret.Web.Features.Journal;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Discret.Web.Security.SecondFactor;

/// <summary>
/// Identity's sign-in, with recovery codes held to the rules of TOTP codes. Identity's own
/// <c>TwoFactorRecoveryCodeSignInAsync</c> neither checks the lockout nor counts a wrong code (« codes are expected to be
/// random »): a locked account could be opened with a recovery code, and recovery codes could be tried without end.
/// Here a locked account is refused before any code is looked at, and a wrong code is one more failure towards the lockout.
/// <para>
/// It also completes the binding of a ProConnect identity to an account (<see cref="BeginProConnectBindingAsync"/>): the
/// first ProConnect sign-in under the address the administrator recorded leads to the account's own second factor, and
/// only when that step succeeds — TOTP code, recovery code or passkey — is the identity bound, then the session opened.
/// </para>
/// </summary>
public sealed class DiscretSignInManager(UserManager<StaffAccount> users, IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<StaffAccount> claimsFactory, IOptions<IdentityOptions> optionsAccessor, ILogger<SignInManager<StaffAccount>> logger,
    IAuthenticationSchemeProvider schemes, IUserConfirmation<StaffAccount> confirmation, DiscretDbContext db, AccessJournal journal)
    : SignInManager<StaffAccount>(users, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>The binding to complete when the second step that is running succeeds (read from the two-factor cookie
    /// before Identity removes it).</summary>
    private PendingProConnectBinding? binding;

    /// <summary>Set when the second factor was right but the pending ProConnect binding could not be made (the address changed
    /// meanwhile, or another identity got bound): the session was not opened, and the second step returned
    /// <see cref="SignInResult.NotAllowed"/>.</summary>
    public bool ProConnectBindingRefused { get; private set; }

    /// <summary>
    /// The first ProConnect sign-in under the address recorded on <paramref name="account"/>, whatever the acr: nothing is
    /// bound yet; Identity's two-factor cookie is set for the account (authentication method ProConnect) and carries the
    /// identity to bind, so that Discret's second step (<c>/connexion/code</c>) asks the account's own second factor.
    /// </summary>
    public async Task<SignInResult> BeginProConnectBindingAsync(StaffAccount account, PendingProConnectBinding pending)
    {
        if (await PreSignInCheck(account) is { } refused) return refused;
        if (!await UserManager.GetTwoFactorEnabledAsync(account)) return SignInResult.NotAllowed;
        var identity = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
        identity.AddClaim(new Claim(ClaimTypes.Name, await UserManager.GetUserIdAsync(account)));
        identity.AddClaim(new Claim(ClaimTypes.AuthenticationMethod, ProConnect.LoginProvider));
        identity.AddClaims(pending.Claims());
        await Context.SignOutAsync(IdentityConstants.ExternalScheme); // the identity now travels in the two-factor cookie
        await Context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(identity));
        return SignInResult.TwoFactorRequired;
    }

    public override Task<SignInResult> TwoFactorAuthenticatorSignInAsync(string code, bool isPersistent, bool rememberClient) =>
        CompletingBindingAsync(() => base.TwoFactorAuthenticatorSignInAsync(code, isPersistent, rememberClient));

    public override Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode) =>
        CompletingBindingAsync(async () =>
        {
            var account = await GetTwoFactorAuthenticationUserAsync();
            if (account is null) return SignInResult.Failed;
            if (await PreSignInCheck(account) is { } refused) return refused;
            var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
            if (result.Succeeded) return result;
            await UserManager.AccessFailedAsync(account);
            return await UserManager.IsLockedOutAsync(account) ? SignInResult.LockedOut : SignInResult.Failed;
        });

    /// <summary>
    /// The second step with a passkey instead of the TOTP code: the account that passed the first step, not locked, whose
    /// passkey signed the challenge (<see cref="Passkeys.AssertAsync"/>). A passkey that does not check out is one more failure
    /// towards the lockout, like a wrong code; success ends the two-factor step as Identity's own does.
    /// </summary>
    public Task<SignInResult> TwoFactorPasskeySignInAsync(Passkeys passkeys, string credentialJson) =>
        CompletingBindingAsync(() => PasskeySignInAsync(passkeys, credentialJson));

    private async Task<SignInResult> PasskeySignInAsync(Passkeys passkeys, string credentialJson)
    {
        var account = await GetTwoFactorAuthenticationUserAsync();
        if (account is null) return SignInResult.Failed;
        if (await PreSignInCheck(account) is { } refused) return refused;
        var pending = await Context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        var loginProvider = pending.Principal?.FindFirst(System.Security.Claims.ClaimTypes.AuthenticationMethod)?.Value;
        if (await passkeys.AssertAsync(account, credentialJson, Context) is not { } passkey)
        {
            await UserManager.AccessFailedAsync(account);
            return await UserManager.IsLockedOutAsync(account) ? SignInResult.LockedOut : SignInResult.Failed;
        }
        await UserManager.AddOrUpdatePasskeyAsync(account, passkey); // its signature counter and last use
        await ResetLockout(account);
        if (loginProvider is not null) await Context.SignOutAsync(IdentityConstants.ExternalScheme);
        await Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await SignInWithClaimsAsync(account, isPersistent: false, [new System.Security.Claims.Claim("amr", "mfa"),
            .. loginProvider is null ? Array.Empty<System.Security.Claims.Claim>() : [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.AuthenticationMethod, loginProvider)]]);
        return SignInResult.Success;
    }

    /// <summary>
    /// Runs a second step; when the two-factor cookie carries a ProConnect identity to bind, the binding is checked still
    /// possible before the factor is looked at, and made — with its journal entry — when the factor succeeded, before the
    /// session opens (<see cref="SignInWithClaimsAsync"/>). A binding no longer possible ends the step: nothing bound, no session.
    /// </summary>
    private async Task<SignInResult> CompletingBindingAsync(Func<Task<SignInResult>> secondStep)
    {
        ProConnectBindingRefused = false;
        var pending = PendingProConnectBinding.From((await Context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme)).Principal);
        if (pending is null) return await secondStep();
        if (await GetTwoFactorAuthenticationUserAsync() is not { } account) return SignInResult.Failed;
        if (!await pending.StillPossibleAsync(UserManager, account)) return await RefuseBindingAsync();
        binding = pending;
        try
        {
            var result = await secondStep();
            return ProConnectBindingRefused ? await RefuseBindingAsync() : result;
        }
        finally
        {
            binding = null;
        }
    }

    private async Task<SignInResult> RefuseBindingAsync()
    {
        ProConnectBindingRefused = true;
        await Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        return SignInResult.NotAllowed;
    }

    /// <summary>Identity's last move of every sign-in: here, a pending ProConnect binding is made first, and the session
    /// opens only if it was.</summary>
    public override async Task SignInWithClaimsAsync(StaffAccount user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        if (binding is { } pending && !await BindAsync(user, pending))
        {
            ProConnectBindingRefused = true;
            return;
        }
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }

    /// <summary>The ProConnect identity bound to the account, and journaled, in one save.</summary>
    private async Task<bool> BindAsync(StaffAccount account, PendingProConnectBinding pending)
    {
        if (!await pending.StillPossibleAsync(UserManager, account)) return false;
        var entry = journal.Record(JournalAction.GestionCompte, detail: "identité ProConnect liée à la première connexion", reference: account.Id,
            actor: new JournalActor(account.Id, account.Role));
        var added = await UserManager.AddLoginAsync(account, new UserLoginInfo(ProConnect.LoginProvider, pending.Sub, "ProConnect"));
        if (added.Succeeded) return true;
        db.Entry(entry).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
        return false;
    }
}
