using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Personnes;

/// <summary>
/// The person refuses computerisation (explained, with what will be deleted, confirmed by a box) — or, on a minimal
/// record, accepts it again. The assigned social worker only.
/// </summary>
public sealed class ComputerisationModel(ComputerisationRefusal refusal) : PageModel
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
        var target = await refusal.TargetAsync(User, Id, HttpContext.RequestAborted);
        if (target is null) return NotFound();
        Target = target;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await refusal.RefuseAsync(User, Id, new ComputerisationRefusal.Request(Input.Confirm), HttpContext.RequestAborted);
        return await AnswerAsync(outcome);
    }

    public async Task<IActionResult> OnPostAcceptAsync()
    {
        var outcome = await refusal.AcceptAsync(User, Id, HttpContext.RequestAborted);
        return await AnswerAsync(outcome);
    }

    private async Task<IActionResult> AnswerAsync(ComputerisationRefusal.Outcome outcome)
    {
        if (outcome.Status == ComputerisationRefusal.Status.Done) return Redirect($"/personnes/{Id}");
        var target = await refusal.TargetAsync(User, Id, HttpContext.RequestAborted);
        if (outcome.Status == ComputerisationRefusal.Status.NotFound || target is null) return NotFound();
        Target = target;
        ModelState.AddErrors(outcome.Errors);
        Refusal = outcome.Message;
        return Page();
    }
}
