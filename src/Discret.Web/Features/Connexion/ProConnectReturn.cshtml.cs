using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Web.Security.SecondFactor;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Connexion;

/// <summary>
/// Back from ProConnect (the OpenID Connect handler checked state, nonce, PKCE, the ID token's signature, issuer and
/// audience, and put the identity in the one-step external cookie). The rules:
/// <list type="bullet">
/// <item>the identity opens only an account the administrator linked: the account bound to its <c>sub</c>, or else the
/// account whose <see cref="StaffAccount.ProConnectEmail"/> is its e-mail and that is bound to no other identity. No account
/// is ever created; an unknown identity is refused in French;</item>
/// <item>a deactivated or locked account is refused (nothing bound);</item>
/// <item>the first sign-in under the recorded e-mail (no sub bound yet), whatever the acr, leads to the account's own second
/// factor (TOTP code, recovery code or passkey, at <c>/connexion/code</c>), and the sub is bound only when that step succeeds
/// (<see cref="DiscretSignInManager.BeginProConnectBindingAsync"/>): the administrator records the address, so she must not be
/// able to record her own on another worker's account and become that worker. An account with no second factor yet is
/// refused (its holder signs in once with her password and enrols first);</item>
/// <item>once bound: two factors at ProConnect (<see cref="ProConnect.IsTwoFactor"/>) open the session; one factor (eidas1…)
/// leads to Discret's own second factor, and is refused to an account that has none.</item>
/// </list>
/// Every outcome is journaled like the password's (Connexion / EchecConnexion, « ProConnect » in the detail); never the
/// e-mail, the sub or the acr. The next step is reached by a link the page follows by itself (a meta refresh): the
/// session cookies are SameSite=Strict, so they would not be sent on a redirect that started at the provider.
/// </summary>
public sealed class ProConnectReturnModel(DiscretDbContext db, SignInManager<StaffAccount> signIn, UserManager<StaffAccount> users,
    Journal.AccessJournal journal) : PageModel
{
    public const string UnknownIdentity = "Aucun compte Discret n'est lié à cette identité ProConnect. Demandez à l'administrateur technique de votre département de lier votre compte à votre adresse professionnelle.";
    public const string AlreadyBound = "Ce compte Discret est déjà lié à une autre identité ProConnect. Demandez à l'administrateur technique de vérifier la liaison.";
    public const string CannotSignIn = "Ce compte ne peut pas se connecter : il est désactivé ou verrouillé. Contactez l'administrateur technique de votre département.";
    public const string FirstSignInNeedsSecondFactor = "Connectez-vous une première fois avec votre mot de passe et activez la double authentification de votre compte Discret. Ensuite, à votre première connexion avec ProConnect, Discret vous demandera une fois le code de votre application pour lier votre identité ProConnect à votre compte.";
    public const string BindingImpossible = "Votre identité ProConnect n'a pas pu être liée à votre compte : l'adresse liée au compte a changé entre-temps, ou une autre identité ProConnect y est déjà liée. Demandez à l'administrateur technique de votre département de vérifier la liaison.";
    public const string NoSecondFactor = "Votre connexion ProConnect n'a pas utilisé de double authentification, et votre compte Discret n'a pas encore la sienne : connectez-vous avec votre identifiant et votre mot de passe.";

    /// <summary>The page to go on to, when the sign-in went through (home, or Discret's second factor).</summary>
    public string? Next { get; private set; }
    /// <summary>The first sign-in: the second factor asked binds the ProConnect identity to the account.</summary>
    public bool Binding { get; private set; }
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var external = await HttpContext.AuthenticateAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || ProConnect.Sub(external.Principal) is not { Length: > 0 } sub) return Redirect("/connexion");
        var email = ProConnect.Email(external.Principal) is { Length: > 0 } e ? ProConnect.NormalizeEmail(e) : null;
        var twoFactors = ProConnect.IsTwoFactor(ProConnect.Acr(external.Principal));

        var account = await users.FindByLoginAsync(ProConnect.LoginProvider, sub);
        var bind = false;
        if (account is null && email is not null)
        {
            account = await db.Users.FirstOrDefaultAsync(a => a.ProConnectEmail == email);
            if (account is not null && await db.UserLogins.AnyAsync(l => l.UserId == account.Id && l.LoginProvider == ProConnect.LoginProvider))
                return await RefuseAsync(AlreadyBound, "ProConnect : compte lié à une autre identité", account);
            bind = account is not null;
        }
        if (account is null) return await RefuseAsync(UnknownIdentity, "ProConnect : identité inconnue", null);
        if (!await signIn.CanSignInAsync(account) || await users.IsLockedOutAsync(account))
            return await RefuseAsync(CannotSignIn, account.IsActive ? "ProConnect : compte verrouillé" : "ProConnect : compte désactivé", account);

        if (bind)
        {
            // First sign-in under the recorded address: nothing is bound until the account's holder passes its second factor.
            if (!account.TwoFactorEnabled)
                return await RefuseAsync(FirstSignInNeedsSecondFactor, "ProConnect : première connexion, compte sans second facteur", account);
            var begun = await ((DiscretSignInManager)signIn).BeginProConnectBindingAsync(account, new PendingProConnectBinding(sub, email!));
            if (!begun.RequiresTwoFactor) return await RefuseAsync(CannotSignIn, "ProConnect : compte refusé", account);
            Binding = true;
            Next = "/connexion/code";
            return Page();
        }

        if (!twoFactors && !account.TwoFactorEnabled)
            return await RefuseAsync(NoSecondFactor, "ProConnect : un seul facteur, compte sans second facteur", account);
        // Identity's external sign-in: lockout and « confirmed » (active) checked again, the external cookie removed, and
        // with one factor only, the two-factor cookie set for Discret's second step (which journals the sign-in or its failure).
        var result = await signIn.ExternalLoginSignInAsync(ProConnect.LoginProvider, sub, isPersistent: false, bypassTwoFactor: twoFactors);
        if (result.Succeeded)
        {
            await journal.WriteAsync(JournalAction.Connexion, detail: "ProConnect, double authentification", actor: LoginModel.Actor(account));
            Next = "/";
            return Page();
        }
        if (result.RequiresTwoFactor)
        {
            Next = "/connexion/code";
            return Page();
        }
        return await RefuseAsync(CannotSignIn, "ProConnect : compte refusé", account);
    }

    private async Task<IActionResult> RefuseAsync(string message, string why, StaffAccount? account)
    {
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        await journal.WriteAsync(JournalAction.EchecConnexion, detail: why, actor: LoginModel.Actor(account));
        Refusal = message;
        return Page();
    }
}
