using System.ComponentModel.DataAnnotations;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Discret.Web.Features.Connexion;

/// <summary>
/// Second step of the login: the TOTP code. Reached only after a correct password (Identity's two-factor cookie). A code
/// is accepted once, within one step either side (SingleUseTotpProvider); a wrong one counts towards the lockout.
/// </summary>
public sealed class SecondFactorModel(SignInManager<StaffAccount> signIn, IOptions<SecuritySettings> security, Journal.AccessJournal journal,
    UserManager<StaffAccount> users, Security.SecondFactor.Passkeys passkeys) : PageModel
{
    public const string WrongCode = "Code incorrect ou expiré : saisissez le code affiché en ce moment par votre application.";

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Saisissez le code à 6 chiffres.")]
        [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "Le code est composé de 6 chiffres.")]
        public string Code { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    /// <summary>The browser's answer to the passkey challenge (JSON of <c>navigator.credentials.get()</c>).</summary>
    [BindProperty] public string? Credential { get; set; }
    /// <summary>« Utiliser ma clé d'accès » is offered when the account registered one.</summary>
    public bool HasPasskey { get; private set; }
    /// <summary>A first ProConnect sign-in: this step binds the ProConnect identity to the account.</summary>
    public bool BindsProConnect { get; private set; }
    public const string WrongPasskey = "La clé d'accès n'a pas été reconnue : réessayez, ou saisissez le code de votre application.";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } account) return Redirect("/connexion");
        HasPasskey = (await users.GetPasskeysAsync(account)).Count > 0;
        BindsProConnect = await LoginModel.BindsProConnectAsync(HttpContext);
        return Page();
    }

    /// <summary>The passkey challenge for the account at this step (JSON for <c>navigator.credentials.get()</c>).</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } account) return NotFound();
        return Content(await passkeys.RequestOptionsAsync(account, HttpContext), "application/json");
    }

    /// <summary>The second step with a passkey instead of the code.</summary>
    public async Task<IActionResult> OnPostPasskeyAsync()
    {
        var account = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (account is null) return Redirect("/connexion");
        HasPasskey = true;
        ModelState.Clear();
        var detail = await LoginModel.SecondStepDetailAsync(HttpContext, "clé d'accès");
        var result = Credential is { Length: > 0 and < 20_000 }
            ? await ((Security.SecondFactor.DiscretSignInManager)signIn).TwoFactorPasskeySignInAsync(passkeys, Credential)
            : Microsoft.AspNetCore.Identity.SignInResult.Failed;
        if (await LoginModel.ProConnectBindingRefusedAsync(signIn, journal, account) is { } refused) return refused;
        if (result.Succeeded)
        {
            await journal.WriteAsync(JournalAction.Connexion, detail: detail, actor: LoginModel.Actor(account));
            return Redirect("/");
        }
        await journal.WriteAsync(JournalAction.EchecSecondFacteur, detail: result.IsLockedOut ? "clé d'accès, compte verrouillé" : "clé d'accès", actor: LoginModel.Actor(account));
        ModelState.AddModelError("", result.IsLockedOut ? LoginModel.LockedOut : WrongPasskey);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var account = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (account is null) return Redirect("/connexion");
        HasPasskey = (await users.GetPasskeysAsync(account)).Count > 0;
        BindsProConnect = await LoginModel.BindsProConnectAsync(HttpContext);
        if (!ModelState.IsValid) return Page();
        var code = Input.Code.Replace(" ", "");
        var detail = await LoginModel.SecondStepDetailAsync(HttpContext, "second facteur");
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (await LoginModel.ProConnectBindingRefusedAsync(signIn, journal, account) is { } refused) return refused;
        if (result.Succeeded)
        {
            await journal.WriteAsync(JournalAction.Connexion, detail: detail, actor: LoginModel.Actor(account));
            return Redirect("/");
        }
        await journal.WriteAsync(JournalAction.EchecSecondFacteur, detail: result.IsLockedOut ? "compte verrouillé" : "code", actor: LoginModel.Actor(account));
        if (result.IsLockedOut)
        {
            ModelState.AddModelError("", LoginModel.LockedOut);
            return Page();
        }
        await Task.Delay(security.Value.FailureDelay(account.AccessFailedCount)); // the same tracked account: already counted
        ModelState.AddModelError("Input.Code", WrongCode);
        return Page();
    }
}
