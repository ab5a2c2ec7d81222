using Discret.Domain.Retention;
using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Discret.Web.Features.Conservation;

/// <summary>
/// Sets a legal hold from the opaque reference of a file: typed, or carried from a rights request's page
/// (<c>?personne=…&amp;demande=…</c>). DPO only.
/// </summary>
public sealed class NewHoldModel(LegalHolds holds, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        public string? PersonReference { get; set; }
        public HoldReason? Reason { get; set; }
        public string? Details { get; set; }
        public string? From { get; set; }
        public string? Until { get; set; }
        public bool ConfirmWarnings { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    /// <summary>The rights request the DPO comes from, if any.</summary>
    [BindProperty(SupportsGet = true, Name = "demande")] public Guid? RequestId { get; set; }
    [FromQuery(Name = "personne")] public Guid? PersonId { get; set; }

    public static IEnumerable<SelectListItem> ReasonChoices =>
        new[] { new SelectListItem("Choisissez le motif", "") }.Concat(Enum.GetValues<HoldReason>().Select(r => new SelectListItem(r.Label(), r.ToString())));

    public string BackHref => RequestId is { } r ? $"/droits/demandes/{r}" : "/conservation/gels";

    public void OnGet()
    {
        Input.PersonReference = PersonId?.ToString();
        Input.From = ParisTime.Iso(ParisTime.Today(clock));
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // A wrong value in a closed list or a date field: the use case says it in French.
        foreach (var key in ModelState.Keys.ToList()) ModelState.Remove(key);
        var result = await holds.SetAsync(User, new LegalHolds.Request(Input.PersonReference, Input.Reason, Input.Details, Input.From, Input.Until,
            Input.ConfirmWarnings, RequestId), HttpContext.RequestAborted);
        return this.Answer(result, _ =>
        {
            TempData["Gels.Message"] = "La suppression des données du dossier est gelée.";
            return Redirect("/conservation/gels");
        });
    }
}
