using System.ComponentModel.DataAnnotations;
using Discret.Domain.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Compte;

public sealed class ChangePasswordModel(UserManager<StaffAccount> users, SignInManager<StaffAccount> signIn, TimeProvider clock,
    Journal.AccessJournal journal) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Saisissez votre mot de passe actuel.")]
        [StringLength(512, ErrorMessage = "Le mot de passe est trop long.")]
        public string Current { get; set; } = "";

        [Required(ErrorMessage = "Saisissez un nouveau mot de passe.")]
        [StringLength(512, ErrorMessage = "Le mot de passe est trop long.")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Confirmez le nouveau mot de passe.")]
        [Compare(nameof(Password), ErrorMessage = "Les deux mots de passe ne sont pas identiques.")]
        public string Confirmation { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public bool Done { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var account = await users.GetUserAsync(User);
        if (account is null) return Redirect("/connexion");
        if (Input.Password == Input.Current)
        {
            ModelState.AddModelError("Input.Password", "Le nouveau mot de passe doit être différent de l'actuel.");
            return Page();
        }
        if (!await users.CheckPasswordAsync(account, Input.Current))
        {
            // As a failed login: journaled, counted towards the lockout; a locked account's session ends here.
            await users.AccessFailedAsync(account);
            var locked = await users.IsLockedOutAsync(account);
            await journal.WriteAsync(Domain.Journal.JournalAction.EchecConnexion,
                detail: locked ? "changement de mot de passe : compte verrouillé" : "changement de mot de passe : mot de passe actuel");
            if (locked)
            {
                await users.UpdateSecurityStampAsync(account); // ends the account's other sessions too
                await signIn.SignOutAsync();
                return Redirect("/connexion");
            }
            ModelState.AddModelError("Input.Current", "Le mot de passe actuel n'est pas le bon.");
            return Page();
        }
        await users.ResetAccessFailedCountAsync(account);
        var result = await users.ChangePasswordAsync(account, Input.Current, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Input.Current" : "Input.Password", e.Description);
            return Page();
        }
        account.PasswordWasChanged(clock.GetUtcNow().UtcDateTime);
        await users.UpdateAsync(account);
        await signIn.RefreshSignInAsync(account);
        Done = true;
        Input = new();
        return Page();
    }
}
