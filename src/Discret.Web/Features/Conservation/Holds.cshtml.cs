using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Conservation;

/// <summary>The legal holds: in force (or to come), ended, lifted — file references, never names (DPO only).</summary>
public sealed class HoldsModel(LegalHolds holds) : PageModel
{
    public IReadOnlyList<LegalHolds.Row> Holds { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task OnGetAsync()
    {
        Holds = await holds.ListAsync(HttpContext.RequestAborted);
        Message = TempData["Gels.Message"] as string;
    }
}
