using System.ComponentModel.DataAnnotations;
using Discret.Domain.Accounts;
using Discret.Domain.Journal;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Discret.Web.Features.Connexion;

public sealed class LoginModel(SignInManager<StaffAccount> signIn, UserManager<StaffAccount> users, IOptions<SecuritySettings> security, IOptions<DiscretSettings> settings,
    Journal.AccessJournal journal) : PageModel
{
    public const string WrongCredentials = "Identifiant ou mot de passe incorrect.";
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

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Redirect("/") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        var login = Input.Login.Trim().ToLowerInvariant();
        var result = await signIn.PasswordSignInAsync(login, Input.Password, isPersistent: false, lockoutOnFailure: true);
        var account = await users.FindByNameAsync(login);
        if (result.Succeeded)
        {
            // First sign-in of an account without a second factor yet (enrolment follows at once).
            await journal.WriteAsync(JournalAction.Connexion, detail: "mot de passe", actor: Actor(account));
            return Redirect("/");
        }
        if (result.RequiresTwoFactor) return RedirectToPage("/Connexion/SecondFactor");

        // The typed login is never journaled (it may be anything); the account is, when there is one.
        await journal.WriteAsync(JournalAction.EchecConnexion, detail: result.IsLockedOut ? "compte verrouillé" : "mot de passe", actor: Actor(account));
        if (result.IsLockedOut)
        {
            ModelState.AddModelError("", LockedOut);
            return Page();
        }
        // Progressive delay: every failure on an existing account waits longer before the answer.
        if (account is not null) await Task.Delay(security.Value.FailureDelay(account.AccessFailedCount));
        ModelState.AddModelError(nameof(Input) + "." + nameof(Input.Password), WrongCredentials);
        return Page();
    }

    internal static Journal.JournalActor Actor(StaffAccount? account) => new(account?.Id, account?.Role);
}
