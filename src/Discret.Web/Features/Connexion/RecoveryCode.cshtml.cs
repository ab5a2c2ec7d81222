using System.ComponentModel.DataAnnotations;
using Discret.Web.Domain.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Connexion;

[AllowAnonymous]
public sealed class RecoveryCodeModel(SignInManager<StaffAccount> signIn) : PageModel
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
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null) return Redirect("/connexion");
        if (!ModelState.IsValid) return Page();
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(Input.Code.Replace(" ", "").Trim());
        if (result.Succeeded) return Redirect("/");
        ModelState.AddModelError("Input.Code", result.IsLockedOut ? LoginModel.LockedOut : "Code de secours incorrect ou déjà utilisé.");
        return Page();
    }
}
