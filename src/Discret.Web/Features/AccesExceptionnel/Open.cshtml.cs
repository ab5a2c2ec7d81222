using Discret.Domain.Journal;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Features.AccesExceptionnel;

/// <summary>
/// The break-glass form for one person: reason, justification (through the sobriety guard), confirmation of warned
/// words. A person of another circonscription does not exist here (404 on the page); a forged POST for one is refused
/// and journaled by the use case.
/// </summary>
public sealed class OpenModel(BreakGlass breakGlass) : PageModel
{
    public sealed class InputModel
    {
        public BreakGlassReason? Reason { get; set; }
        public string? Justification { get; set; }
        public bool ConfirmWarnings { get; set; }
    }

    [FromRoute] public Guid Id { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();
    public BreakGlass.Target? Target { get; private set; }
    /// <summary>Why nothing was opened (another circonscription, weekly limit, already open, already followed).</summary>
    public string? Refusal { get; private set; }
    public bool ShowForm => Refusal is null && Target is { SameCirconscription: true, Assigned: false, Running: null };

    public static IEnumerable<SelectListItem> Reasons =>
        new[] { new SelectListItem("Choisissez un motif", "") }
            .Concat(Enum.GetValues<BreakGlassReason>().Select(r => new SelectListItem(r.Label(), r.ToString())));

    public async Task<IActionResult> OnGetAsync()
    {
        Target = await breakGlass.TargetAsync(User, Id, HttpContext.RequestAborted);
        if (Target is not { SameCirconscription: true }) return NotFound();
        if (Target.Assigned) Refusal = BreakGlass.AlreadyAssignedMessage;
        else if (await breakGlass.WaitingPeriodAsync(User, HttpContext.RequestAborted) is { } waiting)
        {
            // Not even the name: the account may not look for files outside its own yet.
            Refusal = waiting;
            Target = Target with { Name = null, BirthDate = null };
        }
        else if (Target.Running is { } running) Refusal = BreakGlass.AlreadyOpenMessage(running);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var ct = HttpContext.RequestAborted;
        if (!ModelState.IsValid)
        {
            Target = await breakGlass.TargetAsync(User, Id, ct);
            return Target is { SameCirconscription: true } ? Page() : NotFound();
        }
        var result = await breakGlass.OpenAsync(User, new BreakGlass.Request(Id, Input.Reason, Input.Justification, Input.ConfirmWarnings), ct);
        switch (result.Status)
        {
            case ResultStatus.Ok:
                return Redirect($"/personnes/{Id}");
            case ResultStatus.NotFound:
                return NotFound();
            case ResultStatus.Invalid:
                ModelState.AddErrors(result.Errors);
                break;
            default:
                Refusal = result.Message;
                break;
        }
        Target = await breakGlass.TargetAsync(User, Id, ct);
        return Page();
    }
}
