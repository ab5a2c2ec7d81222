using System.ComponentModel.DataAnnotations;
using Discret.Data;
using Discret.Domain.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Connexion;

/// <summary>
/// The one-time link of a new or reset account, produced when a head of circonscription or the DPO confirmed the
/// administrator's request, and handed over by that person. The token travels in the query string (never written to
/// the request log) and is posted back; only its hash is stored. Its use is journaled.
/// </summary>
public sealed class ActivationModel(DiscretDbContext db, UserManager<StaffAccount> users, SignInManager<StaffAccount> signIn, TimeProvider clock,
    Journal.AccessJournal journal) : PageModel
{
    /// <summary>The link the confirmer hands over (shown once, on the confirmation page or by the <c>confirm-account</c> command).</summary>
    public static string Link(string baseUrl, string token) => $"{baseUrl.TrimEnd('/')}/activation?jeton={token}";

    public static string Link(HttpRequest request, string token) => Link($"{request.Scheme}://{request.Host}", token);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Saisissez un mot de passe.")]
        [StringLength(512, ErrorMessage = "Le mot de passe est trop long.")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Confirmez le mot de passe.")]
        [Compare(nameof(Password), ErrorMessage = "Les deux mots de passe ne sont pas identiques.")]
        public string Confirmation { get; set; } = "";
    }

    /// <summary>The link's token; null when the link carries none (« ?jeton= » binds as null).</summary>
    [BindProperty(SupportsGet = true)] public string? Jeton { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    public bool TokenValid { get; private set; }

    public async Task OnGetAsync() => TokenValid = await FindAccountAsync() is not null;

    public async Task<IActionResult> OnPostAsync()
    {
        var account = await FindAccountAsync();
        TokenValid = account is not null;
        if (account is null || !ModelState.IsValid) return Page();

        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.BeginJournaledTransactionAsync();
        if (await users.HasPasswordAsync(account)) await users.RemovePasswordAsync(account);
        var result = await users.AddPasswordAsync(account, Input.Password);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors) ModelState.AddModelError("Input.Password", e.Description);
            return Page();
        }
        account.ActivationUsed();
        account.PasswordWasChanged(now);
        journal.Record(Domain.Journal.JournalAction.ActivationCompte, reference: account.Id, actor: new Journal.JournalActor(account.Id, account.HasConfirmedAccess ? account.Role : null));
        await users.ResetAccessFailedCountAsync(account);
        await users.SetLockoutEndDateAsync(account, null);
        await users.UpdateAsync(account);
        await tx.CommitAsync();
        await signIn.SignInAsync(account, isPersistent: false);
        return Redirect("/");
    }

    private async Task<StaffAccount?> FindAccountAsync()
    {
        if (Jeton is not { Length: 64 } || !Jeton.All(char.IsAsciiHexDigitLower)) return null;
        var hash = StaffAccount.HashToken(Jeton);
        var account = await db.Users.FirstOrDefaultAsync(a => a.ActivationTokenHash == hash);
        return account is not null && account.ActivationTokenMatches(Jeton, clock.GetUtcNow().UtcDateTime) ? account : null;
    }
}
