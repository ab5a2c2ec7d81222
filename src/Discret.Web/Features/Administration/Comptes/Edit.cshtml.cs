using Discret.Web.Shared;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Administration.Comptes;

public sealed class EditModel(DiscretDbContext db, AccountCommands commands, IConfiguration configuration) : PageModel
{
    public const string MessageKey = "account-message";

    public sealed class InputModel
    {
        public StaffRole? Role { get; set; }
        public Guid? CirconscriptionId { get; set; }
        public string? ProConnectEmail { get; set; }
    }

    /// <summary>The ProConnect section shows only when ProConnect is configured.</summary>
    public bool ProConnectOffered => Connexion.ProConnectSettings.From(configuration).Enabled;
    public string? LinkedEmail { get; private set; }
    /// <summary>Whether a ProConnect identity (sub) is bound yet, by a first sign-in.</summary>
    public bool ProConnectBound { get; private set; }

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    public string DisplayName { get; private set; } = "";
    public string Login { get; private set; } = "";
    public bool IsActive { get; private set; }
    /// <summary>Where the account stands with its confirmation: what awaits whom, or the last decision.</summary>
    public string? Confirmation { get; private set; }
    public string? Message { get; private set; }
    public List<SelectListItem> Circonscriptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync(fillInput: true)) return NotFound();
        Message = TempData[MessageKey] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostAssignmentAsync()
    {
        if (!await LoadAsync(fillInput: false)) return NotFound();
        var result = await commands.ChangeAssignmentAsync(Id, User.AccountId(), Input.Role, Input.CirconscriptionId);
        return Done(result, result.Succeeded && result.Value is { } changed
            ? $"Rôle et rattachement enregistrés. Les sessions ouvertes du titulaire prennent fin et le compte n'a plus accès à rien jusqu'à la confirmation de {changed.Confirmer.Description}."
            : "Rien n'a changé.");
    }

    public async Task<IActionResult> OnPostDeactivateAsync()
    {
        if (!await LoadAsync(fillInput: true)) return NotFound();
        return Done(await commands.DeactivateAsync(Id, User.AccountId()), "Compte désactivé.");
    }

    public async Task<IActionResult> OnPostReactivateAsync()
    {
        if (!await LoadAsync(fillInput: true)) return NotFound();
        var result = await commands.ReactivateAsync(Id, User.AccountId());
        return Done(result, result.Succeeded ? $"Compte réactivé. Il n'a accès à rien jusqu'à la confirmation de {result.Value.Confirmer.Description}." : "");
    }

    public async Task<IActionResult> OnPostProConnectAsync()
    {
        var email = Input.ProConnectEmail;
        if (!await LoadAsync(fillInput: true)) return NotFound();
        Input.ProConnectEmail = email;
        return Done(await commands.LinkProConnectAsync(Id, email),
            "Compte lié à ProConnect : la première connexion avec ProConnect sous cette adresse, confirmée par le second facteur du titulaire, liera l'identité ProConnect au compte.");
    }

    public async Task<IActionResult> OnPostProConnectUnlinkAsync()
    {
        if (!await LoadAsync(fillInput: true)) return NotFound();
        return Done(await commands.UnlinkProConnectAsync(Id), "Liaison ProConnect supprimée : ProConnect n'ouvre plus ce compte.");
    }

    public async Task<IActionResult> OnPostResetAsync()
    {
        if (!await LoadAsync(fillInput: true)) return NotFound();
        var result = await commands.ResetAsync(Id, User.AccountId());
        return Done(result, result.Succeeded
            ? $"Réinitialisation demandée. Elle attend la confirmation de {result.Value.Confirmer.Description}, à qui Discret montrera le nouveau lien "
              + "d'activation, à remettre en main propre au titulaire. D'ici là, rien ne change pour le compte."
            : "");
    }

    private IActionResult Done(Result result, string message)
    {
        if (result.Status == ResultStatus.NotFound) return NotFound();
        if (!result.Succeeded)
        {
            foreach (var key in ModelState.Keys.ToList()) ModelState[key]!.Errors.Clear();
            ModelState.AddErrors(result.Errors);
            return Page();
        }
        TempData[MessageKey] = message;
        return Redirect($"/administration/comptes/{Id}");
    }

    private async Task<string?> ConfirmationAsync(StaffAccount account)
    {
        var last = await db.AccountRequests.AsNoTracking().Where(r => r.AccountId == account.Id).OrderByDescending(r => r.RequestedAt).FirstOrDefaultAsync();
        if (last is { IsPending: true })
            return $"Demande du {ParisTime.DayAtTime(last.RequestedAt)} ({last.Kind.Label().ToLowerInvariant()}) : elle attend la confirmation de "
                   + $"{(await ComptesAConfirmer.Confirmers.ForAsync(db, account)).Description}, à qui Discret montrera le lien d'activation s'il y en a un.";
        if (last is { Outcome: AccountRequestOutcome.Refusee })
            return $"Demande du {ParisTime.DayAtTime(last.RequestedAt)} ({last.Kind.Label().ToLowerInvariant()}) : refusée le {ParisTime.DayAtTime(last.DecidedAt!.Value)}."
                   + (account.HasConfirmedAccess ? "" : " Le compte n'a accès à aucun dossier.");
        if (account.IsActive && !account.HasConfirmedAccess)
            return "Le rôle et la circonscription de ce compte n'ont pas été confirmés : il n'a accès à aucun dossier. Demandez une réinitialisation pour les faire confirmer.";
        return null;
    }

    private async Task<bool> LoadAsync(bool fillInput)
    {
        var account = await db.Users.AsNoTracking().FirstOrDefaultAsync(a => a.Id == Id);
        if (account is null) return false;
        DisplayName = account.DisplayName;
        Login = account.UserName ?? "";
        IsActive = account.IsActive;
        LinkedEmail = account.ProConnectEmail;
        ProConnectBound = await db.UserLogins.AnyAsync(l => l.UserId == account.Id && l.LoginProvider == Connexion.ProConnect.LoginProvider);
        Confirmation = await ConfirmationAsync(account);
        if (fillInput) Input = new InputModel { Role = account.Role, CirconscriptionId = account.CirconscriptionId, ProConnectEmail = account.ProConnectEmail };
        Circonscriptions = await AccountForm.CirconscriptionsAsync(db);
        return true;
    }
}
