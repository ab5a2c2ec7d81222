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
public sealed class SecondFactorModel(SignInManager<StaffAccount> signIn, IOptions<SecuritySettings> security, Journal.AccessJournal journal) : PageModel
{
    public const string WrongCode = "Code incorrect ou expiré : saisissez le code affiché en ce moment par votre application.";

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Saisissez le code à 6 chiffres.")]
        [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "Le code est composé de 6 chiffres.")]
        public string Code { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect("/connexion") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var account = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (account is null) return Redirect("/connexion");
        if (!ModelState.IsValid) return Page();
        var code = Input.Code.Replace(" ", "");
        var detail = await LoginModel.SecondStepDetailAsync(HttpContext, "second facteur");
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
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
