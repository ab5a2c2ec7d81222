using Discret.Web.Shared.Documents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Discret.Web.Features.Registre;

/// <summary>
/// The register of processing, current or of a past version, with the list of versions: the DPO, and the heads of
/// circonscription who answer for their service (the same readers as the data catalogue). It holds no personal data,
/// so reading it writes no journal entry.
/// </summary>
public sealed class IndexModel(RegisterVersions versions) : PageModel
{
    [FromRoute] public int? Number { get; set; }
    public PublishedDocuments.Published<RegisterContent> Register { get; private set; } = null!;
    public int Current { get; private set; }
    public IReadOnlyList<PublishedDocuments.Summary> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var current = await versions.CurrentAsync(ct);
        Current = current.Number;
        if (Number is { } n && n != current.Number)
        {
            var old = await versions.FindAsync(n, ct);
            if (old is null) return NotFound();
            Register = old;
        }
        else Register = current;
        Versions = await versions.AllAsync(ct);
        return Page();
    }
}
