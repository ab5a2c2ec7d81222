using Discret.Web.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Conservation;

/// <summary>One legal hold, and its lifting after confirmation (DPO only).</summary>
public sealed class HoldModel(LegalHolds holds) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    public LegalHolds.Row? Hold { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Hold = await holds.FindAsync(Id, HttpContext.RequestAborted);
        return Hold is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostLiftAsync()
    {
        var result = await holds.LiftAsync(User, Id, HttpContext.RequestAborted);
        if (result.Status == ResultStatus.NotFound) return NotFound();
        if (result.Succeeded)
        {
            TempData["Gels.Message"] = "Le gel est levé : les données du dossier suivent de nouveau les durées de conservation.";
            return Redirect("/conservation/gels");
        }
        ModelState.AddErrors(result.Errors);
        Hold = await holds.FindAsync(Id, HttpContext.RequestAborted);
        return Hold is null ? NotFound() : Page();
    }
}
