using Discret.Domain.Accounts;
using Discret.Web.Features.Connexion;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Compte;

public sealed class CharterPageModel(UserManager<StaffAccount> users, SignInManager<StaffAccount> signIn, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<Journal.JournalAlertSettings> alerts, Microsoft.Extensions.Options.IOptions<Journal.JournalSettings> journal,
    Microsoft.Extensions.Options.IOptions<Discret.Web.Security.SecuritySettings> security) : PageModel
{
    /// <summary>The rules of the DPO's alerts in force: they concern each worker, so the charter states them.</summary>
    public IReadOnlyList<string> AlertRules => alerts.Value.Rules();

    /// <summary>What Discret keeps about the worker, by category, with how long (the staff processing's catalogue).</summary>
    public IReadOnlyList<Discret.Catalogue.StaffCatalogue.Category> KeptAboutYou =>
        Discret.Catalogue.StaffCatalogue.ByCategory(journal.Value.Retention, security.Value.DeactivatedAccountData);

    public TimeSpan JournalRetention => journal.Value.Retention;

    public sealed class InputModel
    {
        public bool Accept { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Input.Accept)
        {
            ModelState.AddModelError("Input.Accept", "Cochez la case pour accepter la charte : elle est nécessaire pour utiliser Discret.");
            return Page();
        }
        var account = await users.GetUserAsync(User);
        if (account is null) return Redirect("/connexion");
        account.AcceptCharter(Charter.Version, clock.GetUtcNow().UtcDateTime);
        await users.UpdateAsync(account);
        await signIn.RefreshSignInAsync(account);
        return Redirect("/");
    }
}
