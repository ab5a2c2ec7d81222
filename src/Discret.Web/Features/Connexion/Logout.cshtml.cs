using Discret.Domain.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Connexion;

public sealed class LogoutModel(SignInManager<StaffAccount> signIn, Journal.AccessJournal journal) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true) await journal.WriteAsync(Domain.Journal.JournalAction.Deconnexion);
        await signIn.SignOutAsync();
        return RedirectToPage();
    }
}
