using Discret.Web.Shared;
using Discret.Data;
using Discret.Domain.Accounts;
using Discret.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Features.Administration.Comptes;

public sealed class CreateModel(DiscretDbContext db, AccountCommands commands) : PageModel
{
    public sealed class InputModel
    {
        public string? DisplayName { get; set; }
        public string? Login { get; set; }
        public StaffRole? Role { get; set; }
        public Guid? CirconscriptionId { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public List<SelectListItem> Circonscriptions { get; private set; } = [];

    public async Task OnGetAsync() => Circonscriptions = await AccountForm.CirconscriptionsAsync(db);

    public async Task<IActionResult> OnPostAsync()
    {
        Circonscriptions = await AccountForm.CirconscriptionsAsync(db);
        if (!ModelState.IsValid) return Page();
        var result = await commands.CreateAsync(Input.Login, Input.DisplayName, Input.Role, Input.CirconscriptionId, User.AccountId());
        return this.Answer(result, created =>
        {
            TempData[EditModel.MessageKey] = $"Compte créé. Il attend la confirmation de {created.Confirmer.Description} : c'est à cette personne, "
                                             + "jamais à vous, que Discret montrera le lien d'activation, à remettre en main propre au titulaire.";
            return Redirect($"/administration/comptes/{created.Account.Id}");
        });
    }
}
