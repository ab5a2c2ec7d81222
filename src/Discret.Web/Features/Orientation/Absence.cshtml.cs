using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Orientation;

/// <summary>Declaring, changing or ending a worker's absence (two dates, no reason): the head of her circonscription or the technical administrator.</summary>
/// <remarks>Back to « Équipe » for the head, to the account's page for the administrator.</remarks>
public sealed class AbsenceModel(Workers workers) : PageModel
{
    public sealed class InputModel
    {
        public DateOnly? From { get; set; }
        public DateOnly? Until { get; set; }
    }

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    public Workers.Worker? Worker { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Input = new InputModel { From = Worker!.AbsentFrom, Until = Worker.AbsentUntil };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync()) return NotFound();
        // A date the browser could not send as a date arrives as a model error on its field, in French (Shared/Input).
        if (!ModelState.IsValid) return Page();
        var outcome = await workers.DeclareAbsenceAsync(User, Id, new Workers.AbsenceRequest(Input.From, Input.Until), HttpContext.RequestAborted);
        return this.Answer(outcome, () => Redirect(BackHref));
    }

    public async Task<IActionResult> OnPostFinAsync()
    {
        if (!await LoadAsync()) return NotFound();
        ModelState.Clear();
        var outcome = await workers.EndAbsenceAsync(User, Id, HttpContext.RequestAborted);
        return this.Answer(outcome, () => Redirect(BackHref));
    }

    public string BackHref => User.Role() == Domain.Accounts.StaffRole.AdminTechnique ? $"/administration/comptes/{Id}" : "/equipe";

    private async Task<bool> LoadAsync()
    {
        Worker = await workers.FindForAsync(User, Id, HttpContext.RequestAborted);
        return Worker is not null;
    }
}
