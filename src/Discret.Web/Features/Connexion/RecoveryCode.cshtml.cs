using System.ComponentModel.DataAnnotations;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Connexion;

public sealed class RecoveryCodeModel(SignInManager<StaffAccount> signIn, Journal.AccessJournal journal) : PageModel
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
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(Input.Code.Replace(" ", "").Trim());
        await journal.WriteAsync(result.Succeeded ? JournalAction.Connexion : JournalAction.EchecSecondFacteur, detail: "code de secours",
            actor: LoginModel.Actor(account));
        if (result.Succeeded) return Redirect("/");
        ModelState.AddModelError("Input.Code", result.IsLockedOut ? LoginModel.LockedOut : "Code de secours incorrect ou déjà utilisé.");
        return Page();
    }
}
