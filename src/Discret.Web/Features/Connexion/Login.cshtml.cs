using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace Discret.Web.Features.Connexion;

/// <summary>
/// First step of the login: the password. Whether the login names no account, an account with another password, a
/// locked or a deactivated account, the person typing gets the same message after the same time (one password hash
/// checked, the same progressive delay); the journal says which it was, for the DPO.
/// </summary>
public sealed class LoginModel(SignInManager<StaffAccount> signIn, UserManager<StaffAccount> users, LoginAttempts attempts,
    IOptions<SecuritySettings> security, IOptions<DiscretSettings> settings, Journal.AccessJournal journal, IConfiguration configuration) : PageModel
{
    public const string WrongCredentials = "Identifiant ou mot de passe incorrect (après plusieurs échecs, le compte est verrouillé quelques minutes).";
    /// <summary>At the second step only (the password was right, so the account is known to the person typing).</summary>
    public const string LockedOut = "Trop de tentatives infructueuses : le compte est verrouillé pour 15 minutes. Réessayez plus tard ou contactez l'administrateur.";

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Saisissez votre identifiant.")]
        [StringLength(64, ErrorMessage = "L'identifiant est trop long.")]
        public string Login { get; set; } = "";

        [Required(ErrorMessage = "Saisissez votre mot de passe.")]
        [StringLength(512, ErrorMessage = "Le mot de passe est trop long.")]
        public string Password { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [FromQuery(Name = "expiree")] public bool SessionExpired { get; set; }
    public bool Demo => settings.Value.DemoMode;
    public TimeSpan AbsoluteLifetime => security.Value.AbsoluteLifetime;
    /// <summary>« Se connecter avec ProConnect » is offered only when ProConnect is configured.</summary>
    public bool ProConnectOffered => ProConnectSettings.From(configuration).Enabled;
    /// <summary>Back from a ProConnect sign-in cancelled or refused at the provider, or whose answer did not check out.</summary>
    [FromQuery(Name = "proconnect")] public string? ProConnectOutcome { get; set; }
    public const string ProConnectBindingOutcome = "liaison";
    public const string ProConnectFailed = "La connexion avec ProConnect n'a pas abouti (annulée, refusée par ProConnect, ou trop longue). Réessayez, ou connectez-vous avec votre identifiant et votre mot de passe.";

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Redirect("/") : Page();

    /// <summary>« Se connecter avec ProConnect »: to ProConnect's authorization endpoint (code flow, PKCE, state, nonce).</summary>
    public IActionResult OnPostProConnect() =>
        ProConnectOffered ? Challenge(new AuthenticationProperties { RedirectUri = ProConnect.ReturnPath }, ProConnect.Scheme) : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        var started = Stopwatch.GetTimestamp();
        if (!ModelState.IsValid) return Page();
        var login = Input.Login.Trim().ToLowerInvariant();
        var account = await users.FindByNameAsync(login);
        var (result, why) = await SignInAsync(account);
        if (result.Succeeded || result.RequiresTwoFactor)
        {
            attempts.Succeeded(login);
            if (result.RequiresTwoFactor) return RedirectToPage("/Connexion/SecondFactor");
            // First sign-in of an account without a second factor yet (enrolment follows at once).
            await journal.WriteAsync(JournalAction.Connexion, detail: "mot de passe", actor: Actor(account));
            return Redirect("/");
        }

        // The typed login is never journaled (it may be anything); the account is, when there is one.
        await journal.WriteAsync(JournalAction.EchecConnexion, detail: why, actor: Actor(account));
        await attempts.WaitAfterFailureAsync(started, attempts.Failed(login), HttpContext.RequestAborted);
        ModelState.AddModelError(nameof(Input) + "." + nameof(Input.Password), WrongCredentials);
        return Page();
    }

    /// <summary>Exactly one password hash is checked on every path: the account's, or a stand-in when there is none to check.</summary>
    private async Task<(SignInResult Result, string Why)> SignInAsync(StaffAccount? account)
    {
        if (account is not null && account.PasswordHash is not null && await signIn.CanSignInAsync(account) && !await users.IsLockedOutAsync(account))
        {
            var result = await signIn.PasswordSignInAsync(account, Input.Password, isPersistent: false, lockoutOnFailure: true);
            return (result, result.IsLockedOut ? "compte verrouillé" : "mot de passe");
        }
        attempts.CheckAgainstNoAccount(users.PasswordHasher, Input.Password);
        var why = account is null ? "identifiant inconnu"
            : await users.IsLockedOutAsync(account) ? "compte verrouillé"
            : !account.IsActive ? "compte désactivé"
            : "compte sans mot de passe";
        return (SignInResult.Failed, why);
    }

    internal static Journal.JournalActor Actor(StaffAccount? account) => new(account?.Id, account?.Role);

    /// <summary>The journal's detail of a second step: prefixed « ProConnect, » when the first step was a ProConnect sign-in
    /// with one factor (Identity's two-factor cookie names the external provider).</summary>
    internal static async Task<string> SecondStepDetailAsync(HttpContext http, string detail)
    {
        var pending = await http.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        return pending.Principal?.FindFirst(System.Security.Claims.ClaimTypes.AuthenticationMethod)?.Value == ProConnect.LoginProvider
            ? "ProConnect, " + detail : detail;
    }

    /// <summary>Whether the second step in progress is a first ProConnect sign-in, whose success binds the ProConnect identity
    /// to the account (<see cref="PendingProConnectBinding"/>).</summary>
    internal static async Task<bool> BindsProConnectAsync(HttpContext http) =>
        PendingProConnectBinding.From((await http.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme)).Principal) is not null;

    /// <summary>
    /// After a second step whose pending ProConnect binding could no longer be made (the address changed meanwhile, or another
    /// identity got bound: <see cref="Security.SecondFactor.DiscretSignInManager.ProConnectBindingRefused"/>): nothing was bound
    /// and no session opened; journaled, and back to the login page, which says why. Null when that is not what happened.
    /// </summary>
    internal static async Task<IActionResult?> ProConnectBindingRefusedAsync(SignInManager<StaffAccount> signIn, Journal.AccessJournal journal, StaffAccount account)
    {
        if (signIn is not Security.SecondFactor.DiscretSignInManager { ProConnectBindingRefused: true }) return null;
        await journal.WriteAsync(JournalAction.EchecConnexion, detail: "ProConnect : liaison impossible", actor: Actor(account));
        return new RedirectResult("/connexion?proconnect=" + ProConnectBindingOutcome);
    }
}
