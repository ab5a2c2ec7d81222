using System.ComponentModel.DataAnnotations;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Discret.Web.Features.Connexion;

/// <summary>Second step of the login with a one-time recovery code instead of the TOTP code.</summary>
public sealed class RecoveryCodeModel(SignInManager<StaffAccount> signIn, IOptions<SecuritySettings> security, Journal.AccessJournal journal) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Saisissez un code de secours.")]
        [StringLength(40, ErrorMessage = "Ce code est trop long.")]
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
        // A wrong code is a failure like a wrong TOTP code (delay, lockout); a locked account is refused before any code
        // is looked at (DiscretSignInManager).
        var detail = await LoginModel.SecondStepDetailAsync(HttpContext, "code de secours");
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(Input.Code);
        if (await LoginModel.ProConnectBindingRefusedAsync(signIn, journal, account) is { } refused) return refused;
        await journal.WriteAsync(result.Succeeded ? JournalAction.Connexion : JournalAction.EchecSecondFacteur,
            detail: result.IsLockedOut ? detail + ", compte verrouillé" : detail, actor: LoginModel.Actor(account));
        if (result.Succeeded) return Redirect("/");
        if (result.IsLockedOut)
        {
            ModelState.AddModelError("", LoginModel.LockedOut);
            return Page();
        }
        await Task.Delay(security.Value.FailureDelay(account.AccessFailedCount));
        ModelState.AddModelError("Input.Code", "Code de secours incorrect ou déjà utilisé.");
        return Page();
    }
}
