using Discret.Domain.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Discret.Web.Security.SecondFactor;

/// <summary>
/// Identity's sign-in, with recovery codes held to the rules of TOTP codes. Identity's own
/// <c>TwoFactorRecoveryCodeSignInAsync</c> neither checks the lockout nor counts a wrong code (« codes are expected to be
/// random »): a locked account could be opened with a recovery code, and recovery codes could be tried without end.
/// Here a locked account is refused before any code is looked at, and a wrong code is one more failure towards the lockout.
/// </summary>
public sealed class DiscretSignInManager(UserManager<StaffAccount> users, IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<StaffAccount> claimsFactory, IOptions<IdentityOptions> optionsAccessor, ILogger<SignInManager<StaffAccount>> logger,
    IAuthenticationSchemeProvider schemes, IUserConfirmation<StaffAccount> confirmation)
    : SignInManager<StaffAccount>(users, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        var account = await GetTwoFactorAuthenticationUserAsync();
        if (account is null) return SignInResult.Failed;
        if (await PreSignInCheck(account) is { } refused) return refused;
        var result = await base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
        if (result.Succeeded) return result;
        await UserManager.AccessFailedAsync(account);
        return await UserManager.IsLockedOutAsync(account) ? SignInResult.LockedOut : SignInResult.Failed;
    }

    /// <summary>
    /// The second step with a passkey instead of the TOTP code: the account that passed the first step, not locked, whose
    /// passkey signed the challenge (<see cref="Passkeys.AssertAsync"/>). A passkey that does not check out is one more failure
    /// towards the lockout, like a wrong code; success ends the two-factor step as Identity's own does.
    /// </summary>
    public async Task<SignInResult> TwoFactorPasskeySignInAsync(Passkeys passkeys, string credentialJson)
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
}
