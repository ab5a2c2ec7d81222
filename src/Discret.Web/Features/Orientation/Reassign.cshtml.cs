using Discret.Domain.Accounts;
using Discret.Web.Security;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Features.Orientation;

/// <summary>« À réattribuer »: the follow-ups whose referent is gone or absent, and their handover to an available worker.</summary>
public sealed class ReassignModel(Handover handover, Workers workers) : PageModel
{
    public sealed class InputModel
    {
        public List<Guid> FollowUpIds { get; set; } = [];
        public Guid? NewReferentId { get; set; }
        public HandoverReason? Reason { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public Handover.Page List { get; private set; } = null!;
    public Guid? FormerReferent { get; private set; }
    public IReadOnlyList<Workers.Worker> Available { get; private set; } = [];
    /// <summary>How many follow-ups the last handover moved (shown once after the redirect).</summary>
    [TempData] public int? HandedOver { get; set; }

    public IEnumerable<SelectListItem> ReferentChoices => Available
        .Select(w => new SelectListItem($"{w.Name} ({w.Role.Label().ToLowerInvariant()})", w.Id.ToString()))
        .Prepend(new SelectListItem("Choisissez le nouveau référent", ""));

    public static IEnumerable<SelectListItem> ReasonChoices => Enum.GetValues<HandoverReason>()
        .Select(r => new SelectListItem(r.Label(), r.ToString()))
        .Prepend(new SelectListItem("Choisissez le motif", ""));

    public async Task OnGetAsync(string? referent = null, string? apres = null) =>
        await LoadAsync(Guid.TryParse(referent, out var r) ? r : null, Guid.TryParse(apres, out var a) ? a : null);

    public async Task<IActionResult> OnPostAsync(string? referent)
    {
        var outcome = await handover.HandOverAsync(User, new Handover.Request(Input.FollowUpIds, Input.NewReferentId, Input.Reason), HttpContext.RequestAborted);
        if (outcome.Succeeded)
        {
            HandedOver = outcome.Value;
            return Redirect("/a-reattribuer");
        }
        if (outcome.Status == ResultStatus.NotFound) return NotFound();
        ModelState.AddErrors(outcome.Errors);
        await LoadAsync(Guid.TryParse(referent, out var r) ? r : null, null);
        return Page();
    }

    private async Task LoadAsync(Guid? formerReferent, Guid? after)
    {
        FormerReferent = formerReferent;
        List = await handover.ToReassignAsync(User, formerReferent, after, Handover.PageSize, HttpContext.RequestAborted);
        Available = await workers.AvailableTodayAsync(User.CirconscriptionId(), HttpContext.RequestAborted);
    }
}
