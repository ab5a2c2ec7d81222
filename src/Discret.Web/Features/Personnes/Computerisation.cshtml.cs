using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Personnes;

/// <summary>
/// The person refuses computerisation (explained, with what will be deleted, confirmed by a box) — or, on a minimal
/// record, accepts it again. The assigned social worker only.
/// </summary>
public sealed class ComputerisationModel(PersonFileContext files, ComputerisationRefusal refusal) : PageModel
{
    public sealed class InputModel
    {
        public bool Confirm { get; set; }
    }

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    public ComputerisationRefusal.Target Target { get; private set; } = null!;
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var target = await refusal.TargetAsync(await files.PersonAsync(Id), HttpContext.RequestAborted);
        if (target is null) return NotFound();
        Target = target;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await refusal.RefuseAsync(await files.PersonAsync(Id), new ComputerisationRefusal.Request(Input.Confirm), HttpContext.RequestAborted);
        return await AnswerAsync(outcome);
    }

    public async Task<IActionResult> OnPostAcceptAsync()
    {
        var outcome = await refusal.AcceptAsync(await files.PersonAsync(Id), HttpContext.RequestAborted);
        return await AnswerAsync(outcome);
    }

    private async Task<IActionResult> AnswerAsync(Result outcome)
    {
        if (outcome.Succeeded) return Redirect($"/personnes/{Id}");
        var target = await refusal.TargetAsync(await files.PersonAsync(Id), HttpContext.RequestAborted);
        if (outcome.Status == ResultStatus.NotFound || target is null) return NotFound();
        Target = target;
        if (outcome.Status == ResultStatus.Conflict) Refusal = outcome.Message;
        else ModelState.AddErrors(outcome.Errors);
        return Page();
    }
}
