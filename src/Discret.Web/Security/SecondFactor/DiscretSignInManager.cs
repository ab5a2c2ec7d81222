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
}
