using Discret.Web.Shared;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Discret.Web.Features.Administration.Comptes;

public sealed class EditModel(DiscretDbContext db, AccountCommands commands) : PageModel
{
    public const string ActivationLinkKey = "activation-link";
    public const string MessageKey = "account-message";

    public sealed class InputModel
    {
        public StaffRole? Role { get; set; }
        public Guid? CirconscriptionId { get; set; }
    }

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    public string DisplayName { get; private set; } = "";
    public string Login { get; private set; } = "";
    public bool IsActive { get; private set; }
    public string? ActivationLink { get; private set; }
    public string? Message { get; private set; }
    public List<SelectListItem> Circonscriptions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync(fillInput: true)) return NotFound();
        ActivationLink = TempData[ActivationLinkKey] as string;
        Message = TempData[MessageKey] as string;
        return Page();
    }

    public async Task<IActionResult> OnPostAssignmentAsync()
    {
        if (!await LoadAsync(fillInput: false)) return NotFound();
        var result = await commands.ChangeAssignmentAsync(Id, User.AccountId(), Input.Role, Input.CirconscriptionId);
        return Done(result, "Rôle et rattachement enregistrés. Les sessions ouvertes du titulaire prennent fin.");
    }

    public async Task<IActionResult> OnPostDeactivateAsync()
    {
        if (!await LoadAsync(fillInput: true)) return NotFound();
        return Done(await commands.DeactivateAsync(Id, User.AccountId()), "Compte désactivé.");
    }

    public async Task<IActionResult> OnPostReactivateAsync()
    {
        if (!await LoadAsync(fillInput: true)) return NotFound();
        return Done(await commands.ReactivateAsync(Id), "Compte réactivé.");
    }

    public async Task<IActionResult> OnPostResetAsync()
    {
        if (!await LoadAsync(fillInput: true)) return NotFound();
        var result = await commands.ResetAsync(Id, User.AccountId());
        if (result.Succeeded) TempData[ActivationLinkKey] = AccountForm.ActivationLink(Request, result.Value.Token);
        return Done(result, "Compte réinitialisé : le titulaire doit utiliser le nouveau lien d'activation.");
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

    private async Task<bool> LoadAsync(bool fillInput)
    {
        var account = await db.Users.AsNoTracking().FirstOrDefaultAsync(a => a.Id == Id);
        if (account is null) return false;
        DisplayName = account.DisplayName;
        Login = account.UserName ?? "";
        IsActive = account.IsActive;
        if (fillInput) Input = new InputModel { Role = account.Role, CirconscriptionId = account.CirconscriptionId };
        Circonscriptions = await AccountForm.CirconscriptionsAsync(db);
        return true;
    }
}
