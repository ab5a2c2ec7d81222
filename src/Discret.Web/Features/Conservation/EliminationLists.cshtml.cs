using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Conservation;

/// <summary>The elimination batches and their status (DPO only).</summary>
public sealed class EliminationListsModel(EliminationBatches batches) : PageModel
{
    public IReadOnlyList<EliminationBatches.Summary> Batches { get; private set; } = [];

    public async Task OnGetAsync() => Batches = await batches.ListAsync(HttpContext.RequestAborted);
}
